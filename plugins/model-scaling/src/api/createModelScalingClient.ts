import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ModelScalingApi } from './ModelScalingApi';
import { ModelScalingClient } from './ModelScalingClient';

/** The API factory shared by both frontend systems. */
export function createModelScalingClient(deps: {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}): ModelScalingApi {
  return new ModelScalingClient(deps);
}
