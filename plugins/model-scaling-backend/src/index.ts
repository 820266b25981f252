/**
 * Backend plugin model-scaling: cluster watch cache, Triton collection and
 * the v1 REST API of Model Scaling for Backstage.
 *
 * @packageDocumentation
 */

export { modelScalingPlugin as default } from './plugin';
