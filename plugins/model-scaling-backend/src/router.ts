import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClustersResponse,
  EntityHistoryResponse,
  EntityScalingStatus,
  FleetResponse,
  FleetServiceRow,
  isModelServiceEntity,
  MODEL_SERVICE_CATALOG_FILTER,
  ClusterHealth,
  modelScalingClusterReadPermission,
  modelScalingEntityReadPermission,
} from '@internal/plugin-model-scaling-common';
import express from 'express';
import { EntityReadAuthorizer } from './services/Authorization/EntityAuthorizer';
import { StatusView } from './services/EntityStatus/clusterErrorView';
import { FleetRouteIndex, registerFleetRoute } from './fleetRoute';
import {
  FleetWhatIfRouteOptions,
  registerFleetWhatIfRoute,
} from './fleetWhatIfRoute';
import { entityRefFromParams, indexEntityReader } from './entityRoute';
import { registerHistoryRoute } from './historyRoute';
import { sendJson } from './sendJson';
import { ModelServiceIndex } from './services/EntityIndex/ModelServiceIndex';
import {
  createApiRouter,
  ModelScalingApiRouter,
} from './schema/createApiRouter';

/** What the router reads; from memory, except an entity's history (one database query). */
export interface ScalingStatusReader {
  entityStatus(
    entity: Entity,
    view: StatusView,
  ): Promise<EntityScalingStatus> | EntityScalingStatus;
  /** The recorded history of the entity's workloads, all of the window or after `after` (epoch ms). */
  entityHistory(entity: Entity, after?: number): Promise<EntityHistoryResponse>;
  fleetRow(entity: Entity, view: StatusView): FleetServiceRow;
  clusters(): ClusterHealth[];
}

/** Dependencies of {@link createRouter}. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  status: ScalingStatusReader;
  /** The catalog's model services, kept by the plugin (the status route reads entities from it). */
  entities: Pick<ModelServiceIndex, 'lookup'>;
  /** Per-caller authorization of entity reads, decisions cached for seconds. */
  authorizer: EntityReadAuthorizer;
  /** The incrementally kept fleet index behind `GET /v1/fleet` (the route is absent without it). */
  fleet?: FleetRouteIndex;
  /** Fleet what-if runs behind `POST /v1/fleet/what-if` (the routes are absent without them). */
  fleetWhatIf?: Omit<FleetWhatIfRouteOptions, 'httpAuth'>;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * The v1 REST API of the model-scaling plugin. Every route needs user or
 * service credentials; entity data needs `model-scaling.entity.read` on the
 * entity; cluster health, and the raw text of cluster errors anywhere, need
 * `model-scaling.cluster.read`. No route calls a Kubernetes API.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  // Typed by openapi.yaml; parses JSON bodies.
  const router = await createApiRouter();
  registerRoutes(router, options);
  return router;
}

/**
 * Adds the v1 routes of {@link createRouter} to `router` (the plugin builds
 * one API router for all its routes, so each request passes its body parser
 * and spec matching once).
 */
export function registerRoutes(
  router: ModelScalingApiRouter,
  options: RouterOptions,
): void {
  const { httpAuth, permissions, catalog, status } = options;
  const now = options.now ?? (() => new Date());
  const readEntity = indexEntityReader(options);

  router.get('/v1/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: modelScalingClusterReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Reading cluster health needs ${modelScalingClusterReadPermission.name}`,
      );
    }
    const body: ClustersResponse = { clusters: status.clusters() };
    res.json(body);
  });

  router.get('/v1/entities/:namespace/:kind/:name/status', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromParams(req.params);
    // From the plugin's index (one catalog lookup on a miss); the caller's
    // decisions are cached for seconds and conditions applied locally.
    const entity = await readEntity(credentials, entityRef);
    const body: EntityScalingStatus = await status.entityStatus(entity, {
      clusterDetails: await options.authorizer.clusterRead(credentials),
    });
    sendJson(res, body);
  });

  registerHistoryRoute(router, { httpAuth, readEntity, history: status });

  router.get('/v1/services', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { items } = await catalog.getEntities(
      { filter: { ...MODEL_SERVICE_CATALOG_FILTER } },
      { credentials },
    );
    const entities = items.filter(isModelServiceEntity);
    const [clusterRead, ...decisions] = await permissions.authorize(
      [
        { permission: modelScalingClusterReadPermission },
        ...entities.map(e => ({
          permission: modelScalingEntityReadPermission,
          resourceRef: stringifyEntityRef(e),
        })),
      ],
      { credentials },
    );
    const view: StatusView = {
      clusterDetails: clusterRead.result === AuthorizeResult.ALLOW,
    };
    const services = entities
      .filter((_, i) => decisions[i]?.result === AuthorizeResult.ALLOW)
      .map(e => status.fleetRow(e, view))
      .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const body: FleetResponse = { generatedAt: now().toISOString(), services };
    res.json(body);
  });

  if (options.fleet) {
    registerFleetRoute(router, {
      httpAuth,
      authorizer: options.authorizer,
      fleet: options.fleet,
      now,
    });
  }
  if (options.fleetWhatIf) {
    registerFleetWhatIfRoute(router, { httpAuth, ...options.fleetWhatIf });
  }
}
