import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClustersResponse,
  CostSettings,
  EntityHistoryResponse,
  EntityScalingStatus,
  FleetCostsResponse,
  FleetPageRequest,
  FleetPageResponse,
  fleetQueryString,
  FleetResponse,
  TrafficResponse,
} from '@internal/plugin-model-scaling-common';
import { ModelScalingApi, ModelScalingRequestOptions } from './ModelScalingApi';

/** The plugin id the backend is mounted under (`/api/model-scaling`). */
const PLUGIN_ID = 'model-scaling';

/**
 * {@link ModelScalingApi} over HTTP, through the app's `fetchApi` (which adds
 * the user's Backstage credentials) and `discoveryApi`.
 *
 * @public
 */
export class ModelScalingClient implements ModelScalingApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntityStatus(
    entityRef: string | CompoundEntityRef,
    options?: ModelScalingRequestOptions,
  ): Promise<EntityScalingStatus> {
    const ref =
      typeof entityRef === 'string'
        ? parseEntityRef(entityRef, { defaultNamespace: 'default' })
        : entityRef;
    const path = [ref.namespace, ref.kind.toLocaleLowerCase('en-US'), ref.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    const doc = await this.get<EntityScalingStatus>(
      `/v1/entities/${path}/status`,
      options,
    );
    requireArrays('EntityScalingStatus', doc, [
      'workloads',
      'findings',
      'clusterErrors',
    ]);
    return doc;
  }

  async getFleet(options?: ModelScalingRequestOptions): Promise<FleetResponse> {
    const doc = await this.get<FleetResponse>('/v1/services', options);
    requireArrays('FleetResponse', doc, ['services']);
    return doc;
  }

  async getFleetPage(
    request: FleetPageRequest,
    options?: ModelScalingRequestOptions,
  ): Promise<FleetPageResponse> {
    const doc = await this.get<FleetPageResponse>(
      `/v1/fleet${fleetQueryString(request)}`,
      options,
    );
    requireArrays('FleetPageResponse', doc, ['rows']);
    return doc;
  }

  async getClusters(
    options?: ModelScalingRequestOptions,
  ): Promise<ClustersResponse> {
    const doc = await this.get<ClustersResponse>('/v1/clusters', options);
    requireArrays('ClustersResponse', doc, ['clusters']);
    return doc;
  }

  async getEntityHistory(
    entityRef: string | CompoundEntityRef,
    request: { after?: string } = {},
    options?: ModelScalingRequestOptions,
  ): Promise<EntityHistoryResponse> {
    const query = request.after
      ? `?after=${encodeURIComponent(request.after)}`
      : '';
    const doc = await this.get<EntityHistoryResponse>(
      `/v1/entities/${entityPath(entityRef)}/history${query}`,
      options,
    );
    requireArrays('EntityHistoryResponse', doc, ['workloads']);
    return doc;
  }

  async getTraffic(
    entityRef: string | CompoundEntityRef,
    range: string,
    options?: ModelScalingRequestOptions,
  ): Promise<TrafficResponse> {
    const doc = await this.get<TrafficResponse>(
      `/v1/entities/${entityPath(entityRef)}/traffic?range=${encodeURIComponent(
        range,
      )}`,
      options,
    );
    requireArrays('TrafficResponse', doc, ['problems']);
    return doc;
  }

  async getCostSettings(
    options?: ModelScalingRequestOptions,
  ): Promise<CostSettings> {
    return this.get<CostSettings>('/v1/costs/settings', options);
  }

  async getFleetCosts(
    options?: ModelScalingRequestOptions,
  ): Promise<FleetCostsResponse> {
    const doc = await this.get<FleetCostsResponse>('/v1/fleet/costs', options);
    requireArrays('FleetCostsResponse', doc, ['services']);
    return doc;
  }

  private async get<T>(
    path: string,
    options?: ModelScalingRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      headers: { Accept: 'application/json' },
      signal: options?.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** `namespace/kind/name` of an entity ref, each part URL-encoded. */
function entityPath(entityRef: string | CompoundEntityRef): string {
  const ref =
    typeof entityRef === 'string'
      ? parseEntityRef(entityRef, { defaultNamespace: 'default' })
      : entityRef;
  return [ref.namespace, ref.kind.toLocaleLowerCase('en-US'), ref.name]
    .map(part => encodeURIComponent(part))
    .join('/');
}

/**
 * A cheap guard at the edge: a proxy or an older backend that answers 200
 * with some other JSON fails here with the field named, not deep in a card.
 */
function requireArrays(document: string, body: unknown, fields: string[]) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new TypeError(
      `Invalid ${document} from the model-scaling backend: expected a JSON object`,
    );
  }
  for (const field of fields) {
    if (!Array.isArray((body as Record<string, unknown>)[field])) {
      throw new TypeError(
        `Invalid ${document} from the model-scaling backend: "${field}" must be an array`,
      );
    }
  }
}
