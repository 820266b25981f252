import { createApiRef } from '@backstage/frontend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ClustersResponse,
  CostSettings,
  EntityHistoryResponse,
  EntityScalingStatus,
  FleetCostsResponse,
  FleetPageRequest,
  FleetPageResponse,
  FleetResponse,
  TrafficResponse,
} from '@internal/plugin-model-scaling-common';

/**
 * Options of a single request to the model-scaling backend.
 *
 * @public
 */
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
  /**
   * The recorded history of the entity's workloads: the retention window, or
   * only the points after `after` (the newest time the caller holds). Optional
   * so implementations written before it keep compiling; the Scaling tab
   * shows no charts without it.
   */
  getEntityHistory?(
    entityRef: string | CompoundEntityRef,
    request?: { after?: string },
    options?: ModelScalingRequestOptions,
  ): Promise<EntityHistoryResponse>;
  /**
   * All model services, one row each (`GET /v1/services`, kept for API callers).
   *
   * @deprecated Use getFleetPage
   */
  getFleet(options?: ModelScalingRequestOptions): Promise<FleetResponse>;
  /** One page of the fleet, filtered, sorted and paged by the backend, with the fleet's totals. */
  getFleetPage(
    request: FleetPageRequest,
    options?: ModelScalingRequestOptions,
  ): Promise<FleetPageResponse>;
  /** Connection health of every configured cluster. */
  getClusters(options?: ModelScalingRequestOptions): Promise<ClustersResponse>;
  /**
   * A service's recorded request rate over `range` (`24h`, `7d`). Optional
   * so implementations without GPU economics keep compiling; the cost card
   * and the replay are hidden without it.
   */
  getTraffic?(
    entityRef: string | CompoundEntityRef,
    range: string,
    options?: ModelScalingRequestOptions,
  ): Promise<TrafficResponse>;
  /** `modelScaling.costs` as the backend resolved it (prices per GPU-hour, on or off). */
  getCostSettings?(options?: ModelScalingRequestOptions): Promise<CostSettings>;
  /** The fleet's GPU-hours, idle share and top savings over the last 24 h. */
  getFleetCosts?(
    options?: ModelScalingRequestOptions,
  ): Promise<FleetCostsResponse>;
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
