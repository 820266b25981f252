import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
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
import { defaultTritonReader } from './defaultTritonReader';
import { PodProxyFetcher } from './PodProxyFetcher';
import { PrometheusClient } from './PrometheusClient';
import { TRITON_PROMETHEUS_FAMILIES } from './prometheusFleetQueries';
import { TritonCollector } from './TritonCollector';
import { TritonTarget } from './tritonTargets';

const PROM = 'http://prometheus.test:9090';
const QUERIES_PER_CLUSTER = TRITON_PROMETHEUS_FAMILIES.length + 2;

/** A fleet: `workloads` Deployments × `podsEach` pods over three namespaces, each pod with counters of its own. */
function fleet(cluster: string, workloads: number, podsEach: number) {
  const targets: TritonTarget[] = [];
  const counters = new Map<string, FakeTritonCounters>();
  for (let w = 0; w < workloads; w++) {
    const namespace = `team-${w % 3}`;
    for (let p = 0; p < podsEach; p++) {
      const pod = `svc-${w}-${p}`;
      targets.push({
        cluster,
        namespace,
        pod,
        podUid: `${cluster}-${pod}`,
        workload: `${cluster}/${namespace}/svc-${w}`,
        models: ['resnet50'],
      });
      // Distinct rates per pod, so a series mapped to the wrong pod shows.
      counters.set(`${cluster}/${pod}`, {
        success: 1000,
        executions: { 4: 100, 8: 10 },
        queueUs: 1000,
        pending: (w * podsEach + p) % 7,
      });
    }
  }
  return { targets, counters };
}

function rateOf(targetIndex: number) {
  // requests per 15 s added per round to pod i: 150 + 15 i → 10 + i req/s.
  return 150 + 15 * targetIndex;
}

describe('TritonCollector with Prometheus at fleet scale', () => {
  const server = setupServer();
  let clock = Date.parse('2026-03-01T12:00:00Z');
  let scraped: FakeScrapedPod[] = [];
  let queries: string[] = [];

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => {
    queries = [];
    server.use(
      http.post(`${PROM}/api/v1/query`, async ({ request }) => {
        const query = new URLSearchParams(await request.text()).get('query')!;
        queries.push(query);
        return HttpResponse.json({
          status: 'success',
          data: {
            resultType: 'vector',
            result: answerTritonQuery(query, scraped, clock),
          },
        });
      }),
    );
  });

  /** A pod side that serves stats and config of every pod, counting requests. */
  const podSide = (counters: Map<string, FakeTritonCounters>) => {
    const calls: string[] = [];
    const fetcher = {
      metrics: async () => {
        throw new Error('the collector must not scrape /metrics itself');
      },
      stats: async (t: TritonTarget, model: string) => {
        calls.push(`stats ${t.cluster}/${t.pod}`);
        return fakeStatsDoc(model, counters.get(`${t.cluster}/${t.pod}`)!);
      },
      config: async (t: TritonTarget, model: string) => {
        calls.push(`config ${t.cluster}/${t.pod}`);
        return fakeConfigDoc(model);
      },
    } as unknown as PodProxyFetcher;
    return { fetcher, calls };
  };

  const scrape = (
    targets: TritonTarget[],
    counters: Map<string, FakeTritonCounters>,
    cluster?: boolean,
  ): FakeScrapedPod[] =>
    targets.map(t => ({
      namespace: t.namespace,
      pod: t.pod,
      ...(cluster && { cluster: t.cluster }),
      metrics: fakeMetricsText(
        'resnet50',
        counters.get(`${t.cluster}/${t.pod}`)!,
      ),
      scrapedAt: clock - 1000,
    }));

  const advance = (
    targets: TritonTarget[],
    counters: Map<string, FakeTritonCounters>,
  ) => {
    clock += 15_000;
    targets.forEach((t, i) => {
      const c = counters.get(`${t.cluster}/${t.pod}`)!;
      c.success += rateOf(i);
      c.executions[4] += rateOf(i) / 4;
    });
  };

  it.each([
    [40, 5],
    [200, 5],
  ])(
    '%i workloads × %i pods: 14 queries per round whatever the number of pods, each pod’s series mapped back to it',
    async (workloads, podsEach) => {
      const { targets, counters } = fleet('prod', workloads, podsEach);
      const { fetcher, calls } = podSide(counters);
      const c = new TritonCollector({
        targets: async () => targets,
        fetcher: () => fetcher,
        reader: defaultTritonReader,
        logger: mockServices.logger.mock(),
        intervalSeconds: 15,
        concurrency: 8,
        configRefreshIntervals: 20,
        now: () => new Date(clock),
        prometheus: {
          client: new PrometheusClient({ url: PROM, timeoutMs: 5000 }),
          podLabel: 'pod',
          namespaceLabel: 'namespace',
        },
      });
      // Prometheus also holds pods the collector does not sample.
      const stranger: FakeScrapedPod = {
        namespace: 'team-0',
        pod: 'not-a-model-service',
        metrics: fakeMetricsText('resnet50', {
          success: 1,
          executions: { 1: 1 },
          queueUs: 1,
          pending: 99,
        }),
        scrapedAt: clock,
      };
      scraped = [...scrape(targets, counters), stranger];
      await c.collectOnce();
      expect(queries).toHaveLength(QUERIES_PER_CLUSTER);
      // Stats and config through the pod proxy: one pod per workload.
      expect(calls.filter(x => x.startsWith('stats'))).toHaveLength(workloads);
      expect(calls.filter(x => x.startsWith('config'))).toHaveLength(workloads);

      advance(targets, counters);
      scraped = [...scrape(targets, counters), stranger];
      queries = [];
      calls.length = 0;
      await c.collectOnce();
      expect(queries).toHaveLength(QUERIES_PER_CLUSTER);
      expect(calls).toHaveLength(workloads); // stats only; config is kept
      expect(c.requestCounts.prometheusQueries).toBe(2 * QUERIES_PER_CLUSTER);
      // Namespaces are selected, never pod names: the query does not grow with the fleet.
      expect(queries.every(q => !q.includes('svc-'))).toBe(true);

      targets.forEach((t, i) => {
        const [r] = c.resultsFor(t.workload).filter(x => x.pod === t.pod);
        expect(r.error).toBeUndefined();
        expect(r.figures).toHaveLength(1);
        const f = r.figures[0];
        // The two scrapes Prometheus reported are 15 s apart.
        expect(f.requestsPerSecond).toBeCloseTo(rateOf(i) / 15, 5);
        expect(f.pendingRequests).toBe(counters.get(`prod/${t.pod}`)!.pending);
      });
      expect(c.podCount).toBe(targets.length);
    },
  );

  it('several clusters on one Prometheus (clusterLabel): same pod names, each cluster’s series to its own pods', async () => {
    const a = fleet('east', 10, 2);
    const b = fleet('west', 10, 2);
    const targets = [...a.targets, ...b.targets];
    const counters = new Map([...a.counters, ...b.counters]);
    for (const [key, c] of counters) {
      if (key.startsWith('west/')) c.pending = 1000 + c.pending;
    }
    const { fetcher } = podSide(counters);
    const c = new TritonCollector({
      targets: async () => targets,
      fetcher: () => fetcher,
      reader: defaultTritonReader,
      logger: mockServices.logger.mock(),
      intervalSeconds: 15,
      concurrency: 8,
      configRefreshIntervals: 20,
      now: () => new Date(clock),
      prometheus: {
        client: new PrometheusClient({ url: PROM, timeoutMs: 5000 }),
        podLabel: 'pod',
        namespaceLabel: 'namespace',
        clusterLabel: 'cluster',
      },
    });
    scraped = scrape(targets, counters, true);
    await c.collectOnce();
    advance(targets, counters);
    scraped = scrape(targets, counters, true);
    queries = [];
    await c.collectOnce();
    expect(queries).toHaveLength(2 * QUERIES_PER_CLUSTER);
    expect(queries.filter(q => q.includes('cluster="east"'))).toHaveLength(
      QUERIES_PER_CLUSTER,
    );
    for (const t of targets) {
      const [r] = c.resultsFor(t.workload).filter(x => x.pod === t.pod);
      expect(r.figures[0].pendingRequests).toBe(
        counters.get(`${t.cluster}/${t.pod}`)!.pending,
      );
    }
  });

  it('a Prometheus error gives every pod of the cluster that error, and the next round recovers', async () => {
    const { targets, counters } = fleet('prod', 5, 2);
    const { fetcher } = podSide(counters);
    const c = new TritonCollector({
      targets: async () => targets,
      fetcher: () => fetcher,
      reader: defaultTritonReader,
      logger: mockServices.logger.mock(),
      intervalSeconds: 15,
      concurrency: 8,
      configRefreshIntervals: 20,
      now: () => new Date(clock),
      prometheus: {
        client: new PrometheusClient({ url: PROM, timeoutMs: 5000 }),
        podLabel: 'pod',
        namespaceLabel: 'namespace',
      },
    });
    server.use(
      http.post(
        `${PROM}/api/v1/query`,
        () =>
          HttpResponse.json(
            { status: 'error', errorType: 'execution', error: 'overloaded' },
            { status: 503 },
          ),
        { once: true },
      ),
    );
    scraped = scrape(targets, counters);
    await c.collectOnce();
    for (const t of targets) {
      const [r] = c.resultsFor(t.workload).filter(x => x.pod === t.pod);
      expect(r.error).toMatch(/metrics: Prometheus query: HTTP 503/);
    }
    advance(targets, counters);
    scraped = scrape(targets, counters);
    await c.collectOnce();
    const [r] = c.resultsFor(targets[0].workload);
    expect(r.error).toBeUndefined();
  });
});
