import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_COST_SETTINGS,
  EntityScalingStatus,
  modelScalingEntityReadPermission,
} from '@internal/plugin-model-scaling-common';
import express from 'express';
import request from 'supertest';
import { EntityReader } from './entityRoute';
import { TrafficRecorder } from './services/Traffic/TrafficRecorder';
import { TrafficService } from './services/Traffic/TrafficService';
import { createTrafficRouter } from './trafficRouter';

/**
 * A reader straight from the permission service and the catalog:
 * `model-scaling.entity.read` on the entity, then the entity as the caller
 * sees it in the catalog (the plugin itself uses `indexEntityReader`).
 */
function permissionEntityReader(deps: {
  permissions: PermissionsService;
  catalog: CatalogService;
}): EntityReader {
  return async (credentials, entityRef) => {
    const [decision] = await deps.permissions.authorize(
      [
        {
          permission: modelScalingEntityReadPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to read the scaling status of ${entityRef}`,
      );
    }
    const entity = await deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return entity;
  };
}

const NOW = new Date('2026-12-02T12:00:00Z');
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'text-classifier', namespace: 'default' },
  spec: { type: 'model-service', owner: 'team-a', lifecycle: 'production' },
};

async function app(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async reqs =>
    reqs.map(() => ({ result })),
  );
  const recorder = new TrafficRecorder({ stepSeconds: 15, recordHours: 24 });
  // Two hours at 4 requests/s, 15 s apart, ending a step before now.
  for (let t = NOW.getTime() - 2 * 3_600_000; t < NOW.getTime(); t += 15_000) {
    recorder.record('demo/ml/text-classifier', t, 4);
  }
  const traffic = new TrafficService({
    options: { maxRangeSeconds: 7 * 86400, recordHours: 24 },
    recorder,
    stepSeconds: 60,
    now: () => NOW,
  });
  const router = await createTrafficRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    readEntity: permissionEntityReader({
      permissions,
      catalog: catalogServiceMock({ entities: [entity] }),
    }),
    status: {
      entityStatus: () =>
        ({
          pattern: 'realtime-gpu',
          workloads: [
            { cluster: 'demo', namespace: 'ml', name: 'text-classifier' },
          ],
        } as EntityScalingStatus),
    },
    traffic,
    costs: { ...DEFAULT_COST_SETTINGS, enabled: true },
  });
  return { app: express().use(router).use(mockErrorHandler()), permissions };
}

const user = mockCredentials.user.header('user:default/alice');
const path = '/v1/entities/default/component/text-classifier/traffic';

describe('createTrafficRouter', () => {
  it.each([path, '/v1/costs/settings'])(
    'answers 401 without credentials: %s',
    async p => {
      const { app: a } = await app();
      expect((await request(a).get(p)).status).toBe(401);
    },
  );

  it('answers the recorded traffic of a readable service', async () => {
    const { app: a, permissions } = await app();
    const res = await request(a)
      .get(`${path}?range=24h`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/text-classifier');
    expect(res.body.source).toBe('recorded');
    expect(res.body.series.stepSeconds).toBe(60);
    expect(res.body.series.values).toHaveLength(120);
    expect(res.body.series.values.every((v: number) => v === 4)).toBe(true);
    expect(res.body.problems.map((p: { code: string }) => p.code)).toEqual([
      'too-long',
    ]);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: modelScalingEntityReadPermission,
          resourceRef: 'component:default/text-classifier',
        },
      ],
      expect.anything(),
    );
  });

  it('answers 403 when model-scaling.entity.read is denied', async () => {
    const { app: a } = await app(AuthorizeResult.DENY);
    const res = await request(a).get(path).set('Authorization', user);
    expect(res.status).toBe(403);
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const { app: a } = await app();
    const res = await request(a)
      .get('/v1/entities/default/component/nope/traffic')
      .set('Authorization', user);
    expect(res.status).toBe(404);
  });

  it.each([
    [
      '30d',
      "Invalid query parameter 'range': 30d is longer than the configured maximum modelScaling.traffic.maxRange (7d)",
    ],
    [
      '1w',
      "Invalid query parameter 'range': range must be a duration such as '24h' or '7d'",
    ],
    [
      '',
      "Invalid query parameter 'range': range must be a duration such as '24h' or '7d'",
    ],
  ])('answers 400 naming the rule for range=%s', async (range, message) => {
    const { app: a } = await app();
    const res = await request(a)
      .get(`${path}?range=${range}`)
      .set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(message);
  });

  it('serves the cost settings to signed-in callers', async () => {
    const { app: a } = await app();
    const res = await request(a)
      .get('/v1/costs/settings')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enabled: true, currency: 'USD' });
  });
});
