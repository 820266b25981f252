// long-file: the traffic, cost-settings and fleet-cost routes share their validation and authorization.
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CostSettings,
  EntityScalingStatus,
  FleetCostsResponse,
  GpuHoursBucket,
  TrafficResponse,
} from '@internal/plugin-model-scaling-common';
import express from 'express';
import { z } from 'zod';
import { EntityReadAuthorizer } from './services/Authorization/EntityAuthorizer';
import { EntityReader, entityRefFromParams, parseInput } from './entityRoute';
import { durationSeconds, formatDuration } from './services/Traffic/duration';
import {
  FLEET_COST_WINDOW_SECONDS,
  FleetCosts,
} from './services/Traffic/FleetCosts';
import {
  TrafficRangeError,
  TrafficService,
} from './services/Traffic/TrafficService';
import {
  createApiRouter,
  ModelScalingApiRouter,
} from './schema/createApiRouter';

/** Dependencies of {@link createTrafficRouter}. */
export interface TrafficRouterOptions {
  httpAuth: HttpAuthService;
  readEntity: EntityReader;
  /** The entity's workloads and pattern, as the status route builds them. */
  status: {
    entityStatus(
      entity: Entity,
      view: { clusterDetails: boolean },
    ): Promise<EntityScalingStatus> | EntityScalingStatus;
  };
  traffic: TrafficService;
  costs: CostSettings;
  /** The fleet's costs and which model services a caller may read. */
  fleet?: {
    costs: FleetCosts;
    entities: { entities(): Entity[] };
    authorizer: Pick<EntityReadAuthorizer, 'filterReadable'>;
  };
  now?: () => Date;
}

const querySchema = z.object({
  range: z
    .string({ invalid_type_error: 'range must be given once' })
    .refine(r => durationSeconds(r) !== undefined, {
      message: "range must be a duration such as '24h' or '7d'",
    })
    .default('24h'),
});

/**
 * Routes of recorded traffic and cost settings:
 * `GET /v1/entities/:namespace/:kind/:name/traffic?range=24h|7d` (the
 * service's request rate and its problems; same permission as the status
 * route) and `GET /v1/costs/settings` (`modelScaling.costs`, for any
 * signed-in caller: prices are not secret, they are what the Scaling tab
 * multiplies by).
 */
export async function createTrafficRouter(
  options: TrafficRouterOptions,
): Promise<express.Router> {
  const router = await createApiRouter();
  registerTrafficRoutes(router, options);
  return router;
}

/** Adds the routes of {@link createTrafficRouter} to `router`. */
export function registerTrafficRoutes(
  router: ModelScalingApiRouter,
  options: TrafficRouterOptions,
): void {
  const { httpAuth, traffic } = options;

  router.get('/v1/costs/settings', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(options.costs);
  });

  router.get('/v1/fleet/costs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { costs, fleet } = options;
    const body: FleetCostsResponse = {
      generatedAt: (options.now?.() ?? new Date()).toISOString(),
      enabled: costs.enabled && Boolean(fleet),
      currency: costs.currency,
      windowSeconds: FLEET_COST_WINDOW_SECONDS,
      totals: {
        gpuHours: 0,
        gpuHoursNeeded: 0,
        gpuHoursSavedPerDay: 0,
        servicesWithFigures: 0,
        services: 0,
      },
      services: [],
    };
    if (!body.enabled || !fleet) {
      res.json(body);
      return;
    }
    const readable = await fleet.authorizer.filterReadable(
      credentials,
      fleet.entities.entities(),
    );
    const entries = await fleet.costs.entries();
    const buckets: GpuHoursBucket[] = [];
    let priced = true;
    let cost = 0;
    // Idle per service (a service short of GPUs does not offset another's idle ones).
    let idleHours = 0;
    for (const entity of readable) {
      const entry = entries.get(stringifyEntityRef(entity));
      if (!entry) continue;
      const { row } = entry;
      body.services.push(row);
      body.totals.services += 1;
      if (row.gpuHours === undefined) continue;
      body.totals.servicesWithFigures += 1;
      body.totals.gpuHours += row.gpuHours;
      body.totals.gpuHoursNeeded += row.gpuHoursNeeded ?? 0;
      idleHours += (row.idleShare ?? 0) * row.gpuHours;
      body.totals.gpuHoursSavedPerDay +=
        row.topSaving?.gpuHoursSavedPerDay ?? 0;
      if (row.cost === undefined) priced = false;
      else cost += row.cost;
      entry.buckets.forEach((b, i) => {
        buckets[i] ??= { t: b.t, used: 0, needed: 0 };
        buckets[i].used += b.used;
        buckets[i].needed += b.needed;
      });
    }
    if (body.totals.gpuHours > 0) {
      body.totals.idleShare = idleHours / body.totals.gpuHours;
    }
    if (priced && body.totals.servicesWithFigures > 0) body.totals.cost = cost;
    body.services.sort(
      (a, b) =>
        (b.topSaving?.gpuHoursSavedPerDay ?? -1) -
          (a.topSaving?.gpuHoursSavedPerDay ?? -1) ||
        a.entityRef.localeCompare(b.entityRef),
    );
    body.buckets = buckets;
    res.json(body);
  });

  router.get(
    '/v1/entities/:namespace/:kind/:name/traffic',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = entityRefFromParams(req.params);
      const { range } = parseInput(querySchema, req.query, 'query parameter');
      const rangeSeconds = durationSeconds(range)!;
      if (rangeSeconds > traffic.maxRangeSeconds) {
        throw new InputError(
          `Invalid query parameter 'range': ${range} is longer than the configured maximum modelScaling.traffic.maxRange (${formatDuration(
            traffic.maxRangeSeconds,
          )})`,
        );
      }
      const entity = await options.readEntity(credentials, entityRef);
      const status = await options.status.entityStatus(entity, {
        clusterDetails: false,
      });
      let answer;
      try {
        answer = await traffic.traffic({
          pattern: status.pattern,
          workloads: status.workloads.map(w => ({
            cluster: w.cluster,
            namespace: w.namespace,
            name: w.name,
          })),
          rangeSeconds,
        });
      } catch (error) {
        if (error instanceof TrafficRangeError) {
          throw new InputError(
            `Invalid query parameter 'range': ${error.message}`,
          );
        }
        throw error;
      }
      const body: TrafficResponse = {
        entityRef: stringifyEntityRef(entity),
        range,
        ...answer,
      };
      res.json(body);
    },
  );
}
