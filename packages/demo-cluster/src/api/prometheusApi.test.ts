import { startDemoCluster } from '../startDemoCluster';

jest.setTimeout(60_000);

describe("the demo's Prometheus query_range", () => {
  let cluster: Awaited<ReturnType<typeof startDemoCluster>>;
  beforeAll(async () => {
    cluster = await startDemoCluster({
      clock: 'manual',
      startTime: Date.parse('2026-03-02T10:00:00Z'),
      warmupSeconds: 10,
    });
  });
  afterAll(() => cluster?.stop());

  const ask = (params: Record<string, string>) =>
    fetch(`${cluster.url}/prometheus/api/v1/query_range`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });

  it("answers a service's day, without a token, one point per step", async () => {
    const end = Date.parse('2026-03-02T00:00:00Z') / 1000;
    const res = await ask({
      query:
        'sum(demo_requests_per_second{namespace="ml-serving",deployment="image-classifier"})',
      start: String(end - 86400 + 60),
      end: String(end),
      step: '60s',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('success');
    expect(body.data.result).toHaveLength(1);
    const values: [number, string][] = body.data.result[0].values;
    expect(values).toHaveLength(1440);
    const peak = Math.max(...values.map(([, v]) => Number(v)));
    const night = Number(values.find(([t]) => t % 86400 === 3 * 3600)![1]);
    expect(peak).toBeGreaterThan(5 * night);
  });

  it('answers no series for a service or metric it does not know', async () => {
    const res = await ask({
      query: 'sum(rate(other_total{namespace="ml-serving"}[1m]))',
      start: '0',
      end: '600',
      step: '60s',
    });
    expect((await res.json()).data.result).toEqual([]);
  });

  it("refuses what Prometheus refuses, in Prometheus' words", async () => {
    const res = await ask({
      query: 'x',
      start: '0',
      end: '864000',
      step: '60s',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      status: 'error',
      errorType: 'bad_data',
      error: 'exceeded maximum resolution of 11,000 points per timeseries',
    });
  });
});
