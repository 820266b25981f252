import { createApiRef } from '@backstage/frontend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ClustersResponse,
  EntityScalingStatus,
  FleetResponse,
} from '@internal/plugin-model-scaling-common';

/** Options of a single request to the model-scaling backend. */
export interface ModelScalingRequestOptions {
  /** Aborts the request, e.g. when the component that asked unmounts. */
  signal?: AbortSignal;
}

/**
 * Reads the model-scaling backend (`/api/model-scaling/v1`).
 *
 * @public
 */
export interface ModelScalingApi {
  /** The Scaling tab's document for one catalog entity. */
  getEntityStatus(
    entityRef: string | CompoundEntityRef,
    options?: ModelScalingRequestOptions,
  ): Promise<EntityScalingStatus>;
  /** All model services, one row each (the fleet page). */
  getFleet(options?: ModelScalingRequestOptions): Promise<FleetResponse>;
  /** Connection health of every configured cluster. */
  getClusters(options?: ModelScalingRequestOptions): Promise<ClustersResponse>;
}

/**
 * The API reference of {@link ModelScalingApi}.
 *
 * @public
 */
export const modelScalingApiRef = createApiRef<ModelScalingApi>().with({
  id: 'plugin.model-scaling.service',
  pluginId: 'model-scaling',
});
