import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  compareFleetRows,
  FleetPageResponse,
  FleetRow,
  fleetTotalsOf,
  modelScalingClusterReadPermission,
  modelScalingEntityReadPermission,
  toFleetRow,
  VerdictLevel,
} from '@internal/plugin-model-scaling-common';
import express from 'express';
import { createApiRouter } from './schema/createApiRouter';
import request from 'supertest';
import { FleetRouteIndex, registerFleetRoute } from './fleetRoute';
import { CachedEntityAuthorizer } from './services/Authorization/EntityAuthorizer';

const LEVELS: VerdictLevel[] = [
  'healthy',
  'at-risk',
  'failing',
  'not-deployed',
];

function entity(i: number): Entity {
  const team = i % 3 === 0 ? 'team-a' : 'team-b';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${String(i).padStart(3, '0')}`,
      namespace: 'default',
    },
    spec: { type: 'model-service', owner: `group:default/${team}` },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
  };
}

const ENTITIES = Array.from({ length: 120 }, (_, i) => entity(i));

function rowOf(e: Entity, i: number): FleetRow {
  const level = LEVELS[i % 4];
  return toFleetRow({
    entityRef: stringifyEntityRef(e),
    name: e.metadata.name,
    namespace: 'default',
    owner: (e.spec as any).owner,
    pattern: i % 2 ? 'bursty' : 'realtime-cpu',
    clusters: level === 'not-deployed' ? [] : [i % 5 ? 'prod' : 'edge'],
    autoscalerType: 'hpa',
    replicas: { current: i % 7, ready: i % 7 },
    gpuMode: 'none',
    gpusInUse: i % 2,
    findings: { error: level === 'failing' ? 1 : 0, warning: i % 3, info: 0 },
    drift:
      i % 6 === 0
        ? [
            {
              field: 'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
              expected: '60',
              actual: '300',
            },
          ]
        : [],
    clusterErrors:
      i === 6
        ? [
            {
              cluster: 'prod',
              message: 'connect ECONNREFUSED 10.0.0.9:6443',
              stale: true,
            },
          ]
        : [],
    verdict: { level, headline: level, reasons: [] },
  });
}

const ROWS = ENTITIES.map(rowOf);

const fleet: FleetRouteIndex = {
  entities: () => ENTITIES,
  sorted: (sort, order) => [...ROWS].sort(compareFleetRows(sort, order)),
  totals: () => fleetTotalsOf(ROWS),
  version: 1,
  configErrorOf: () => undefined,
};

async function app(policy: 'allow' | 'owner' | 'deny' = 'allow') {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async reqs =>
    reqs.map(r => ({
      result:
        isPermission(r.permission, modelScalingClusterReadPermission) &&
        policy !== 'allow'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })),
  );
  permissions.authorizeConditional.mockImplementation(async reqs =>
    reqs.map(r => {
      if (!isPermission(r.permission, modelScalingEntityReadPermission))
        return { result: AuthorizeResult.ALLOW };
      if (policy === 'deny') return { result: AuthorizeResult.DENY };
      if (policy === 'owner')
        return createCatalogConditionalDecision(
          modelScalingEntityReadPermission,
          catalogConditions.isEntityOwner({ claims: ['group:default/team-a'] }),
        );
      return { result: AuthorizeResult.ALLOW };
    }),
  );
  const router = await createApiRouter();
  registerFleetRoute(router, {
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    authorizer: new CachedEntityAuthorizer({ permissions }),
    fleet,
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return express().use(router).use(mockErrorHandler());
}

const user = mockCredentials.user.header('user:default/alice');
const get = (a: express.Express, query = '') =>
  request(a).get(`/v1/fleet${query}`).set('Authorization', user);

describe('GET /v1/fleet', () => {
  it('answers 401 without credentials', async () => {
    expect((await request(await app()).get('/v1/fleet')).status).toBe(401);
  });

  it('serves the first 50 rows worst first, with totals over the whole fleet and the next offset', async () => {
    const res = await get(await app());
    expect(res.status).toBe(200);
    const body = res.body as FleetPageResponse;
    expect(body.rows).toHaveLength(50);
    expect(body.total).toBe(120);
    expect(body.nextOffset).toBe(50);
    expect(body.rows[0].verdict.level).toBe('failing');
    expect(body.totals).toMatchObject({
      services: 120,
      failing: 30,
      notDeployed: 30,
    });
    expect(body.facets).toEqual({
      owners: ['group:default/team-a', 'group:default/team-b'],
      clusters: ['edge', 'prod'],
      patterns: ['bursty', 'realtime-cpu'],
    });
  });

  it('pages through the fleet in a stable order: every row exactly once', async () => {
    const a = await app();
    const seen: string[] = [];
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const res = await get(
        a,
        `?sort=replicas&order=desc&limit=37&offset=${offset}`,
      );
      seen.push(...res.body.rows.map((r: FleetRow) => r.entityRef));
      offset = res.body.nextOffset;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it('filters on the server: verdict, pattern, owner, cluster, drift and text', async () => {
    const a = await app();
    const res = await get(
      a,
      '?verdict=at-risk,failing&pattern=bursty&owner=group:default/team-a&drifted=false&limit=200',
    );
    expect(res.body.total).toBeGreaterThan(0);
    for (const r of res.body.rows as FleetRow[]) {
      expect(['at-risk', 'failing']).toContain(r.verdict.level);
      expect(r.pattern).toBe('bursty');
      expect(r.owner).toBe('group:default/team-a');
      expect(r.drift).toHaveLength(0);
    }
    const edge = await get(a, '?cluster=edge&limit=200');
    expect(
      edge.body.rows.every((r: FleetRow) => r.clusters.includes('edge')),
    ).toBe(true);
    const q = await get(a, '?q=SVC-00');
    expect(q.body.total).toBe(10);
  });

  it.each([
    [
      '?limit=500',
      "Invalid query parameter 'limit': limit must be between 1 and 200",
    ],
    ['?sort=price', "Invalid query parameter 'sort': sort must be one of"],
    ['?verdict=red', "Invalid query parameter 'verdict'"],
    [
      '?limit=1&limit=2',
      "Invalid query parameter 'limit': limit must be given once",
    ],
    ['?pageSize=10', "Unknown query parameter 'pageSize'"],
  ])(
    'answers 400 naming the parameter and the rule: %s',
    async (query, message) => {
      const res = await get(await app(), query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    },
  );

  it('a conditional policy (isEntityOwner): only the caller’s team’s services, totals and filters over them', async () => {
    const res = await get(await app('owner'), '?limit=200');
    expect(res.status).toBe(200);
    const rows = res.body.rows as FleetRow[];
    expect(rows).toHaveLength(40);
    expect(rows.every(r => r.owner === 'group:default/team-a')).toBe(true);
    expect(res.body.totals.services).toBe(40);
    expect(res.body.facets.owners).toEqual(['group:default/team-a']);
  });

  it('raw cluster errors only with model-scaling.cluster.read', async () => {
    const withDetails = await get(await app('allow'), '?q=svc-006');
    expect(withDetails.body.rows[0].clusterErrors[0].message).toBe(
      'connect ECONNREFUSED 10.0.0.9:6443',
    );
    const without = await get(await app('owner'), '?q=svc-006');
    expect(without.body.rows[0].clusterErrors[0]).toEqual({
      cluster: 'prod',
      message: 'the cluster’s API server cannot be reached',
      stale: true,
    });
  });

  it('a caller denied model-scaling.entity.read sees an empty fleet', async () => {
    const res = await get(await app('deny'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 0,
      rows: [],
      totals: { services: 0 },
    });
  });
});
