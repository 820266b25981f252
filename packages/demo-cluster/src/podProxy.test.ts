import {
  parseTritonConfig,
  parseTritonMetrics,
  parseTritonStats,
  tritonConfigFromJson,
  tritonFiguresFromMetrics,
  tritonFiguresFromStats,
} from '@internal/plugin-model-scaling-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DemoCluster, startDemoCluster } from './startDemoCluster';
import { KINDS } from './simulation/kinds';

// Starting a cluster runs minutes of simulation; a busy machine needs more than 5 s.
jest.setTimeout(60_000);

const START = Date.parse('2026-03-02T10:00:00Z');
const REPO = join(__dirname, '..', '..', '..', 'examples', 'cluster');

describe('pod proxy to Triton', () => {
  let cluster: DemoCluster;
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${cluster.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${cluster.token}` },
    });
  const readyPod = (app: string, ns = 'ml-serving') =>
    (cluster.store.list(KINDS.pods, ns) as any[]).find(
      p =>
        p.metadata.labels['app.kubernetes.io/name'] === app &&
        p.status.conditions?.some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
    ).metadata.name as string;
  const proxy = (ns: string, pod: string, port: number, path: string) =>
    `/api/v1/namespaces/${ns}/pods/${pod}:${port}/proxy${path}`;

  beforeAll(async () => {
    cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 300,
    });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('serves /metrics that the common parser reads, with rates that match the load', async () => {
    const pod = readyPod('image-classifier');
    const first = await get(proxy('ml-serving', pod, 8002, '/metrics'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/plain');
    const t1 = cluster.simulation.now();
    const prev = parseTritonMetrics(await first.text(), t1);
    cluster.advance(30);
    const t2 = cluster.simulation.now();
    const text = await (
      await get(proxy('ml-serving', pod, 8002, '/metrics'))
    ).text();
    expect(text.endsWith('\n')).toBe(true);
    const cur = parseTritonMetrics(text, t2);
    expect(cur.models).toHaveLength(1);
    expect(cur.gpus[0].uuid).toMatch(/^GPU-[0-9a-f]{8}-/);
    for (const key of [
      'requestSuccess',
      'inferenceCount',
      'execCount',
      'queueDurationUs',
      'computeInferUs',
    ] as const) {
      expect(cur.models[0][key]!).toBeGreaterThanOrEqual(prev.models[0][key]!);
    }
    const [figures] = tritonFiguresFromMetrics(prev, cur);
    expect(figures.model).toBe('resnet50');
    const service = cluster.simulation.service('ml-serving/image-classifier')!;
    const ready = (
      cluster.store.get(
        KINDS.deployments,
        'ml-serving',
        'image-classifier',
      ) as any
    ).status.readyReplicas;
    // This pod takes its share of the service's load (within the per-pod jitter and the curve's drift).
    expect(figures.requestsPerSecond).toBeGreaterThan(
      (service.arrivalRate / ready) * 0.8,
    );
    expect(figures.requestsPerSecond).toBeLessThan(
      (service.arrivalRate / ready) * 1.2,
    );
    expect(figures.averageBatchSize!).toBeLessThan(1.15);
    // H200 ResNet-50 at batch 1 runs ~1.05 ms per execution.
    expect(figures.averageComputeUs!).toBeGreaterThan(900);
    expect(figures.averageComputeUs!).toBeLessThan(1300);
  });

  it('serves /v2/models/<m>/stats in Triton JSON, consistent with itself and with /metrics', async () => {
    const pod = readyPod('batch-embedder', 'ml-batch');
    const url = proxy('ml-batch', pod, 8000, '/v2/models/bert-embedder/stats');
    const t1 = cluster.simulation.now();
    const prevDoc = await (await get(url)).json();
    cluster.advance(20);
    const t2 = cluster.simulation.now();
    const curDoc = await (await get(url)).json();
    const stats = parseTritonStats(curDoc).model_stats[0];
    expect(stats.inference_stats.queue.count).toBe(
      stats.inference_stats.success.count,
    );
    const batches = curDoc.model_stats[0].batch_stats as any[];
    expect(batches.reduce((s, b) => s + b.compute_infer.count, 0)).toBe(
      stats.execution_count,
    );
    expect(
      batches.reduce((s, b) => s + b.batch_size * b.compute_infer.count, 0),
    ).toBe(stats.inference_count);
    const [figures] = tritonFiguresFromStats(prevDoc, t1, curDoc, t2);
    expect(figures.batchSizeHistogram.length).toBeGreaterThan(0);
    expect(figures.batchSizeHistogram.every(b => b.batchSize % 64 === 0)).toBe(
      true,
    );
    expect(figures.averageBatchSize!).toBeGreaterThanOrEqual(64);
    const metrics = parseTritonMetrics(
      await (await get(proxy('ml-batch', pod, 8002, '/metrics'))).text(),
      t2,
    );
    expect(metrics.models[0].inferenceCount).toBe(stats.inference_count);
    expect(metrics.models[0].execCount).toBe(stats.execution_count);
    const all = await (
      await get(proxy('ml-batch', pod, 8000, '/v2/models/stats'))
    ).json();
    expect(all.model_stats.map((m: any) => m.name)).toEqual(['bert-embedder']);
  });

  it('serves the shipped config.pbtxt as Triton config JSON', async () => {
    const pod = readyPod('summarizer');
    const response = await get(
      proxy('ml-serving', pod, 8000, '/v2/models/summarizer-encoder/config'),
    );
    expect(response.status).toBe(200);
    const json = await response.json();
    const shipped = readFileSync(
      join(REPO, 'summarizer/model_repository/summarizer-encoder/config.pbtxt'),
      'utf8',
    );
    // Triton fills defaults (platform, gpus of the instance group, preserve_ordering); the
    // batching settings are the shipped ones.
    const served = tritonConfigFromJson(json);
    const expected = parseTritonConfig(shipped);
    expect(served).toMatchObject({
      name: expected.name,
      maxBatchSize: expected.maxBatchSize,
      dynamicBatching: expected.dynamicBatching,
      instanceGroups: expected.instanceGroups.map(g =>
        expect.objectContaining(g),
      ),
    });
    expect(served.platform).toBe('onnxruntime_onnx');
    expect(json.dynamic_batching).toMatchObject({
      preferred_batch_size: [4, 8, 16],
      max_queue_delay_microseconds: 5000,
    });
    const unknown = await get(
      proxy('ml-serving', pod, 8000, '/v2/models/nope/config'),
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toContain("'nope'");
  });

  it('answers health like Triton, and refuses ports nothing listens on', async () => {
    const pod = readyPod('image-classifier');
    expect(
      (await get(proxy('ml-serving', pod, 8000, '/v2/health/ready'))).status,
    ).toBe(200);
    expect(
      (await get(proxy('ml-serving', pod, 8000, '/v2/health/live'))).status,
    ).toBe(200);
    const closed = await get(proxy('ml-serving', pod, 9999, '/metrics'));
    expect(closed.status).toBe(503);
    expect((await closed.json()).message).toContain('connection refused');
    const cpu = readyPod('text-classifier');
    expect((await get(proxy('ml-serving', cpu, 8002, '/metrics'))).status).toBe(
      503,
    );
    expect(
      (await get(proxy('ml-serving', 'no-such-pod', 8002, '/metrics'))).status,
    ).toBe(404);
  });

  it('refuses Triton ports of a pod whose models are still loading', async () => {
    const loading = (cluster.store.list(KINDS.pods) as any[]).find(
      p =>
        p.status.phase === 'Running' &&
        cluster.simulation.tritonOf(p.metadata.namespace, p.metadata.name) &&
        !p.status.conditions.some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
    );
    if (!loading) {
      // Make one: scale image-classifier up and let the new pod start its containers.
      cluster.store.mutate(
        KINDS.deployments,
        'ml-serving',
        'image-classifier',
        d => {
          (d as any).spec.replicas = (d as any).spec.replicas + 1;
        },
      );
      cluster.advance(30);
    }
    const pod = (cluster.store.list(KINDS.pods) as any[]).find(
      p =>
        p.status.phase === 'Running' &&
        cluster.simulation.tritonOf(p.metadata.namespace, p.metadata.name) &&
        !p.status.conditions.some(
          (c: any) => c.type === 'Ready' && c.status === 'True',
        ),
    );
    expect(pod).toBeDefined();
    const response = await get(
      proxy(
        pod.metadata.namespace,
        pod.metadata.name,
        8000,
        '/v2/health/ready',
      ),
    );
    expect(response.status).toBe(503);
  });

  it('makes one pod hang, answer garbage or fail on request', async () => {
    const pod = readyPod('image-classifier');
    const other = (cluster.store.list(KINDS.pods, 'ml-serving') as any[]).find(
      p =>
        p.metadata.labels['app.kubernetes.io/name'] === 'image-classifier' &&
        p.metadata.name !== pod &&
        p.status.podIP,
    ).metadata.name;
    cluster.setFault({ pods: { [pod]: 'hang' } });
    await expect(
      fetch(`${cluster.url}${proxy('ml-serving', pod, 8002, '/metrics')}`, {
        headers: { Authorization: `Bearer ${cluster.token}` },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(
      (await get(proxy('ml-serving', other, 8002, '/metrics'))).status,
    ).toBe(200);
    cluster.setFault({ pods: { [pod]: 'garbage' } });
    const garbage = await (
      await get(proxy('ml-serving', pod, 8002, '/metrics'))
    ).text();
    expect(() =>
      parseTritonMetrics(garbage, cluster.simulation.now()),
    ).toThrow();
    cluster.setFault({ pods: { [pod]: 'error' } });
    expect((await get(proxy('ml-serving', pod, 8002, '/metrics'))).status).toBe(
      500,
    );
    cluster.setFault({});
    expect((await get(proxy('ml-serving', pod, 8002, '/metrics'))).status).toBe(
      200,
    );
  });
});
