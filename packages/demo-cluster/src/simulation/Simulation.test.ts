import { DemoCluster, startDemoCluster } from '../startDemoCluster';
import { KINDS } from './kinds';
import { demoScenarios } from './scenarios';
import { Rng } from './rng';

// Starting a cluster runs minutes of simulation; a busy machine needs more than 5 s.
jest.setTimeout(60_000);

const START = Date.parse('2026-03-02T10:00:00Z');
const SCENARIOS = demoScenarios(new Rng(1));

const deployment = (c: DemoCluster, ns: string, name: string) =>
  c.store.get(KINDS.deployments, ns, name) as any;
const pods = (c: DemoCluster, ns: string, app: string) =>
  c.store
    .list(KINDS.pods, ns)
    .filter(
      p => p.metadata.labels?.['app.kubernetes.io/name'] === app,
    ) as any[];
const readyAt = (pod: any) =>
  pod.status?.conditions?.find(
    (x: any) => x.type === 'Ready' && x.status === 'True',
  )?.lastTransitionTime;
const condition = (obj: any, type: string) =>
  obj?.status?.conditions?.find((x: any) => x.type === type);

describe('Simulation of the demo day', () => {
  let cluster: DemoCluster;
  const coldStarts = new Map<string, { app: string; seconds: number }>();
  const maxReplicas = new Map<string, number>();
  const violations: string[] = [];
  let lastCounters = new Map<string, number>();
  let counterDecreases = 0;

  /** Samples invariants and cold starts while the clock advances. */
  function advance(seconds: number, every = 15) {
    for (let s = 0; s < seconds; s += every) {
      cluster.advance(every);
      for (const hpa of cluster.store.list(KINDS.hpas) as any[]) {
        const d = deployment(
          cluster,
          hpa.metadata.namespace,
          hpa.spec.scaleTargetRef.name,
        );
        const so = hpa.metadata.labels?.['scaledobject.keda.sh/name']
          ? (cluster.store.get(
              KINDS.scaledObjects,
              hpa.metadata.namespace,
              hpa.metadata.labels['scaledobject.keda.sh/name'],
            ) as any)
          : undefined;
        const min = so
          ? so.spec.minReplicaCount ?? 0
          : hpa.spec.minReplicas ?? 1;
        const max = so ? so.spec.maxReplicaCount ?? 100 : hpa.spec.maxReplicas;
        if (d.spec.replicas < min || d.spec.replicas > max) {
          violations.push(
            `${d.metadata.name}=${d.spec.replicas} outside [${min}, ${max}]`,
          );
        }
        maxReplicas.set(
          d.metadata.name,
          Math.max(maxReplicas.get(d.metadata.name) ?? 0, d.spec.replicas),
        );
      }
      for (const pod of cluster.store.list(KINDS.pods) as any[]) {
        const ready = readyAt(pod);
        if (
          ready &&
          pod.status.startTime &&
          !coldStarts.has(pod.metadata.name)
        ) {
          coldStarts.set(pod.metadata.name, {
            app: pod.metadata.labels['app.kubernetes.io/name'],
            seconds:
              (Date.parse(ready) - Date.parse(pod.status.startTime)) / 1000,
          });
        }
      }
      const counters = new Map<string, number>();
      for (const pod of cluster.store.list(KINDS.pods) as any[]) {
        const triton = cluster.simulation.tritonOf(
          pod.metadata.namespace,
          pod.metadata.name,
        );
        for (const model of triton?.models ?? []) {
          const stats = triton!.modelStats(model.name) as any;
          for (const [key, value] of [
            ['inference_count', stats.inference_count],
            ['execution_count', stats.execution_count],
            ['success', stats.inference_stats.success.count],
            ['queue_ns', stats.inference_stats.queue.ns],
          ] as [string, number][]) {
            const id = `${pod.metadata.name}/${model.name}/${key}`;
            counters.set(id, value);
            if ((lastCounters.get(id) ?? 0) > value) counterDecreases++;
          }
        }
      }
      lastCounters = counters;
    }
  }

  beforeAll(async () => {
    cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 900,
    });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('starts at 10:00 with batch-embedder at its max and spot pods Pending for lack of GPUs', () => {
    expect(cluster.simulation.hourOfDay(cluster.simulation.now())).toBeCloseTo(
      10,
      5,
    );
    expect(
      deployment(cluster, 'ml-batch', 'batch-embedder').spec.replicas,
    ).toBe(40);
    const pending = pods(cluster, 'ml-batch', 'batch-embedder').filter(
      p => !p.spec.nodeName,
    );
    expect(pending).toHaveLength(8);
    for (const p of pending) {
      expect(condition(p, 'PodScheduled')).toMatchObject({
        status: 'False',
        reason: 'Unschedulable',
        message: expect.stringContaining('Insufficient nvidia.com/gpu'),
      });
    }
    const bound = pods(cluster, 'ml-batch', 'batch-embedder').filter(
      p => p.spec.nodeName,
    );
    expect(new Set(bound.map(p => p.spec.nodeName))).toEqual(
      new Set(['gpu-h200-spot-1']),
    );
  });

  it('serves image-classifier with batches of about one request although dynamic batching is on', () => {
    const running = pods(cluster, 'ml-serving', 'image-classifier').filter(
      readyAt,
    );
    expect(running.length).toBeGreaterThanOrEqual(2);
    for (const pod of running) {
      const triton = cluster.simulation.tritonOf(
        'ml-serving',
        pod.metadata.name,
      )!;
      expect(triton.models[0].configJson.dynamic_batching).toBeDefined();
      const stats = triton.modelStats('resnet50') as any;
      expect(stats.execution_count).toBeGreaterThan(1000);
      expect(stats.inference_count / stats.execution_count).toBeLessThan(1.15);
    }
    const embedder = pods(cluster, 'ml-batch', 'batch-embedder').find(p =>
      readyAt(p),
    )!;
    const stats = cluster.simulation
      .tritonOf('ml-batch', embedder.metadata.name)!
      .modelStats('bert-embedder') as any;
    expect(
      stats.inference_count / stats.execution_count,
    ).toBeGreaterThanOrEqual(64);
  });

  it('follows the load within min/max through the afternoon peak, with text-classifier capped at 20', () => {
    const morning = deployment(cluster, 'ml-serving', 'text-classifier').spec
      .replicas;
    advance(4 * 150); // 10:00 -> 14:00 at 24x
    expect(violations).toEqual([]);
    expect(maxReplicas.get('text-classifier')).toBe(20);
    expect(morning).toBeLessThan(20);
    const hpa = cluster.store.get(
      KINDS.hpas,
      'ml-serving',
      'text-classifier',
    ) as any;
    expect(condition(hpa, 'ScalingLimited')).toMatchObject({
      status: 'True',
      reason: 'TooManyReplicas',
    });
    expect(
      hpa.status.currentMetrics[0].resource.current.averageUtilization,
    ).toBeGreaterThan(70);
    expect(maxReplicas.get('image-classifier')).toBeGreaterThan(2);
    expect(counterDecreases).toBe(0);
  });

  it('reports rescale events in the HPA controller format', () => {
    const events = cluster.store
      .list(KINDS.events, 'ml-serving')
      .filter(
        (e: any) =>
          e.reason === 'SuccessfulRescale' &&
          e.involvedObject.name === 'text-classifier',
      ) as any[];
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) {
      expect(e.message).toMatch(
        /^New size: \d+; reason: (cpu resource utilization \(percentage of request\) above target|All metrics below target)$/,
      );
      expect(e.involvedObject).toMatchObject({
        kind: 'HorizontalPodAutoscaler',
        apiVersion: 'autoscaling/v2',
      });
      expect(e.source).toEqual({ component: 'horizontal-pod-autoscaler' });
    }
  });

  it('makes pods ready after their cold start; summarizer takes longer than its 60 s budget', () => {
    const byApp = new Map<string, number[]>();
    for (const { app, seconds } of coldStarts.values())
      byApp.set(app, [...(byApp.get(app) ?? []), seconds]);
    for (const [key, scenario] of Object.entries(SCENARIOS)) {
      const app = key.split('/')[1];
      const seen = byApp.get(app) ?? [];
      expect(seen.length).toBeGreaterThan(0);
      for (const s of seen) {
        expect(s).toBeGreaterThanOrEqual(
          Math.floor(scenario.coldStartSeconds[0]),
        );
        expect(s).toBeLessThanOrEqual(
          Math.ceil(scenario.coldStartSeconds[1]) + 1,
        );
      }
    }
    const budget = Number(
      deployment(cluster, 'ml-serving', 'summarizer').metadata.annotations[
        'model-scaling.io/cold-start-budget-seconds'
      ],
    );
    expect(Math.min(...byApp.get('summarizer')!)).toBeGreaterThan(budget);
  });

  it('scales the summarizer from zero and back with KEDA', () => {
    const events = cluster.store
      .list(KINDS.events, 'ml-serving')
      .filter((e: any) => e.involvedObject.name === 'summarizer') as any[];
    expect(events.map(e => e.reason)).toEqual(
      expect.arrayContaining([
        'KEDAScaleTargetActivated',
        'KEDAScaleTargetDeactivated',
      ]),
    );
    expect(
      events.find(e => e.reason === 'KEDAScaleTargetActivated')!.message,
    ).toMatch(
      /^Scaled apps\/v1\.Deployment ml-serving\/summarizer from 0 to 1, triggered by prometheusScaler$/,
    );
    const hpa = cluster.store.get(
      KINDS.hpas,
      'ml-serving',
      'keda-hpa-summarizer',
    ) as any;
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.metadata.ownerReferences[0]).toMatchObject({
      kind: 'ScaledObject',
      name: 'summarizer',
    });
  });

  it('falls back to 8 batch-embedder replicas while the Kafka lag cannot be read', () => {
    advance(3.2 * 150); // 14:00 -> 17:12, inside the 16.2-17.4 outage
    expect(violations).toEqual([]);
    const so = cluster.store.get(
      KINDS.scaledObjects,
      'ml-batch',
      'batch-embedder',
    ) as any;
    expect(condition(so, 'Fallback')).toMatchObject({
      status: 'True',
      reason: 'FallbackExists',
    });
    expect(condition(so, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'TriggerError',
    });
    expect(so.status.health['s0-kafka-documents-to-embed']).toMatchObject({
      status: 'Failing',
    });
    expect(
      so.status.health['s0-kafka-documents-to-embed'].numberOfFailures,
    ).toBeGreaterThan(3);
    expect(
      deployment(cluster, 'ml-batch', 'batch-embedder').spec.replicas,
    ).toBe(8);
    expect(counterDecreases).toBe(0);
  });
});

describe('Simulation bookkeeping', () => {
  it('forgets a pod deleted through the API: it gets no more traffic and is replaced', async () => {
    const cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 300,
    });
    try {
      const victim = pods(cluster, 'ml-serving', 'image-classifier').find(
        readyAt,
      )!;
      const triton = cluster.simulation.tritonOf(
        'ml-serving',
        victim.metadata.name,
      )!;
      const before = triton.successCount('resnet50');
      const response = await fetch(
        `${cluster.url}/api/v1/namespaces/ml-serving/pods/${victim.metadata.name}`,
        {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${cluster.token}` },
        },
      );
      expect(response.status).toBe(200);
      expect(
        cluster.simulation.podRuntime(victim.metadata.uid),
      ).toBeUndefined();
      cluster.advance(90);
      expect(triton.successCount('resnet50')).toBe(before);
      // The ReplicaSet replaced it, and the replacement got a GPU.
      const d = deployment(cluster, 'ml-serving', 'image-classifier');
      expect(
        pods(cluster, 'ml-serving', 'image-classifier').filter(
          p => !p.metadata.deletionTimestamp,
        ),
      ).toHaveLength(d.spec.replicas);
    } finally {
      await cluster.stop();
    }
  });
});
