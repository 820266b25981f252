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
  DEFAULT_PATTERN_PRESETS,
  EntityScalingStatus,
  FleetWhatIfService,
  modelScalingEntityReadPermission,
  PatternId,
} from '@internal/plugin-model-scaling-common';
import express from 'express';
import { createApiRouter } from './schema/createApiRouter';
import request from 'supertest';
import { registerFleetWhatIfRoute } from './fleetWhatIfRoute';
import { CachedEntityAuthorizer } from './services/Authorization/EntityAuthorizer';
import { FleetWhatIfRuns } from './services/FleetWhatIf/FleetWhatIfRuns';

function entity(i: number, pattern: PatternId): Entity {
  const team = i % 2 === 0 ? 'team-a' : 'team-b';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `svc-${i}`,
      namespace: 'default',
      annotations: { 'model-scaling.io/pattern': pattern },
    },
    spec: { type: 'model-service', owner: `group:default/${team}` },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
  };
}

const ENTITIES = [
  entity(0, 'realtime-cpu'),
  entity(1, 'realtime-cpu'),
  entity(2, 'realtime-cpu'),
  entity(3, 'realtime-gpu'),
];

/** svc-N peaks at 40 + 60 N req/s; a pod serves 70. */
function inputsOf(
  e: Entity,
  status: EntityScalingStatus,
): FleetWhatIfService[] {
  const i = Number(e.metadata.name.split('-')[1]);
  return [
    {
      entityRef: stringifyEntityRef(e),
      title: e.metadata.name,
      pattern: status.pattern,
      peakRps: 40 + 60 * i,
      target: {
        autoscaler: {
          kind: 'HorizontalPodAutoscaler',
          minReplicas: 2,
          maxReplicas: 20,
        },
        capacity: { rpsPerPodAtTarget: 50, maxRpsPerPod: 70 },
        coldStartSeconds: 30,
      },
    },
  ];
}

async function app(
  policy: 'allow' | 'owner' = 'allow',
  now = () => Date.now(),
  gate: Promise<void> = Promise.resolve(),
) {
  const permissions = mockServices.permissions.mock();
  permissions.authorize.mockImplementation(async reqs =>
    reqs.map(() => ({ result: AuthorizeResult.ALLOW })),
  );
  permissions.authorizeConditional.mockImplementation(async reqs =>
    reqs.map(r => {
      if (
        policy === 'owner' &&
        isPermission(r.permission, modelScalingEntityReadPermission)
      )
        return createCatalogConditionalDecision(
          modelScalingEntityReadPermission,
          catalogConditions.isEntityOwner({ claims: ['group:default/team-a'] }),
        );
      return { result: AuthorizeResult.ALLOW };
    }),
  );
  const runs = new FleetWhatIfRuns({
    entities: { entities: () => ENTITIES },
    status: {
      entityStatus: async e => {
        await gate;
        return {
          pattern: e.metadata.annotations?.['model-scaling.io/pattern'],
          workloads: [],
        } as unknown as EntityScalingStatus;
      },
    },
    inputsOf,
    authorizer: new CachedEntityAuthorizer({ permissions }),
    presets: DEFAULT_PATTERN_PRESETS,
    logger: mockServices.logger.mock(),
    now,
  });
  const router = await createApiRouter();
  registerFleetWhatIfRoute(router, {
    httpAuth: mockServices.httpAuth({
      defaultCredentials: mockCredentials.none(),
    }),
    runs,
    presets: DEFAULT_PATTERN_PRESETS,
  });
  return express().use(router).use(mockErrorHandler());
}

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

async function finished(a: express.Express, id: string, who = alice) {
  for (let i = 0; i < 200; i++) {
    const res = await request(a)
      .get(`/v1/fleet/what-if/${id}`)
      .set('Authorization', who);
    if (res.body.state !== 'running') return res;
    await new Promise(r => setTimeout(r, 20));
  }
  throw new Error('the run did not finish');
}

describe('POST /v1/fleet/what-if', () => {
  it('answers 401 without credentials', async () => {
    const res = await request(await app())
      .post('/v1/fleet/what-if')
      .send({ pattern: 'realtime-cpu', preset: { maxReplicas: 3 } });
    expect(res.status).toBe(401);
  });

  it('runs every service of the pattern and lists the ones it breaks first', async () => {
    const a = await app();
    const start = await request(a)
      .post('/v1/fleet/what-if')
      .set('Authorization', alice)
      .send({ pattern: 'realtime-cpu', preset: { maxReplicas: 2 } });
    expect(start.status).toBe(202);
    const res = await finished(a, start.body.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'done', done: 3, total: 3 });
    const { result } = res.body;
    expect(result.changedFields).toEqual(['maxReplicas']);
    expect(result.totals).toMatchObject({
      services: 3,
      replayed: 3,
      breaking: 1,
    });
    // 160 req/s at its peak needs more than 2 pods of 70 req/s.
    expect(result.services[0]).toMatchObject({
      entityRef: 'component:default/svc-2',
      breaks: true,
    });
  });

  it('replays only the services the caller may read', async () => {
    const a = await app('owner');
    const start = await request(a)
      .post('/v1/fleet/what-if')
      .set('Authorization', alice)
      .send({ pattern: 'realtime-cpu', preset: { minReplicas: 3 } });
    const res = await finished(a, start.body.id);
    expect(
      res.body.result.services.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual(['component:default/svc-0', 'component:default/svc-2']);
  });

  it('answers 400 naming the field and the rule', async () => {
    const a = await app();
    const post = (body: unknown) =>
      request(a)
        .post('/v1/fleet/what-if')
        .set('Authorization', alice)
        .send(body as object);
    const badMin = await post({
      pattern: 'realtime-cpu',
      preset: { minReplicas: -1 },
    });
    expect(badMin.status).toBe(400);
    expect(badMin.body.error.message).toMatch(/preset\.minReplicas: /);
    const unknown = await post({
      pattern: 'realtime-cpu',
      preset: { replicas: 3 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/replicas/);
    const badPattern = await post({ pattern: 'gpu', preset: {} });
    expect(badPattern.status).toBe(400);
    expect(badPattern.body.error.message).toMatch(
      /'pattern': must be one of realtime-cpu/,
    );
  });

  it('allows one run per caller at a time and shows a run to its caller only', async () => {
    let open = () => {};
    const gate = new Promise<void>(resolve => {
      open = resolve;
    });
    const a = await app('allow', Date.now, gate);
    const body = { pattern: 'realtime-cpu', preset: { minReplicas: 4 } };
    const first = await request(a)
      .post('/v1/fleet/what-if')
      .set('Authorization', alice)
      .send(body);
    const second = await request(a)
      .post('/v1/fleet/what-if')
      .set('Authorization', alice)
      .send(body);
    expect(second.status).toBe(409);
    const other = await request(a)
      .get(`/v1/fleet/what-if/${first.body.id}`)
      .set('Authorization', bob);
    expect(other.status).toBe(404);
    open();
    await finished(a, first.body.id);
    const third = await request(a)
      .post('/v1/fleet/what-if')
      .set('Authorization', alice)
      .send(body);
    expect(third.status).toBe(202);
  });

  it('forgets a result ten minutes after it finished', async () => {
    let clock = 1_000_000;
    const a = await app('allow', () => clock);
    const start = await request(a)
      .post('/v1/fleet/what-if')
      .set('Authorization', alice)
      .send({ pattern: 'realtime-cpu', preset: { minReplicas: 3 } });
    await finished(a, start.body.id);
    clock += 9 * 60_000;
    const kept = await request(a)
      .get(`/v1/fleet/what-if/${start.body.id}`)
      .set('Authorization', alice);
    expect(kept.status).toBe(200);
    clock += 2 * 60_000;
    const gone = await request(a)
      .get(`/v1/fleet/what-if/${start.body.id}`)
      .set('Authorization', alice);
    expect(gone.status).toBe(404);
  });
});
