/*
 * The model-scaling backend plugin against the real control plane, through the read-only
 * ServiceAccount (token + the cluster's CA, TLS verified):
 * - its watch cache syncs every kind with the documented ClusterRole, KEDA's CRDs are found;
 * - the four example services give the same status shapes as against the demo cluster;
 * - the real HPA controller's FailedGetResourceMetric condition becomes a finding, then goes
 *   away when metrics exist; its rescale events (up and down) appear in the status;
 * - the kube-apiserver restarts while the backend watches: the cache recovers by itself.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import type {
  ClusterHealth,
  ClustersResponse,
  EntityScalingStatus,
} from '@internal/plugin-model-scaling-common';
import modelScalingPlugin from '@internal/plugin-model-scaling-backend';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import {
  ClusterEnv,
  kubectl,
  kubectlJson,
  loadClusterEnv,
  repoRoot,
  waitFor,
} from './clusterEnv';

const execFileAsync = promisify(execFile);
const USER = mockCredentials.user.header('user:default/guest');
const NS = 'hpa-mini';
const MINI = 'realtime-cpu';

function exampleEntities(): Entity[] {
  const text = readFileSync(
    join(repoRoot, 'examples/entities/model-services.yaml'),
    'utf8',
  );
  return parseAllDocuments(text)
    .map(d => d.toJS() as Entity)
    .filter(e => e?.kind === 'Component')
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

const miniEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: MINI,
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': MINI,
      'backstage.io/kubernetes-namespace': NS,
      'model-scaling.io/pattern': 'realtime-cpu',
      'model-scaling.io/latency-slo-ms': '100',
    },
  },
  spec: { type: 'model-service', lifecycle: 'experimental', owner: 'team-nlp' },
};

async function startBackend(
  cluster: { name: string; url: string; token: string; caData?: string },
  entities: Entity[],
) {
  return startTestBackend({
    features: [
      modelScalingPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: cluster.name,
                    url: cluster.url,
                    authProvider: 'serviceAccount',
                    serviceAccountToken: cluster.token,
                    ...(cluster.caData
                      ? { caData: cluster.caData }
                      : { skipTLSVerify: true }),
                  },
                ],
              },
            ],
          },
          modelScaling: {
            requestTimeoutMs: 5000,
            watch: { backoff: { initialMs: 200, maxMs: 2000 } },
            triton: { intervalSeconds: 2, timeoutMs: 1000, concurrency: 4 },
          },
        },
      }),
    ],
  });
}

async function clusters(backend: TestBackend): Promise<ClusterHealth[]> {
  const res = await request(backend.server)
    .get('/api/model-scaling/v1/clusters')
    .set('Authorization', USER);
  expect(res.status).toBe(200);
  return (res.body as ClustersResponse).clusters;
}

async function status(
  backend: TestBackend,
  name: string,
): Promise<EntityScalingStatus> {
  const res = await request(backend.server)
    .get(`/api/model-scaling/v1/entities/default/component/${name}/status`)
    .set('Authorization', USER);
  if (res.status !== 200) {
    throw new Error(
      `status of ${name}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  return res.body;
}

/** The structure of a JSON value: object keys (recursively), array element structure, value types. */
function shapeOf(value: unknown, depth = 0): unknown {
  if (Array.isArray(value))
    return value.length ? [shapeOf(value[0], depth + 1)] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(k => [
          k,
          depth > 3
            ? typeof (value as any)[k]
            : shapeOf((value as any)[k], depth + 1),
        ]),
    );
  }
  return typeof value;
}

/** The parts of a KEDA view that come from the ScaledObject's spec. */
function kedaSpec(k: any) {
  if (!k) return null;
  const keys = [
    'name',
    'minReplicaCount',
    'maxReplicaCount',
    'idleReplicaCount',
    'cooldownPeriod',
    'pollingInterval',
    'paused',
    'fallbackActive',
    'fallback',
    'triggers',
  ];
  return Object.fromEntries(
    keys.filter(key => key in k).map(key => [key, k[key]]),
  );
}

function synced(c: ClusterHealth | undefined) {
  return (
    !!c &&
    c.synced &&
    !c.lastError &&
    c.kinds.every(k => k.synced && k.watching !== false)
  );
}

async function setCpuUsage(env: ClusterEnv, usage: string) {
  const pods = await kubectlJson(env, [
    '-n',
    NS,
    'get',
    'pods',
    '-l',
    `app.kubernetes.io/name=${MINI}`,
  ]);
  for (const p of pods.items) {
    if (p.metadata.deletionTimestamp) continue;
    await kubectl(env, [
      '-n',
      NS,
      'annotate',
      'pod',
      p.metadata.name,
      '--overwrite',
      `kwok.x-k8s.io/usage-cpu=${usage}`,
    ]);
  }
}

describe('model-scaling backend on the real control plane', () => {
  let env: ClusterEnv;
  let backend: TestBackend;
  const entities = [...exampleEntities(), miniEntity];

  beforeAll(async () => {
    env = loadClusterEnv();
    await kubectl(env, [
      'delete',
      'namespace',
      NS,
      '--ignore-not-found',
      '--wait=true',
    ]);
    backend = await startBackend(
      {
        name: env.CLUSTER_NAME,
        url: env.URL,
        token: env.TOKEN,
        caData: env.CA,
      },
      entities,
    );
    await waitFor(
      'the watch cache to sync with the real cluster',
      async () => synced((await clusters(backend))[0]),
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        describe: async () => JSON.stringify(await clusters(backend)),
      },
    );
  });

  afterAll(async () => {
    await backend?.stop();
    if (env)
      await kubectl(env, [
        'delete',
        'namespace',
        NS,
        '--ignore-not-found',
        '--wait=false',
      ]);
  });

  it('syncs every kind through the read-only ServiceAccount, with TLS verified and KEDA found', async () => {
    const [c] = await clusters(backend);
    expect(c).toMatchObject({
      name: env.CLUSTER_NAME,
      url: env.URL,
      synced: true,
      stale: false,
      kedaAvailable: true,
    });
    expect(c.lastError).toBeUndefined();
    const counts = Object.fromEntries(c.kinds.map(k => [k.kind, k.count]));
    const real = await kubectlJson(env, ['get', 'deployments', '-A']);
    expect(counts.Deployment).toBe(real.items.length);
    const scaledObjects = await kubectlJson(env, [
      'get',
      'scaledobjects.keda.sh',
      '-A',
    ]);
    expect(counts.ScaledObject).toBe(scaledObjects.items.length);
    expect(counts.ScaledObject).toBeGreaterThanOrEqual(3);
    expect(counts.HorizontalPodAutoscaler).toBeGreaterThanOrEqual(1);
    expect(counts.Node).toBe(
      (await kubectlJson(env, ['get', 'nodes'])).items.length,
    );
    expect(c.kinds.every(k => k.resourceVersion)).toBe(true);
  });

  describe('the same status shapes as against the demo cluster', () => {
    let demo: DemoCluster;
    let demoBackend: TestBackend;

    beforeAll(async () => {
      demo = await startDemoCluster({ port: 0 });
      demoBackend = await startBackend(
        { name: 'demo', url: demo.url, token: demo.token },
        entities,
      );
      await waitFor(
        'the demo cluster to sync',
        async () => synced((await clusters(demoBackend))[0]),
        {
          timeoutMs: 60_000,
          intervalMs: 500,
        },
      );
    });

    afterAll(async () => {
      await demoBackend?.stop();
      await demo?.stop();
    });

    it.each([
      'text-classifier',
      'image-classifier',
      'batch-embedder',
      'summarizer',
    ])('%s', async name => {
      const [real, fromDemo] = await Promise.all([
        status(backend, name),
        status(demoBackend, name),
      ]);
      expect(real.clusterErrors).toEqual([]);
      expect(real.workloads).toHaveLength(fromDemo.workloads.length);
      expect(Object.keys(real).sort()).toEqual(Object.keys(fromDemo).sort());
      expect({
        pattern: real.pattern,
        slo: real.latencySloMs,
        models: real.tritonModels,
      }).toEqual({
        pattern: fromDemo.pattern,
        slo: fromDemo.latencySloMs,
        models: fromDemo.tritonModels,
      });
      for (const [i, w] of real.workloads.entries()) {
        const d = fromDemo.workloads[i];
        expect({ cluster: w.cluster, ns: w.namespace, name: w.name }).toEqual({
          cluster: env.CLUSTER_NAME,
          ns: d.namespace,
          name: d.name,
        });
        // What the fixtures declare is interpreted the same way on both.
        expect(w.autoscaler.type).toBe(d.autoscaler.type);
        // KEDA's spec is read the same way, and the real operator (start-keda.sh) writes the
        // same kinds of conditions as the demo cluster's. The real API server also fills the CRD's OpenAPI defaults, which the demo cluster does
        // not: KEDA's `fallback.behavior` defaults to `static`.
        const realSpec = kedaSpec(w.autoscaler.keda);
        if (realSpec?.fallback && !d.autoscaler.keda?.fallback?.behavior) {
          expect(realSpec.fallback.behavior).toBe('static');
          realSpec.fallback = { ...realSpec.fallback };
          delete realSpec.fallback.behavior;
        }
        expect(shapeOf(realSpec)).toEqual(shapeOf(kedaSpec(d.autoscaler.keda)));
        if (w.autoscaler.keda) {
          const types = (k: any) =>
            (k?.conditions ?? []).map((c: any) => c.type).sort();
          await waitFor(
            `KEDA's conditions on ${name}`,
            async () =>
              types(
                (
                  await status(backend, name)
                ).workloads[i].autoscaler.keda,
              ).includes('Ready'),
            { timeoutMs: 60_000 },
          );
          const now = (await status(backend, name)).workloads[i].autoscaler
            .keda;
          expect(types(now)).toEqual(
            expect.arrayContaining(['Active', 'Ready']),
          );
          expect(types(d.autoscaler.keda)).toEqual(
            expect.arrayContaining(['Active', 'Ready']),
          );
        }
        expect({
          mode: w.gpu.mode,
          resource: w.gpu.resourceName,
          perPod: w.gpu.perPod,
          spot: w.gpu.spot,
        }).toEqual({
          mode: d.gpu.mode,
          resource: d.gpu.resourceName,
          perPod: d.gpu.perPod,
          spot: d.gpu.spot,
        });
        expect(Object.keys(w.replicas).sort()).toEqual(
          Object.keys(d.replicas).sort(),
        );
        if (w.pods.length && d.pods.length) {
          const required = ['name', 'phase', 'ready', 'restartCount', 'spot'];
          expect(Object.keys(w.pods[0])).toEqual(
            expect.arrayContaining(required),
          );
        }
        // Triton is not running on KWOK's pods: the pod-proxy errors are reported, not thrown.
        if (d.triton) {
          expect(w.triton).toBeDefined();
        }
      }
    });
  });

  it('turns the HPA controller conditions and rescale events into status and findings', async () => {
    // 1. The mini project with pods that cannot be scheduled yet: the HPA has no metrics.
    const manifest = readFileSync(
      join(__dirname, 'mini-project/realtime-cpu.yaml'),
      'utf8',
    ).replace(
      /nodeSelector:\n\s+type: kwok/,
      'nodeSelector:\n        model-scaling.io/pool: not-yet',
    );
    expect(manifest).toContain('not-yet');
    await kubectl(env, ['apply', '--server-side', '-f', '-'], {
      input: manifest,
    });

    const failing = await waitFor(
      'a FailedGetResourceMetric finding',
      async () => {
        const s = await status(backend, MINI);
        return s.findings.find(
          f =>
            f.id === 'autoscaler-condition-failing' &&
            /FailedGetResourceMetric/.test(f.title),
        )
          ? s
          : undefined;
      },
      {
        timeoutMs: 120_000,
        describe: async () =>
          JSON.stringify((await status(backend, MINI)).findings),
      },
    );
    const hpaView = failing.workloads[0].autoscaler.hpa!;
    expect(hpaView.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'ScalingActive',
          status: 'False',
          reason: 'FailedGetResourceMetric',
        }),
      ]),
    );
    expect(failing.workloads[0].pods.every(p => p.phase === 'Pending')).toBe(
      true,
    );

    // 2. Nodes for it: pods run, metrics arrive, the finding goes away.
    await kubectl(env, [
      '-n',
      NS,
      'patch',
      'deployment',
      MINI,
      '--type',
      'json',
      '-p',
      '[{"op":"replace","path":"/spec/template/spec/nodeSelector","value":{"type":"kwok"}}]',
    ]);
    await waitFor(
      'the HPA to be active and the finding gone',
      async () => {
        const s = await status(backend, MINI);
        const h = s.workloads[0]?.autoscaler.hpa;
        const active = h?.conditions.find(c => c.type === 'ScalingActive');
        return active?.status === 'True' &&
          !s.findings.some(f => f.id === 'autoscaler-condition-failing')
          ? s
          : undefined;
      },
      {
        timeoutMs: 180_000,
        describe: async () =>
          JSON.stringify(
            (
              await status(backend, MINI)
            ).workloads[0]?.autoscaler,
          ),
      },
    );

    // 3. Load: the real controller scales up; the event and the replicas reach the status.
    await setCpuUsage(env, '300m');
    const up = await waitFor(
      'a scale-up event in the status',
      async () => {
        const s = await status(backend, MINI);
        const e = s.workloads[0].rescaleEvents.find(x => (x.newSize ?? 0) >= 5);
        return e && s.workloads[0].autoscaler.hpa!.desiredReplicas >= 5
          ? { s, e }
          : undefined;
      },
      { timeoutMs: 180_000 },
    );
    expect(up.e.object).toBe(`HorizontalPodAutoscaler/${MINI}`);
    expect(up.e.message).toMatch(
      /cpu resource utilization \(percentage of request\) above target/,
    );
    const k8sEvents = await kubectlJson(env, [
      '-n',
      NS,
      'get',
      'events',
      '--field-selector',
      'reason=SuccessfulRescale',
    ]);
    expect(k8sEvents.items.map((e: any) => e.message)).toContain(up.e.message);

    // 4. Load gone: after the 30 s window it scales down to 1, the timeline has both steps.
    await waitFor(
      `${up.e.newSize} ready pods`,
      async () =>
        (await status(backend, MINI)).workloads[0].replicas.ready >=
        up.e.newSize!,
      { timeoutMs: 120_000 },
    );
    await setCpuUsage(env, '5m');
    const down = await waitFor(
      'the scale-down event in the status',
      async () => {
        const s = await status(backend, MINI);
        return s.workloads[0].rescaleEvents.find(x => x.newSize === 1)
          ? s
          : undefined;
      },
      { timeoutMs: 240_000 },
    );
    const timeline = down.workloads[0].rescaleEvents
      .slice()
      .sort((a, b) => a.time.localeCompare(b.time))
      .map(e => e.newSize);
    expect(timeline[0]).toBeGreaterThanOrEqual(5);
    expect(timeline[timeline.length - 1]).toBe(1);
    expect(down.workloads[0].autoscaler.hpa).toMatchObject({
      minReplicas: 1,
      maxReplicas: 10,
      scaleDownStabilizationSeconds: 30,
      managedByKeda: false,
    });
  });

  it('recovers its watches by itself when the kube-apiserver restarts', async () => {
    const before = await status(backend, 'batch-embedder');
    const specBefore = before.workloads[0].replicas.spec;

    const restart = execFileAsync(
      join(__dirname, '../restart-apiserver.sh'),
      ['5'],
      { timeout: 180_000 },
    );
    // While the API server is down, the cluster is reported with an error; nothing crashes.
    const seenDown = await waitFor(
      'the backend to notice the API server is gone',
      async () => {
        const [c] = await clusters(backend);
        return c.lastError ||
          c.kinds.some(k => k.watching === false || k.lastError)
          ? c
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(seenDown.name).toBe(env.CLUSTER_NAME);
    // Cached data is still served during the outage.
    expect((await status(backend, 'batch-embedder')).workloads).toHaveLength(1);
    await restart;

    await waitFor(
      'every watch to be open again',
      async () => synced((await clusters(backend))[0]),
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        describe: async () => JSON.stringify(await clusters(backend)),
      },
    );

    // A change made after the restart reaches the status: the cache is live again.
    const target = (specBefore ?? 1) + 1;
    await kubectl(env, [
      '-n',
      'ml-batch',
      'scale',
      'deployment',
      'batch-embedder',
      `--replicas=${target}`,
    ]);
    try {
      await waitFor(
        'the scaled Deployment in the status',
        async () =>
          (
            await status(backend, 'batch-embedder')
          ).workloads[0].replicas.spec === target,
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    } finally {
      await kubectl(env, [
        '-n',
        'ml-batch',
        'scale',
        'deployment',
        'batch-embedder',
        `--replicas=${specBefore ?? 1}`,
      ]);
    }
  });
});
