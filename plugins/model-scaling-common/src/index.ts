/**
 * Domain library of Model Scaling for Backstage: patterns, plans, renderers,
 * autoscaler simulator, batching model, live interpretation and findings.
 * Pure TypeScript without I/O; runs in the browser and in Node.
 *
 * @packageDocumentation
 */

export * from './types/status';
export * from './types/traffic';
export * from './whatif';
export * from './patterns';
export * from './quantity';
export * from './slim';
export * from './plan';
export * from './permissions';
export * from './annotations';
export * from './gpu';
export * from './triton-live';
export * from './status';
export * from './workload';
export * from './triton';
export * from './render';
export * from './repository';
export * from './simulator';
export * from './drift';
export * from './lint';
export * from './batching';
export * from './findings';
export * from './history';
export * from './verdict';
export * from './economics';
export * from './fixes';
export * from './fleet';
export * from './fleetWhatIf';
