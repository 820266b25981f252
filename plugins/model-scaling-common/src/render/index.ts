export { renderManifests, renderServiceFiles } from './renderManifests';
export type { RenderedFile, KubernetesObject } from './types';
export { SPOT_CAPACITY } from './nodePlacement';
export { renderLoadTestScript, serviceEndpoint } from './renderLoadTestScript';
export { renderScalingDoc } from './renderScalingDoc';
