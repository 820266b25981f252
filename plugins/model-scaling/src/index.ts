/**
 * Frontend plugin of Model Scaling for Backstage: the Scaling tab on model
 * services and the fleet page. The legacy frontend system uses the exports
 * here; the new frontend system installs the default export of
 * `@internal/plugin-model-scaling/alpha`.
 *
 * @packageDocumentation
 */

export {
  modelScalingPlugin,
  EntityModelScalingContent,
  ModelScalingPage,
} from './plugin';
export { isModelScalingAvailable } from './isModelScalingAvailable';
export { modelScalingApiRef } from './api/ModelScalingApi';
export type {
  ModelScalingApi,
  ModelScalingRequestOptions,
} from './api/ModelScalingApi';
export { ModelScalingClient } from './api/ModelScalingClient';
export { rootRouteRef as modelScalingRouteRef } from './routes';
