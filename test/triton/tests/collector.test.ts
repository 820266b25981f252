import {
  parseTritonMetrics,
  tritonFiguresFromMetrics,
} from '@internal/plugin-model-scaling-common';
import { createCollector, target, WORKLOAD } from '../lib/collector';
import { openLoop } from '../lib/openLoop';
import { PodProxyServer, startPodProxy } from '../lib/podProxy';
import {
  fetchMetrics,
  infer,
  repository,
  restartTriton,
  tritonState,
} from '../lib/tritonEnv';
import type { TritonTarget } from '../../../plugins/model-scaling-backend/src/services/TritonCollector/tritonTargets';

/*
 * The backend's Triton collector reading the real server through the pod
 * proxy path (`:8002/metrics`, `:8000/v2/models/<m>/stats` and `/config`),
 * and what it makes of a real server misbehaving: a closed metrics port, a
 * model it does not serve, a model unloaded, a statistics document about
 * another model, and a restart between two samples (counters start over).
 */

let proxy: PodProxyServer;
let targets: TritonTarget[] = [];
let spareUnloaded = false;
const collector = () =>
  createCollector({ apiUrl: proxy.url, targets: () => targets });

function mapPods() {
  const s = tritonState();
  const real = { 8000: s.httpPort, 8002: s.metricsPort };
  proxy.pods['image-classifier-0'] = { ports: real };
  // The metrics port refuses connections (Triton started with --allow-metrics=false, or a sidecar is down).
  proxy.pods['image-classifier-closed'] = { ports: { 8000: s.httpPort } };
  // A misrouted answer: asked for resnet50, the pod answers with another model's statistics.
  proxy.pods['image-classifier-mixed'] = {
    ports: real,
    rewrite: p => p.replace('/models/resnet50/', '/models/resnet50-nobatch/'),
  };
}

const byPod = (c: ReturnType<typeof collector>) =>
  Object.fromEntries(c.resultsFor(WORKLOAD).map(r => [r.pod, r]));

beforeAll(async () => {
  proxy = await startPodProxy({});
  mapPods();
});

afterAll(async () => {
  await proxy?.close();
  if (spareUnloaded) restartTriton();
});

describe('the Triton collector on a real server', () => {
  it('reads the request rate, average batch, batch sizes, queue and compute time', async () => {
    targets = [target('image-classifier-0', ['resnet50'])];
    const c = collector();
    await c.collectOnce();
    const load = await openLoop({
      rateRps: 40,
      seconds: 4,
      seed: 11,
      send: () => infer('resnet50'),
    });
    await c.collectOnce();
    const [result] = c.resultsFor(WORKLOAD);
    expect(result.error).toBeUndefined();
    const f = result.figures.find(x => x.model === 'resnet50')!;
    expect(f.source).toBe('stats');
    // Counts are exact: the rate over the interval is the requests sent.
    expect(Math.round(f.requestsPerSecond * f.intervalSeconds)).toBe(
      load.sentUs.length,
    );
    expect(f.averageBatchSize).toBeGreaterThan(1);
    expect(
      f.batchSizeHistogram.reduce((n, h) => n + h.batchSize * h.executions, 0),
    ).toBe(load.sentUs.length);
    // A lone request waits out the 5 ms queue delay; an execution sleeps ≥ 10.5 ms (ResNet-50 at batch 1, × 10).
    expect(f.averageQueueUs).toBeGreaterThan(1000);
    expect(f.averageComputeUs).toBeGreaterThan(10_469);
    expect(f.pendingRequests).toBe(0);
    expect(f.failuresPerSecond).toBe(0);
    expect(f.config).toMatchObject({
      maxBatchSize: 32,
      dynamicBatching: {
        preferredBatchSize: [4, 8, 16],
        maxQueueDelayMicroseconds: 5000,
      },
    });
    await c.stop();
  });

  it('gives a pod whose metrics port is closed an error of its own and keeps its stats figures', async () => {
    targets = [
      target('image-classifier-0', ['resnet50']),
      target('image-classifier-closed', ['resnet50']),
    ];
    const c = collector();
    await c.collectOnce();
    await Promise.all(Array.from({ length: 8 }, () => infer('resnet50')));
    await c.collectOnce();
    const pods = byPod(c);
    expect(Object.keys(pods).sort()).toEqual([
      'image-classifier-0',
      'image-classifier-closed',
    ]);
    expect(pods['image-classifier-0'].error).toBeUndefined();
    expect(pods['image-classifier-closed'].error).toMatch(
      /^metrics: .*503.*connection refused/,
    );
    const f = pods['image-classifier-closed'].figures[0];
    expect(f.model).toBe('resnet50');
    expect(f.requestsPerSecond).toBeGreaterThan(0);
    await c.stop();
  });

  it('names a model the server does not have, and a model that was unloaded, per pod', async () => {
    targets = [
      target('image-classifier-0', [
        'resnet50',
        'no-such-model',
        'resnet50-spare',
      ]),
    ];
    const c = collector();
    await c.collectOnce();
    // PyTriton cannot load a model again once unloaded: the restart below (or afterAll) brings it back.
    await repository('resnet50-spare', 'unload');
    spareUnloaded = true;
    try {
      await infer('resnet50');
      await c.collectOnce();
      const [r] = c.resultsFor(WORKLOAD);
      expect(r.error).toContain(
        "no-such-model stats: GET :8000/v2/models/no-such-model/stats: HTTP 400: requested model 'no-such-model' is not available",
      );
      expect(r.error).toMatch(/resnet50-spare stats: .*HTTP 400/);
      // The model that is served still has its figures.
      const f = r.figures.find(x => x.model === 'resnet50')!;
      expect(f.requestsPerSecond).toBeGreaterThan(0);
      for (const x of r.figures)
        expect(x.requestsPerSecond).toBeGreaterThanOrEqual(0);
    } finally {
      await c.stop();
    }
  });

  it('reports a statistics document about another model instead of hiding the model', async () => {
    targets = [target('image-classifier-mixed', ['resnet50'])];
    const c = collector();
    await c.collectOnce();
    await infer('resnet50');
    await c.collectOnce();
    const [r] = c.resultsFor(WORKLOAD);
    expect(r.pod).toBe('image-classifier-mixed');
    expect(r.error).toBe(
      'resnet50 stats: the answer is about resnet50-nobatch, not resnet50',
    );
    // The pod and its /metrics figures stay; the stats-only batch histogram is not made up.
    expect(r.figures.find(f => f.model === 'resnet50')?.source).toBe('metrics');
    await c.stop();
  });

  it('keeps rates non-negative and reset-aware when Triton restarts between samples', async () => {
    targets = [target('image-classifier-0', ['resnet50'])];
    const c = collector();
    // Counters well above what the restarted server will reach.
    await Promise.all(Array.from({ length: 24 }, () => infer('resnet50')));
    await c.collectOnce();
    const metricsBefore = parseTritonMetrics(await fetchMetrics(), new Date());
    restartTriton();
    spareUnloaded = false;
    mapPods();
    for (let i = 0; i < 5; i++) await infer('resnet50');
    await c.collectOnce();
    const [r] = c.resultsFor(WORKLOAD);
    expect(r.error).toBeUndefined();
    const f = r.figures.find(x => x.model === 'resnet50')!;
    // The counters went down: the current values are the increase since the restart.
    expect(Math.round(f.requestsPerSecond * f.intervalSeconds)).toBe(5);
    expect(f.averageBatchSize).toBe(1);
    for (const k of [
      'requestsPerSecond',
      'inferencesPerSecond',
      'executionsPerSecond',
      'failuresPerSecond',
    ] as const) {
      expect(f[k]).toBeGreaterThanOrEqual(0);
    }
    // The same from two /metrics scrapes across the restart.
    const metricsAfter = parseTritonMetrics(await fetchMetrics(), new Date());
    const m = tritonFiguresFromMetrics(metricsBefore, metricsAfter).find(
      x => x.model === 'resnet50',
    )!;
    expect(Math.round(m.requestsPerSecond * m.intervalSeconds)).toBe(5);
    expect(m.averageQueueUs).toBeGreaterThan(0);
    await c.stop();
  });
});
