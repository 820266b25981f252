import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
// The demo cluster's resource table, to edit its store while it is stopped (not in its public API).
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { resourceTypeForKind } from '@internal/demo-cluster/src/api/resources';
import {
  ClustersResponse,
  EntityScalingStatus,
  FleetResponse,
} from '@internal/plugin-model-scaling-common';
import request from 'supertest';
import { exampleModelServices } from './__testUtils__/exampleEntities';
import {
  eventually,
  startScalingBackend,
} from './__testUtils__/startScalingBackend';

jest.setTimeout(180_000);

const USER = mockCredentials.user.header('user:default/guest');
const entities = exampleModelServices();

async function getStatus(
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

async function getClusters(backend: TestBackend): Promise<ClustersResponse> {
  const res = await request(backend.server)
    .get('/api/model-scaling/v1/clusters')
    .set('Authorization', USER);
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until a Triton workload has figures from two samples. */
async function tritonReady(backend: TestBackend, name: string) {
  return eventually(
    async () => {
      const s = await getStatus(backend, name);
      const models = s.workloads[0]?.triton?.models ?? [];
      return (
        models.length > 0 &&
        models.every(m => m.averageBatchSize !== undefined) &&
        s
      );
    },
    60_000,
    `Triton figures of ${name}`,
  );
}

describe('model-scaling backend against the demo cluster', () => {
  let demo: DemoCluster;
  let backend: TestBackend;

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0 });
    backend = await startScalingBackend({
      clusters: [{ name: 'demo', url: demo.url, token: demo.token }],
      entities,
    });
    await eventually(
      async () => (await getClusters(backend)).clusters[0]?.synced,
      30_000,
      'demo cluster synced',
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await demo?.stop();
  });

  it('reports the demo cluster synced, with KEDA and every kind', async () => {
    const { clusters } = await getClusters(backend);
    expect(clusters).toHaveLength(1);
    const demoHealth = clusters[0];
    expect(demoHealth).toMatchObject({
      name: 'demo',
      url: demo.url,
      synced: true,
      stale: false,
      kedaAvailable: true,
    });
    expect(demoHealth.lastError).toBeUndefined();
    const counts = Object.fromEntries(
      demoHealth.kinds.map(k => [k.kind, k.count]),
    );
    expect(counts.Deployment).toBeGreaterThanOrEqual(4);
    expect(counts.ScaledObject).toBe(3);
    expect(counts.HorizontalPodAutoscaler).toBeGreaterThanOrEqual(1);
    expect(counts.Node).toBeGreaterThan(0);
    expect(demoHealth.kinds.every(k => k.synced && k.resourceVersion)).toBe(
      true,
    );
    await eventually(
      async () =>
        (await getClusters(backend)).clusters[0].kinds.every(k => k.watching),
      10_000,
      'every watch open',
    );
  });

  it('text-classifier: a CPU HPA with the golden-path figures and no GPU', async () => {
    const s = await getStatus(backend, 'text-classifier');
    expect(s).toMatchObject({
      entityRef: 'component:default/text-classifier',
      pattern: 'realtime-cpu',
      latencySloMs: 100,
      tritonModels: [],
      clusterErrors: [],
    });
    expect(s.workloads).toHaveLength(1);
    const w = s.workloads[0];
    expect(w).toMatchObject({
      cluster: 'demo',
      namespace: 'ml-serving',
      name: 'text-classifier',
    });
    expect(w.autoscaler.type).toBe('hpa');
    const hpa = w.autoscaler.hpa!;
    expect(hpa).toMatchObject({
      name: 'text-classifier',
      minReplicas: 2,
      maxReplicas: 20,
      scaleDownStabilizationSeconds: 120,
      managedByKeda: false,
    });
    expect(hpa.metrics.map(m => [m.name, m.targetType, m.target])).toEqual([
      ['cpu', 'Utilization', 70],
      ['memory', 'Utilization', 80],
    ]);
    expect(hpa.currentReplicas).toBeGreaterThanOrEqual(2);
    expect(w.gpu.mode).toBe('none');
    expect(w.triton).toBeUndefined();
    expect(w.pods.length).toBe(w.replicas.current);
    expect(
      w.pods.filter(p => p.ready).every(p => p.coldStartSeconds! > 0),
    ).toBe(true);
  });

  it('image-classifier: KEDA on request rate, an exclusive H200, Triton figures with the real config', async () => {
    const s = await tritonReady(backend, 'image-classifier');
    expect(s.pattern).toBe('realtime-gpu');
    expect(s.tritonModels).toEqual(['resnet50']);
    const w = s.workloads[0];
    expect(w.autoscaler.type).toBe('keda');
    expect(w.autoscaler.keda).toMatchObject({
      name: 'image-classifier',
      minReplicaCount: 2,
      maxReplicaCount: 12,
    });
    expect(w.autoscaler.keda!.triggers[0]).toMatchObject({
      type: 'prometheus',
      threshold: 100,
    });
    expect(w.autoscaler.conflicting).toEqual([]);
    expect(w.gpu).toMatchObject({
      mode: 'exclusive',
      resourceName: 'nvidia.com/gpu',
      perPod: 1,
      spot: false,
    });
    expect(w.gpu.nodes.every(n => (n.product ?? '').includes('H200'))).toBe(
      true,
    );

    const m = w.triton!.models.find(x => x.model === 'resnet50')!;
    expect(m.requestsPerSecond).toBeGreaterThan(0);
    expect(m.inferencesPerSecond).toBeGreaterThanOrEqual(m.requestsPerSecond);
    expect(m.averageBatchSize).toBeGreaterThanOrEqual(1);
    expect(m.averageBatchSize).toBeLessThanOrEqual(32);
    expect(m.config).toMatchObject({
      maxBatchSize: 32,
      dynamicBatching: {
        preferredBatchSize: [4, 8, 16],
        maxQueueDelayMicroseconds: 100,
      },
    });
    expect(w.triton!.errors).toEqual([]);
    // The pods reported are the Deployment's running pods.
    expect(
      w.pods.filter(p => p.phase === 'Running').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('batch-embedder: KEDA on Kafka lag, time-sliced GPUs on spot nodes', async () => {
    const s = await tritonReady(backend, 'batch-embedder');
    const w = s.workloads[0];
    expect(w.namespace).toBe('ml-batch');
    expect(w.autoscaler.type).toBe('keda');
    expect(w.autoscaler.keda).toMatchObject({
      minReplicaCount: 1,
      maxReplicaCount: 40,
    });
    expect(w.autoscaler.keda!.triggers[0]).toMatchObject({
      type: 'kafka',
      threshold: 2000,
    });
    expect(w.gpu).toMatchObject({
      mode: 'time-slicing',
      replicas: 4,
      memoryIsolation: false,
      spot: true,
    });
    const m = w.triton!.models.find(x => x.model === 'bert-embedder')!;
    expect(m.config?.dynamicBatching?.preferredBatchSize).toEqual([
      32, 64, 128,
    ]);
    expect(m.averageBatchSize).toBeGreaterThan(1);
  });

  it('summarizer: KEDA scale-to-zero with activation, on MIG 1g.18gb slices', async () => {
    const s = await getStatus(backend, 'summarizer');
    const w = s.workloads[0];
    expect(w.autoscaler.type).toBe('keda');
    expect(w.autoscaler.keda).toMatchObject({
      minReplicaCount: 0,
      maxReplicaCount: 8,
    });
    expect(w.autoscaler.keda!.triggers[0]).toMatchObject({
      threshold: 20,
      activationThreshold: 1,
    });
    expect(w.gpu).toMatchObject({
      mode: 'mig',
      migProfile: '1g.18gb',
      resourceName: 'nvidia.com/mig-1g.18gb',
    });
  });

  it('findings of the examples come from the live state', async () => {
    const order = { error: 0, warning: 1, info: 2 };
    for (const name of entities.map(e => e.metadata.name)) {
      const s = await getStatus(backend, name);
      // All findings of all workloads, most severe first, each with evidence and a fix.
      expect(s.findings).toHaveLength(
        s.workloads.flatMap(w => w.findings).length,
      );
      const severities = s.findings.map(f => order[f.severity]);
      expect(severities).toEqual([...severities].sort());
      for (const f of s.findings) {
        expect(f.evidence.length).toBeGreaterThan(0);
        expect(f.fix.length).toBeGreaterThan(0);
      }
    }
    const ids = (st: EntityScalingStatus) => st.findings.map(f => f.id);

    // resnet50 waits at most 100 µs for a batch: Triton runs batches of about 1.
    const image = await tritonReady(backend, 'image-classifier');
    const resnet = image.workloads[0].triton!.models[0];
    expect(resnet.averageBatchSize).toBeLessThan(1.5);
    expect(ids(image)).toContain('dynamic-batching-ineffective');

    // The summarizer's ScaledObject sets no scale-down window: the HPA's 300 s default applies.
    const summarizer = await getStatus(backend, 'summarizer');
    expect(
      summarizer.workloads[0].autoscaler.hpa?.scaleDownStabilizationSeconds ??
        300,
    ).toBe(300);
    expect(ids(summarizer)).toContain('default-scale-down-window');

    // Pending pods while KEDA wants more are reported when they happen.
    const embedder = await getStatus(backend, 'batch-embedder');
    const ew = embedder.workloads[0];
    const unschedulable = ew.pods.filter(
      p => p.phase === 'Pending' && p.pendingReason === 'Unschedulable',
    );
    const reported = ids(embedder).includes('pods-pending-while-scaling');
    const mustReport =
      unschedulable.length > 0 && (ew.replicas.spec ?? 0) > ew.replicas.ready;
    expect(!mustReport || reported).toBe(true);

    // The golden-path HPA sets its own scale-down window: no default-window finding.
    const text = await getStatus(backend, 'text-classifier');
    expect(ids(text)).not.toContain('default-scale-down-window');
  });

  it('lists the four model services in the fleet view', async () => {
    const res = await request(backend.server)
      .get('/api/model-scaling/v1/services')
      .set('Authorization', USER);
    expect(res.status).toBe(200);
    const body: FleetResponse = res.body;
    expect(body.services.map(r => r.name).sort()).toEqual([
      'batch-embedder',
      'image-classifier',
      'summarizer',
      'text-classifier',
    ]);
    const text = body.services.find(r => r.name === 'text-classifier')!;
    expect(text).toMatchObject({
      pattern: 'realtime-cpu',
      clusters: ['demo'],
      autoscalerType: 'hpa',
      gpuMode: 'none',
      owner: 'team-nlp',
      replicas: { min: 2, max: 20 },
    });
    const image = body.services.find(r => r.name === 'image-classifier')!;
    expect(image).toMatchObject({
      autoscalerType: 'keda',
      gpuMode: 'exclusive',
    });
    expect(Array.isArray(image.drift)).toBe(true);
  });

  it('answers 401 without credentials', async () => {
    for (const path of [
      '/api/model-scaling/v1/clusters',
      '/api/model-scaling/v1/services',
      '/api/model-scaling/v1/entities/default/component/text-classifier/status',
    ]) {
      const res = await request(backend.server).get(path);
      expect(res.status).toBe(401);
    }
  });

  it('keeps serving when a Triton pod hangs or answers garbage; only that pod shows an error', async () => {
    const before = await tritonReady(backend, 'image-classifier');
    const pods = before.workloads[0].pods
      .filter(p => p.phase === 'Running' && p.ready)
      .map(p => p.name);
    expect(pods.length).toBeGreaterThanOrEqual(2);
    const [hanging, ...healthy] = pods;
    const embedderPod = (
      await getStatus(backend, 'batch-embedder')
    ).workloads[0].pods.find(p => p.phase === 'Running')!.name;
    demo.setFault({ pods: { [hanging]: 'hang', [embedderPod]: 'garbage' } });
    try {
      const sampledBefore = before.workloads[0].triton!.sampledAt!;
      const after = await eventually(
        async () => {
          const s = await getStatus(backend, 'image-classifier');
          const t = s.workloads[0].triton!;
          return (
            t.errors.some(e => e.pod === hanging) &&
            t.sampledAt! > sampledBefore &&
            s
          );
        },
        30_000,
        'the hanging pod reported',
      );
      const t = after.workloads[0].triton!;
      expect(t.errors.map(e => e.pod)).toEqual([hanging]);
      expect(t.errors[0].message).toMatch(/timed out after 1000 ms/);
      expect(healthy.every(p => !t.errors.some(e => e.pod === p))).toBe(true);
      expect(t.models[0].requestsPerSecond).toBeGreaterThan(0);

      const embedder = await eventually(
        async () => {
          const s = await getStatus(backend, 'batch-embedder');
          return (
            s.workloads[0].triton!.errors.some(e => e.pod === embedderPod) && s
          );
        },
        30_000,
        'the garbage pod reported',
      );
      expect(
        embedder.workloads[0].triton!.errors.find(e => e.pod === embedderPod)!
          .message,
      ).toMatch(/not Prometheus text format/);
      // Text classifier (no Triton) and the summarizer are untouched.
      expect(
        (await getStatus(backend, 'text-classifier')).clusterErrors,
      ).toEqual([]);
    } finally {
      demo.setFault({});
    }
  });
});

describe('a page view costs zero Kubernetes API calls', () => {
  let demo: DemoCluster;
  let backend: TestBackend;

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0 });
    backend = await startScalingBackend({
      clusters: [{ name: 'demo', url: demo.url, token: demo.token }],
      entities,
      // One Triton round at startup only, so background sampling does not
      // muddle the count; the watch streams stay open.
      modelScaling: {
        triton: { intervalSeconds: 3600 },
        // The platform team's presets: a 120 s scale-down window for realtime-cpu.
        patterns: {
          'realtime-cpu': {
            behavior: { scaleDownStabilizationWindowSeconds: 120 },
          },
        },
      },
    });
    // Warm-up: every kind listed and its watch stream open.
    await eventually(
      async () => {
        const [c] = (await getClusters(backend)).clusters;
        return c?.synced && c.kedaAvailable && c.kinds.every(k => k.watching);
      },
      30_000,
      'demo cluster synced and watching',
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await demo?.stop();
  });

  it('after warm-up, 100 status requests (and the fleet and clusters routes) make no request to the cluster', async () => {
    await getStatus(backend, 'image-classifier');
    demo.resetCounts();
    const names = entities.map(e => e.metadata.name);
    for (let i = 0; i < 100; i++) {
      const s = await getStatus(backend, names[i % names.length]);
      expect(s.workloads.length).toBe(1);
    }
    await request(backend.server)
      .get('/api/model-scaling/v1/services')
      .set('Authorization', USER);
    await getClusters(backend);
    expect(demo.requestCounts).toEqual({});
    expect(demo.totalRequests()).toBe(0);
  });

  it('judges drift against the presets from app-config', async () => {
    const res = await request(backend.server)
      .get('/api/model-scaling/v1/services')
      .set('Authorization', USER);
    const text = (res.body as FleetResponse).services.find(
      r => r.name === 'text-classifier',
    )!;
    expect(text.drift).not.toContainEqual(
      expect.objectContaining({
        field: 'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
      }),
    );
  });
});

describe('cluster faults', () => {
  let demo: DemoCluster;
  let forbidden: DemoCluster;
  let backend: TestBackend;

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0 });
    forbidden = await startDemoCluster({
      port: 0,
      faults: { forbidAll: true },
    });
    backend = await startScalingBackend({
      clusters: [
        { name: 'demo', url: demo.url, token: demo.token },
        { name: 'wrong-token', url: demo.url, token: 'not-the-token' },
        { name: 'forbidden', url: forbidden.url, token: forbidden.token },
      ],
      entities,
    });
    await eventually(
      async () => {
        const { clusters } = await getClusters(backend);
        const byName = Object.fromEntries(clusters.map(c => [c.name, c]));
        return (
          byName.demo?.synced &&
          byName['wrong-token']?.lastError &&
          byName.forbidden?.lastError
        );
      },
      30_000,
      'clusters settled',
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await demo?.stop();
    await forbidden?.stop();
  });

  it('a cluster answering 401 or 403 shows its error while the other cluster’s data comes back', async () => {
    const s = await getStatus(backend, 'text-classifier');
    expect(s.workloads.map(w => w.cluster)).toEqual(['demo']);
    const errors = Object.fromEntries(s.clusterErrors.map(e => [e.cluster, e]));
    expect(Object.keys(errors).sort()).toEqual(['forbidden', 'wrong-token']);
    expect(errors['wrong-token'].message).toMatch(/401/);
    expect(errors.forbidden.message).toMatch(/403/);
    expect(errors['wrong-token'].stale).toBe(false);

    const { clusters } = await getClusters(backend);
    const wrong = clusters.find(c => c.name === 'wrong-token')!;
    expect(wrong).toMatchObject({ synced: false, stale: false });
    expect(wrong.lastError).toMatch(/HTTP 401 Unauthorized/);
  });

  it('a stopped cluster keeps answering from the cache, marked stale with its error, and is fresh again within 10 s of coming back', async () => {
    const before = await getStatus(backend, 'image-classifier');
    const replicasBefore = before.workloads[0].replicas;

    await demo.stop();
    const stale = await eventually(
      async () => {
        const s = await getStatus(backend, 'image-classifier');
        return s.clusterErrors.find(e => e.cluster === 'demo' && e.stale) && s;
      },
      20_000,
      'demo marked stale',
    );
    const demoError = stale.clusterErrors.find(e => e.cluster === 'demo')!;
    expect(demoError.message).toMatch(/ECONNREFUSED|socket hang up|ECONNRESET/);
    expect(Date.parse(demoError.staleSince!)).toBeGreaterThan(0);
    // Cached data is still there.
    expect(stale.workloads).toHaveLength(1);
    expect(stale.workloads[0].cluster).toBe('demo');
    expect(stale.workloads[0].replicas.spec).toBe(replicasBefore.spec);
    const health = (await getClusters(backend)).clusters.find(
      c => c.name === 'demo',
    )!;
    expect(health).toMatchObject({ stale: true, synced: true });

    await demo.start();
    const restartedAt = Date.now();
    await eventually(
      async () => {
        const { clusters } = await getClusters(backend);
        const h = clusters.find(c => c.name === 'demo')!;
        return h.synced && !h.stale && !h.lastError;
      },
      10_000,
      'demo fresh again',
    );
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    const fresh = await getStatus(backend, 'image-classifier');
    expect(fresh.clusterErrors.find(e => e.cluster === 'demo')).toBeUndefined();
  });

  it('relists on 410 Gone: a delete it missed while the cluster was away is not kept', async () => {
    const hpaCount = async () =>
      (await getClusters(backend)).clusters
        .find(c => c.name === 'demo')!
        .kinds.find(k => k.kind === 'HorizontalPodAutoscaler')!.count;
    await eventually(
      async () => {
        const h = (await getClusters(backend)).clusters.find(
          c => c.name === 'demo',
        )!;
        return h.synced && !h.stale;
      },
      10_000,
      'demo fresh',
    );
    const before = await hpaCount();

    await demo.stop();
    const hpaType = resourceTypeForKind(
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
    )!;
    demo.store.delete(hpaType, 'ml-serving', 'text-classifier');
    demo.store.compact(); // the DELETED event is gone: resuming the watch answers 410
    await demo.start();

    await eventually(
      async () => {
        const h = (await getClusters(backend)).clusters.find(
          c => c.name === 'demo',
        )!;
        return h.synced && !h.stale && (await hpaCount()) === before - 1;
      },
      10_000,
      'the relisted HPAs',
    );
    expect(await hpaCount()).toBe(before - 1);
  });
});

describe('permissions', () => {
  let demo: DemoCluster;
  let backend: TestBackend;

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0 });
    backend = await startScalingBackend({
      clusters: [{ name: 'demo', url: demo.url, token: demo.token }],
      entities,
      permission: AuthorizeResult.DENY,
      modelScaling: { triton: { enabled: false } },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await demo?.stop();
  });

  it('answers 404 for the status (the caller may not read the entity in the catalog, so it is as missing) and leaves the fleet empty when the policy denies', async () => {
    const res = await request(backend.server)
      .get(
        '/api/model-scaling/v1/entities/default/component/image-classifier/status',
      )
      .set('Authorization', USER);
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
    expect(JSON.stringify(res.body)).not.toContain('workloads');
    const fleet = await request(backend.server)
      .get('/api/model-scaling/v1/services')
      .set('Authorization', USER);
    expect(fleet.status).toBe(200);
    expect(fleet.body.services).toEqual([]);
  });
});
