/**
 * The embedded demo Kubernetes cluster of Model Scaling for Backstage.
 *
 * @packageDocumentation
 */

export { startDemoCluster } from './startDemoCluster';
export type { DemoCluster, DemoClusterOptions } from './startDemoCluster';
export type { DemoFaults, PodFaultMode } from './api/faults';
export type { SyntheticOptions } from './simulation/synthetic';
export { demoClusterPlugin } from './plugin';
export { demoClusterPlugin as default } from './plugin';
export { readDemoClusterConfig } from './config';
export type { DemoClusterConfig } from './config';
