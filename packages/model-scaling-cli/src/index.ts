/**
 * The `model-scaling` CLI: lint a model service repository, render a plan,
 * simulate autoscaling and advise Triton batching.
 *
 * @packageDocumentation
 */
export { main, createProgram } from './main';
export type { CliIo } from './io';
