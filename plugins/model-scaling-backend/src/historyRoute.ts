import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { EntityHistoryResponse } from '@internal/plugin-model-scaling-common';
import { z } from 'zod';
import { EntityReader, entityRefFromParams, parseInput } from './entityRoute';
import { ModelScalingApiRouter } from './schema/createApiRouter';
import { sendJson } from './sendJson';

/** Dependencies of {@link registerHistoryRoute}. */
export interface HistoryRouteOptions {
  httpAuth: HttpAuthService;
  readEntity: EntityReader;
  history: {
    entityHistory(
      entity: Entity,
      after?: number,
    ): Promise<EntityHistoryResponse>;
  };
}

const querySchema = z.object({
  after: z
    .string({ invalid_type_error: 'after must be given once' })
    .datetime({
      offset: true,
      message:
        'after must be an ISO 8601 time with a zone, such as 2026-12-04T10:00:00.000Z',
    })
    .transform(t => Date.parse(t))
    .optional(),
});

/**
 * `GET /v1/entities/:namespace/:kind/:name/history[?after=<time>]`: the
 * recorded history of an entity's workloads (replicas, autoscaler metrics,
 * Triton, GPU utilisation), the whole retention window or only the points
 * after `after`, the newest time the caller holds. Same rule as the status
 * route (404 for an entity the caller cannot see, 403 without
 * `model-scaling.entity.read`). The Scaling tab loads the window once and
 * then asks every 15 s for what is new: a round's point per workload
 * instead of the window (240 points at the default hour) in every refresh.
 */
export function registerHistoryRoute(
  router: ModelScalingApiRouter,
  options: HistoryRouteOptions,
): void {
  router.get(
    '/v1/entities/:namespace/:kind/:name/history',
    async (req, res) => {
      const credentials = await options.httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = entityRefFromParams(req.params);
      const { after } = parseInput(querySchema, req.query, 'query parameter');
      const entity = await options.readEntity(credentials, entityRef);
      sendJson(res, await options.history.entityHistory(entity, after));
    },
  );
}
