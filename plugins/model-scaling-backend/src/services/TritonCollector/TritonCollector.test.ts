import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeKubeApi } from '../../__testUtils__/FakeKubeApi';
import {
  answerTritonQuery,
  FakeScrapedPod,
} from '../../__testUtils__/fakePrometheus';
import {
  fakeConfigDoc,
  fakeMetricsText,
  fakeStatsDoc,
  FakeTritonCounters,
} from '../../__testUtils__/fakeTriton';
import { KubeApiClient } from '../KubeApi/KubeApiClient';
import { defaultTritonReader } from './defaultTritonReader';
import { PodProxyFetcher } from './PodProxyFetcher';
import { PrometheusClient } from './PrometheusClient';
import { TritonCollector } from './TritonCollector';
import { TritonTarget } from './tritonTargets';

const WORKLOAD = 'fake/ml/image-classifier';
const target = (pod: string, models = ['resnet50']): TritonTarget => ({
  cluster: 'fake',
  namespace: 'ml',
  pod,
  podUid: `uid-${pod}`,
  workload: WORKLOAD,
  models,
});

describe('TritonCollector', () => {
  let api: FakeKubeApi;
  let client: KubeApiClient;
  let clock: number;
  const counters: Record<string, FakeTritonCounters> = {};
  /** Pods whose proxy never answers, or answers garbage. */
  const hang = new Set<string>();
  const garbage = new Set<string>();
  const inFlight = new Set<string>();

  beforeEach(async () => {
    clock = Date.parse('2026-03-01T12:00:00Z');
    hang.clear();
    garbage.clear();
    for (const pod of ['good-1', 'good-2', 'hang', 'garbage']) {
      counters[pod] = {
        success: 1000,
        executions: { 4: 200, 8: 25 },
        queueUs: 500_000,
        pending: 2,
      };
    }
    api = await new FakeKubeApi().start();
    api.handlers.push((req, res) => {
      const m = req.path.match(
        /^\/api\/v1\/namespaces\/ml\/pods\/([^:]+):(\d+)\/proxy(\/.*)$/,
      );
      if (!m) return false;
      const [, pod, port, path] = m;
      if (hang.has(pod)) {
        inFlight.add(pod);
        res.on('close', () => inFlight.delete(pod));
        return true; // never answers
      }
      if (garbage.has(pod)) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('<html>\u0000\u0001 not metrics {{{');
        return true;
      }
      const c = counters[pod];
      res.writeHead(200, {
        'content-type': port === '8002' ? 'text/plain' : 'application/json',
      });
      if (port === '8002' && path === '/metrics')
        res.end(fakeMetricsText('resnet50', c));
      else if (path === '/v2/models/resnet50/stats')
        res.end(JSON.stringify(fakeStatsDoc('resnet50', c)));
      else if (path === '/v2/models/resnet50/config')
        res.end(JSON.stringify(fakeConfigDoc('resnet50')));
      else {
        res.writeHead(400);
        res.end(JSON.stringify({ error: `unknown path ${path}` }));
      }
      return true;
    });
    client = new KubeApiClient({
      name: 'fake',
      url: api.url,
      auth: { type: 'serviceAccount', token: 't' },
      skipTLSVerify: true,
    });
  });

  afterEach(async () => {
    await client.close();
    await api.stop();
  });

  const collector = (
    targets: TritonTarget[],
    extra: Partial<ConstructorParameters<typeof TritonCollector>[0]> = {},
  ) =>
    new TritonCollector({
      targets: async () => targets,
      fetcher: () => new PodProxyFetcher(client, 400),
      reader: defaultTritonReader,
      logger: mockServices.logger.mock(),
      intervalSeconds: 15,
      concurrency: 4,
      configRefreshIntervals: 20,
      now: () => new Date(clock),
      ...extra,
    });

  const advance = () => {
    clock += 15_000;
    for (const c of Object.values(counters)) {
      c.success += 1500;
      c.executions[4] += 250;
      c.executions[8] += 62.5 * 2;
      c.queueUs += 1500 * 800;
    }
  };

  it('computes per-pod rates from two samples, with batch histogram and config', async () => {
    const c = collector([target('good-1')]);
    await c.collectOnce();
    expect(c.resultsFor(WORKLOAD)[0].figures).toEqual([]); // one sample: no rates yet
    advance();
    await c.collectOnce();
    const [r] = c.resultsFor(WORKLOAD);
    expect(r.error).toBeUndefined();
    expect(r.figures).toHaveLength(1);
    const f = r.figures[0];
    expect(f.model).toBe('resnet50');
    expect(f.source).toBe('stats');
    expect(f.requestsPerSecond).toBeCloseTo(100);
    // 250 executions at 4 and 125 at 8 in 15 s: (1000 + 1000) / 375
    expect(f.averageBatchSize).toBeCloseTo(2000 / 375);
    expect(f.batchSizeHistogram).toEqual([
      { batchSize: 4, executions: 250 },
      { batchSize: 8, executions: 125 },
    ]);
    expect(f.pendingRequests).toBe(2); // from /metrics
    expect(f.config?.dynamicBatching?.preferredBatchSize).toEqual([4, 8, 16]);
  });

  it('reads the models from /metrics when the entity does not name them', async () => {
    const c = collector([target('good-1', [])]);
    await c.collectOnce();
    advance();
    await c.collectOnce();
    expect(c.resultsFor(WORKLOAD)[0].figures.map(f => f.model)).toEqual([
      'resnet50',
    ]);
    expect(
      api.requests.some(r => r.path.endsWith('/v2/models/resnet50/stats')),
    ).toBe(true);
  });

  it('a pod that hangs or answers garbage gets its own error; the others are not held up', async () => {
    hang.add('hang');
    garbage.add('garbage');
    const c = collector([
      target('hang'),
      target('good-1'),
      target('garbage'),
      target('good-2'),
    ]);
    await c.collectOnce();
    advance();
    const round = c.collectOnce();
    // The good pods are done while the hanging pod's requests are still open.
    await waitFor(
      () =>
        c
          .resultsFor(WORKLOAD)
          .filter(r => r.pod.startsWith('good') && r.figures.length > 0)
          .length === 2,
    );
    expect(inFlight.has('hang')).toBe(true);
    await round;

    const byPod = Object.fromEntries(
      c.resultsFor(WORKLOAD).map(r => [r.pod, r]),
    );
    expect(byPod['good-1'].figures[0].requestsPerSecond).toBeCloseTo(100);
    expect(byPod['good-2'].figures[0].requestsPerSecond).toBeCloseTo(100);
    expect(byPod.hang.error).toMatch(/metrics: .*timed out after 400 ms/);
    expect(byPod.hang.figures).toEqual([]);
    expect(byPod.garbage.error).toMatch(
      /metrics: .*not Prometheus text format/,
    );
    expect(byPod.garbage.error).toMatch(/resnet50 stats: .*not JSON/);
    expect(byPod.garbage.figures).toEqual([]);
  });

  it('keeps the last figures when a pod fails later, and starts over for a replaced pod', async () => {
    const c = collector([target('good-1')]);
    await c.collectOnce();
    advance();
    await c.collectOnce();
    garbage.add('good-1');
    advance();
    await c.collectOnce();
    let [r] = c.resultsFor(WORKLOAD);
    expect(r.error).toMatch(/not Prometheus text format/);
    expect(r.figures[0].requestsPerSecond).toBeCloseTo(100);

    garbage.clear();
    const replaced = { ...target('good-1'), podUid: 'uid-new' };
    const c2 = collector([replaced]);
    await c2.collectOnce();
    [r] = c2.resultsFor(WORKLOAD);
    expect(r.figures).toEqual([]);
  });

  it('reports the served throughput of workloads whose pods all have figures, and the model memory per pod', async () => {
    const c = collector([target('good-1'), target('good-2')]);
    expect(await c.collectOnce()).toEqual(new Map()); // no rates yet
    advance();
    expect(await c.collectOnce()).toEqual(
      new Map([
        [WORKLOAD, { replicas: 2, requestsPerSecond: expect.closeTo(200, 5) }],
      ]),
    );
    expect(c.resultsFor(WORKLOAD)[0].modelMemoryBytes).toBe(2 * 1024 ** 3);

    // A round where a pod fails has no throughput (its rate is unknown).
    garbage.add('good-2');
    advance();
    expect((await c.collectOnce()).has(WORKLOAD)).toBe(false);
  });

  it('hands its state over through rows: another collector continues the rates at once', async () => {
    const first = collector([target('good-1')]);
    await first.collectOnce();
    const rows = first.exportPods();
    expect(rows.map(r => r.podKey)).toEqual(['fake/ml/good-1']);
    // A replica that takes over starts from the stored samples, not from scratch.
    const second = collector([target('good-1')]);
    second.importPods(JSON.parse(JSON.stringify(rows)));
    advance();
    await second.collectOnce();
    const [r] = second.resultsFor(WORKLOAD);
    expect(r.error).toBeUndefined();
    expect(r.figures[0].requestsPerSecond).toBeCloseTo(100);
  });

  it('drops pods that are no longer targets', async () => {
    let targets = [target('good-1'), target('good-2')];
    const c = new TritonCollector({
      targets: async () => targets,
      fetcher: () => new PodProxyFetcher(client, 400),
      reader: defaultTritonReader,
      logger: mockServices.logger.mock(),
      intervalSeconds: 15,
      concurrency: 4,
      configRefreshIntervals: 20,
      now: () => new Date(clock),
    });
    await c.collectOnce();
    targets = [target('good-2')];
    advance();
    await c.collectOnce();
    expect(c.resultsFor(WORKLOAD).map(r => r.pod)).toEqual(['good-2']);
  });

  it('stops promptly while requests hang and others wait for a slot', async () => {
    hang.add('hang');
    const c = collector(
      [target('hang'), target('good-1'), target('good-2'), target('hang', [])],
      { concurrency: 1, fetcher: () => new PodProxyFetcher(client, 60_000) },
    );
    const round = c.collectOnce();
    await waitFor(() => inFlight.has('hang'));
    const stopped = c.stop().then(() => 'stopped');
    const timeout = new Promise(r =>
      setTimeout(() => r('still running'), 2000),
    );
    expect(await Promise.race([stopped, timeout])).toBe('stopped');
    await round;
  });

  /** A Prometheus answering the collector's queries over `pods()`, recording them. */
  const startPrometheus = async (pods: () => FakeScrapedPod[]) => {
    const queries: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', d => (body += d));
      req.on('end', () => {
        const query = new URLSearchParams(body).get('query')!;
        queries.push(query);
        const result = answerTritonQuery(query, pods(), clock);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result },
          }),
        );
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, queries, close: () => server.close() };
  };

  it('reads the counters from Prometheus when configured, timed by the scrape', async () => {
    let scrapedAt = clock;
    const prom = await startPrometheus(() => [
      {
        namespace: 'ml',
        pod: 'good-1',
        metrics: fakeMetricsText('resnet50', counters['good-1']),
        scrapedAt,
        gpuUtilization: 73.5,
      },
    ]);
    try {
      const c = collector([target('good-1', [])], {
        prometheus: {
          client: new PrometheusClient({ url: prom.url, timeoutMs: 1000 }),
          podLabel: 'pod',
          namespaceLabel: 'namespace',
        },
      });
      await c.collectOnce();
      advance();
      scrapedAt = clock - 2000; // Prometheus scraped 2 s before this round: a 13 s interval
      await c.collectOnce();
      let [r] = c.resultsFor(WORKLOAD);
      expect(r.error).toBeUndefined();
      const f = r.figures[0];
      expect(f.source).toBe('stats'); // stats (pod proxy) win; Prometheus adds the queue
      expect(f.pendingRequests).toBe(2);
      expect(prom.queries).toContain(
        'sum by (namespace, pod, model, version) (nv_inference_count{namespace="ml"})',
      );
      // GPU utilisation from DCGM, when Prometheus has it.
      expect(r.gpuUtilizationPercent).toBe(73.5);
      expect(prom.queries).toContainEqual(
        'avg by (namespace, pod) (DCGM_FI_DEV_GPU_UTIL{namespace="ml"})',
      );
      expect(api.requests.some(q => q.path.endsWith('/metrics'))).toBe(false);

      // No newer scrape: the round keeps the last metrics figures, without an error.
      clock += 1000;
      await c.collectOnce();
      [r] = c.resultsFor(WORKLOAD);
      expect(r.error).toBeUndefined();
      expect(r.figures[0].pendingRequests).toBe(2);
    } finally {
      prom.close();
    }
  });

  it('reports the Prometheus figures when the pod proxy gives no stats', async () => {
    const prom = await startPrometheus(() => [
      {
        namespace: 'ml',
        pod: 'garbage',
        metrics: fakeMetricsText('resnet50', counters.garbage),
        scrapedAt: clock,
      },
    ]);
    garbage.add('garbage'); // the pod proxy answers garbage: only Prometheus is readable
    try {
      const c = collector([target('garbage')], {
        prometheus: {
          client: new PrometheusClient({ url: prom.url, timeoutMs: 1000 }),
          podLabel: 'pod',
          namespaceLabel: 'namespace',
        },
      });
      await c.collectOnce();
      advance();
      await c.collectOnce();
      const [r] = c.resultsFor(WORKLOAD);
      expect(r.error).toMatch(/resnet50 stats/);
      expect(r.figures[0]).toMatchObject({
        source: 'prometheus',
        requestsPerSecond: expect.closeTo(100, 5),
      });
    } finally {
      prom.close();
    }
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 5));
  }
}
