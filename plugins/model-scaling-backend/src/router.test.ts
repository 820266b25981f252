import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityScalingStatus,
  FleetServiceRow,
  modelScalingClusterReadPermission,
  modelScalingEntityReadPermission,
} from '@internal/plugin-model-scaling-common';
import express from 'express';
import request from 'supertest';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { createRouter, ScalingStatusReader } from './router';
import { CachedEntityAuthorizer } from './services/Authorization/EntityAuthorizer';
import { ModelServiceIndex } from './services/EntityIndex/ModelServiceIndex';

const component = (name: string, type = 'model-service'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: {} },
  spec: { type, owner: 'team-a', lifecycle: 'production' },
});

const entities = [
  component('text-classifier'),
  component('image-classifier'),
  component('website', 'website'),
];

const reader: ScalingStatusReader = {
  entityStatus: (e, view) =>
    ({
      entityRef: `component:default/${e.metadata.name}`,
      tritonModels: [],
      generatedAt: '2026-01-01T00:00:00.000Z',
      workloads: [],
      findings: [],
      clusterErrors: [
        {
          cluster: 'demo',
          message: view.clusterDetails ? 'raw: ECONNREFUSED 10.0.0.1' : 'short',
          stale: false,
        },
      ],
    } as EntityScalingStatus),
  fleetRow: (e, view) =>
    ({
      entityRef: `component:default/${e.metadata.name}`,
      name: e.metadata.name,
      clusterErrors: [
        {
          cluster: 'demo',
          message: view.clusterDetails ? 'raw: ECONNREFUSED 10.0.0.1' : 'short',
          stale: false,
        },
      ],
    } as FleetServiceRow),
  entityHistory: async (e, after) => ({
    entityRef: `component:default/${e.metadata.name}`,
    generatedAt: '2026-01-01T00:00:00.000Z',
    windowStart: '2025-12-31T23:00:00.000Z',
    ...(after !== undefined && { after: new Date(after).toISOString() }),
    workloads: [],
  }),
  clusters: () => [
    {
      name: 'demo',
      url: 'http://x',
      synced: true,
      stale: false,
      kedaAvailable: true,
      kinds: [],
    },
  ],
};

async function app(
  options: {
    permissions?: ReturnType<typeof mockServices.permissions.mock>;
  } = {},
) {
  const permissions = options.permissions ?? mockServices.permissions.mock();
  if (!options.permissions) {
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  }
  if (!permissions.authorizeConditional.getMockImplementation()) {
    permissions.authorizeConditional.mockImplementation(async reqs =>
      reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
    );
  }
  const catalog = catalogServiceMock({ entities });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    permissions,
    catalog,
    status: reader,
    entities: new ModelServiceIndex({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    }),
    authorizer: new CachedEntityAuthorizer({ permissions }),
    logger: mockServices.logger.mock(),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { app: express().use(router).use(mockErrorHandler()), permissions };
}

const user = mockCredentials.user.header('user:default/alice');

describe('createRouter', () => {
  it.each([
    '/v1/clusters',
    '/v1/services',
    '/v1/entities/default/component/text-classifier/status',
    '/v1/entities/default/component/text-classifier/history',
  ])('answers 401 without credentials: %s', async path => {
    const { app: a } = await app();
    const res = await request(a).get(path);
    expect(res.status).toBe(401);
  });

  it('serves cluster health to users and services', async () => {
    const { app: a } = await app();
    const res = await request(a).get('/v1/clusters').set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.clusters[0].name).toBe('demo');
    const svc = await request(a)
      .get('/v1/clusters')
      .set('Authorization', mockCredentials.service.header());
    expect(svc.status).toBe(200);
  });

  it('checks the caller’s catalog read and model-scaling.entity.read and returns the status', async () => {
    const { app: a, permissions } = await app();
    const res = await request(a)
      .get('/v1/entities/default/component/text-classifier/status')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/text-classifier');
    expect(permissions.authorizeConditional).toHaveBeenCalledWith(
      [
        { permission: catalogEntityReadPermission },
        { permission: modelScalingEntityReadPermission },
      ],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({
            userEntityRef: 'user:default/alice',
          }),
        }),
      },
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: modelScalingClusterReadPermission }],
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({
            userEntityRef: 'user:default/alice',
          }),
        }),
      },
    );
  });

  describe('attack: an ordinary user reads API server URLs and raw cluster errors', () => {
    /** A policy that allows entity reads and denies model-scaling.cluster.read. */
    const withoutClusterRead = () => {
      const permissions = mockServices.permissions.mock();
      permissions.authorizeConditional.mockImplementation(async reqs =>
        reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
      );
      permissions.authorize.mockImplementation(async reqs =>
        reqs.map(r => ({
          result:
            r.permission.name === modelScalingClusterReadPermission.name
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      );
      return permissions;
    };

    it('GET /v1/clusters answers 403 without model-scaling.cluster.read', async () => {
      const { app: a } = await app({ permissions: withoutClusterRead() });
      const res = await request(a)
        .get('/v1/clusters')
        .set('Authorization', user);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(JSON.stringify(res.body)).not.toContain('http://x');
    });

    it('status and fleet rows carry only the short reason without model-scaling.cluster.read', async () => {
      const { app: a } = await app({ permissions: withoutClusterRead() });
      const status = await request(a)
        .get('/v1/entities/default/component/text-classifier/status')
        .set('Authorization', user);
      expect(status.status).toBe(200);
      expect(status.body.clusterErrors[0].message).toBe('short');
      const fleet = await request(a)
        .get('/v1/services')
        .set('Authorization', user);
      expect(fleet.body.services[0].clusterErrors[0].message).toBe('short');
    });

    it('the platform team (model-scaling.cluster.read) sees the raw errors', async () => {
      const { app: a } = await app();
      const status = await request(a)
        .get('/v1/entities/default/component/text-classifier/status')
        .set('Authorization', user);
      expect(status.body.clusterErrors[0].message).toMatch(/ECONNREFUSED/);
      const fleet = await request(a)
        .get('/v1/services')
        .set('Authorization', user);
      expect(fleet.body.services[0].clusterErrors[0].message).toMatch(
        /ECONNREFUSED/,
      );
    });
  });

  it.each(['status', 'history'])(
    'answers 403 when the policy denies model-scaling.entity.read: %s',
    async route => {
      const permissions = mockServices.permissions.mock();
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      permissions.authorizeConditional.mockImplementation(async reqs =>
        reqs.map(r => ({
          result:
            r.permission.name === modelScalingEntityReadPermission.name
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      );
      const { app: a } = await app({ permissions });
      const res = await request(a)
        .get(`/v1/entities/default/component/text-classifier/${route}`)
        .set('Authorization', user);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    },
  );

  it.each(['status', 'history'])(
    'attack: an entity the caller may not read in the catalog answers 404, like a missing one: %s',
    async route => {
      const permissions = mockServices.permissions.mock();
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      permissions.authorizeConditional.mockImplementation(async reqs =>
        reqs.map(r => ({
          result:
            r.permission.name === catalogEntityReadPermission.name
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
      );
      const { app: a } = await app({ permissions });
      const hidden = await request(a)
        .get(`/v1/entities/default/component/text-classifier/${route}`)
        .set('Authorization', user);
      const missing = await request(a)
        .get(`/v1/entities/default/component/text-classifie/${route}`)
        .set('Authorization', user);
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.error.name).toBe(missing.body.error.name);
      expect(hidden.body.error.message).toBe(
        'No entity component:default/text-classifier in the catalog',
      );
      expect(missing.body.error.message).toBe(
        'No entity component:default/text-classifie in the catalog',
      );
    },
  );

  it('answers the history after a time, and names a bad `after`', async () => {
    const { app: a } = await app();
    const path = '/v1/entities/default/component/text-classifier/history';
    const all = await request(a).get(path).set('Authorization', user);
    expect(all.status).toBe(200);
    expect(all.body).not.toHaveProperty('after');
    const after = await request(a)
      .get(`${path}?after=2026-01-01T01:00:00%2B01:00`)
      .set('Authorization', user);
    expect(after.status).toBe(200);
    expect(after.body.after).toBe('2026-01-01T00:00:00.000Z');
    for (const bad of ['yesterday', '2026-01-01T00:00:00', '1767225600000']) {
      const res = await request(a)
        .get(`${path}?after=${bad}`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid query parameter 'after': after must be an ISO 8601 time with a zone/,
      );
    }
    const twice = await request(a)
      .get(`${path}?after=2026-01-01T00:00:00Z&after=2026-01-01T00:00:15Z`)
      .set('Authorization', user);
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('after must be given once');
  });

  it('answers 404 for an entity the catalog does not have', async () => {
    const { app: a } = await app();
    const res = await request(a)
      .get('/v1/entities/default/component/nope/status')
      .set('Authorization', user);
    expect(res.status).toBe(404);
  });

  it.each([
    [
      '/v1/entities/default/component/bad%20name/status',
      "Invalid path parameter 'name'",
    ],
    [
      '/v1/entities/-x/component/a/status',
      "Invalid path parameter 'namespace'",
    ],
    [
      '/v1/entities/default/comp-onent/a/status',
      "Invalid path parameter 'kind'",
    ],
  ])('answers 400 naming the bad parameter: %s', async (path, message) => {
    const { app: a } = await app();
    const res = await request(a).get(path).set('Authorization', user);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('lists model services only, leaving out rows the caller may not read', async () => {
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation(async reqs =>
      reqs.map(r => ({
        result:
          'resourceRef' in r &&
          r.resourceRef === 'component:default/image-classifier'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    );
    const { app: a } = await app({ permissions });
    const res = await request(a).get('/v1/services').set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.services.map((s: FleetServiceRow) => s.name)).toEqual([
      'text-classifier',
    ]);
    expect(res.body.generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });
});
