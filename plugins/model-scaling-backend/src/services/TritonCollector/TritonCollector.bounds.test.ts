import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { FakeKubeApi } from '../../__testUtils__/FakeKubeApi';
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
import { TritonCollector, TritonCollectorOptions } from './TritonCollector';
import { TritonTarget } from './tritonTargets';

/**
 * One test per way a catalog author, a model-service pod or a broken cluster
 * could make Triton collection unbounded (threat model: docs/security.md,
 * "Reading clusters").
 */
describe('TritonCollector bounds', () => {
  let api: FakeKubeApi;
  let client: KubeApiClient;
  const counters: FakeTritonCounters = {
    success: 1000,
    executions: { 4: 200 },
    queueUs: 500_000,
    pending: 1,
  };
  /** Pods whose proxy never answers. */
  const hang = new Set<string>();
  /** Pods whose proxy answers this body on every path. */
  const bodies = new Map<string, { status: number; body: string }>();
  /** Events at the fake API server, in order. */
  let events: string[];

  beforeEach(async () => {
    hang.clear();
    bodies.clear();
    events = [];
    api = await new FakeKubeApi().start();
    api.handlers.push((req, res) => {
      const m = req.path.match(
        /^\/api\/v1\/namespaces\/ml\/pods\/([^:]+):(\d+)\/proxy(\/.*)$/,
      );
      if (!m) return false;
      const [, pod, port, path] = m;
      events.push(`start ${pod} ${path}`);
      if (hang.has(pod)) {
        res.on('close', () => events.push(`closed ${pod} ${path}`));
        return true; // never answers
      }
      const fixed = bodies.get(pod);
      if (fixed) {
        res.writeHead(fixed.status, { 'content-type': 'text/plain' });
        res.end(fixed.body);
        return true;
      }
      const type = port === '8002' ? 'text/plain' : 'application/json';
      const answer = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': type });
        res.end(body);
      };
      if (path === '/metrics')
        answer(200, fakeMetricsText('resnet50', counters));
      else if (path === '/v2/models/resnet50/stats')
        answer(200, JSON.stringify(fakeStatsDoc('resnet50', counters)));
      else if (path === '/v2/models/resnet50/config')
        answer(200, JSON.stringify(fakeConfigDoc('resnet50')));
      else answer(400, JSON.stringify({ error: `unknown path ${path}` }));
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

  const target = (
    pod: string,
    models: string[] = ['resnet50'],
    cluster = 'fake',
  ): TritonTarget => ({
    cluster,
    namespace: 'ml',
    pod,
    podUid: `uid-${pod}`,
    workload: `${cluster}/ml/w`,
    models,
  });

  const collector = (
    targets: TritonTarget[],
    extra: Partial<TritonCollectorOptions> = {},
  ) =>
    new TritonCollector({
      targets: async () => targets,
      fetcher: () => new PodProxyFetcher(client, 400),
      reader: defaultTritonReader,
      logger: mockServices.logger.mock(),
      intervalSeconds: 15,
      concurrency: 4,
      configRefreshIntervals: 20,
      ...extra,
    });

  const proxied = (fragment: string) =>
    api.requests.filter(r => r.path.includes(fragment));

  it('too many models: reads at most maxModelsPerPod models of a pod', async () => {
    const models = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const c = collector([target('p1', models)]);
    await c.collectOnce();
    expect(proxied('/stats').length).toBeLessThanOrEqual(32);
    expect(c.resultsFor('fake/ml/w')[0].error).toMatch(
      /40 models, more than the limit of 32/,
    );
  });

  it('path traversal through a model name: ".", ".." and names with "/" are never requested', async () => {
    const c = collector([
      target('p1', ['..', '.', 'a/b', '../../../api/v1/secrets', 'resnet50']),
    ]);
    await c.collectOnce();
    const modelPaths = proxied('/proxy/v2/').map(r => r.path);
    expect(modelPaths.length).toBeGreaterThan(0);
    for (const p of modelPaths) {
      expect(p).toMatch(/\/proxy\/v2\/models\/resnet50\/(stats|config)$/);
    }
    expect(c.resultsFor('fake/ml/w')[0].error).toMatch(
      /model name "\.\." is not allowed/,
    );
  });

  it('path traversal through a model name that /metrics reports', async () => {
    bodies.set('p1', {
      status: 200,
      body: `${fakeMetricsText('..', counters)}${fakeMetricsText(
        'resnet50',
        counters,
      )}`,
    });
    const c = collector([target('p1', [])]);
    await c.collectOnce();
    for (const p of proxied('/proxy/v2/').map(r => r.path)) {
      expect(p).toMatch(/\/proxy\/v2\/models\/resnet50\/(stats|config)$/);
    }
  });

  it('huge error text: a pod cannot fill the status with its error message', async () => {
    bodies.set('p1', {
      status: 500,
      body: JSON.stringify({ error: 'x'.repeat(200_000) }),
    });
    const c = collector([target('p1')], { maxErrorChars: 500 });
    await c.collectOnce();
    const error = c.resultsFor('fake/ml/w')[0].error!;
    expect(error).toBeDefined();
    expect(error.length).toBeLessThanOrEqual(500);
  });

  it('series flood: a metrics document with more series than the limit is refused unparsed', async () => {
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `nv_inference_request_success{model="m${i}",version="1"} 1`,
    );
    bodies.set('p1', { status: 200, body: `${lines.join('\n')}\n` });
    const parse = jest.spyOn(defaultTritonReader, 'parseMetrics');
    try {
      const c = collector([target('p1', [])], {
        maxSeriesPerDocument: 10_000,
      });
      await c.collectOnce();
      expect(parse).not.toHaveBeenCalled();
      expect(c.resultsFor('fake/ml/w')[0].error).toMatch(
        /20000 series, more than the limit of 10000/,
      );
    } finally {
      parse.mockRestore();
    }
  });

  it('double sampling: a pod selected by two entities is sampled once per round', async () => {
    const c = collector([target('p1'), target('p1', ['resnet50'])]);
    await c.collectOnce();
    expect(proxied('/proxy/metrics')).toHaveLength(1);
    expect(proxied('/resnet50/stats')).toHaveLength(1);
  });

  it('a hung cluster does not hold up the pods of another cluster', async () => {
    for (let i = 0; i < 6; i++) hang.add(`hung-${i}`);
    const targets = [
      ...Array.from({ length: 6 }, (_, i) => target(`hung-${i}`, [], 'hung')),
      target('good', ['resnet50'], 'fake'),
    ];
    const c = collector(targets, { concurrency: 2 });
    await c.collectOnce();
    const goodStart = events.indexOf('start good /metrics');
    const firstClose = events.findIndex(e => e.startsWith('closed hung'));
    expect(goodStart).toBeGreaterThanOrEqual(0);
    // The good cluster's first request went out before any hung request timed out.
    expect(goodStart).toBeLessThan(firstClose);
  });

  it('a black-holed cluster: the round deadline ends its round before every pod was tried', async () => {
    for (let i = 0; i < 30; i++) hang.add(`hung-${i}`);
    const targets = Array.from({ length: 30 }, (_, i) =>
      target(`hung-${i}`, [], 'hung'),
    );
    const c = collector(targets, { concurrency: 2, roundDeadlineMs: 600 });
    await c.collectOnce();
    const tried = new Set(
      events.filter(e => e.startsWith('start')).map(e => e.split(' ')[1]),
    );
    expect(tried.size).toBeLessThan(30);
    const results = c.resultsFor('hung/ml/w');
    expect(results.some(r => /round deadline/.test(r.error ?? ''))).toBe(true);
  });

  it('disconnected cluster: its pods are not sampled, their last results are kept', async () => {
    let down = true;
    const c = collector([target('p1', ['resnet50'], 'flaky')], {
      clusterConnected: () => !down,
    });
    await c.collectOnce();
    expect(proxied('/proxy/')).toHaveLength(0);

    down = false;
    await c.collectOnce();
    const sampled = proxied('/proxy/').length;
    expect(sampled).toBeGreaterThan(0);
    const [before] = c.resultsFor('flaky/ml/w');

    down = true;
    await c.collectOnce();
    expect(proxied('/proxy/')).toHaveLength(sampled);
    expect(c.resultsFor('flaky/ml/w')).toEqual([before]);
    expect(c.exportPods().map(p => p.podKey)).toEqual(['flaky/ml/p1']);
  });

  it('Prometheus flood: a response larger than the cap is refused', async () => {
    const big = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'vector',
        result: Array.from({ length: 60_000 }, (_, i) => ({
          metric: { __name__: 'nv_inference_request_success', pod: `p${i}` },
          value: [0, '1'],
        })),
      },
    });
    const prom = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(big);
    });
    await new Promise<void>(r => prom.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(prom.address() as AddressInfo).port}`;
      const client2 = new PrometheusClient({
        url,
        timeoutMs: 5000,
        maxBytes: 1024 * 1024,
      });
      expect(big.length).toBeGreaterThan(1024 * 1024);
      await expect(client2.query('up')).rejects.toThrow(
        /larger than 1048576 bytes/,
      );
    } finally {
      prom.close();
    }
  });
});
