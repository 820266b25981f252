import { PrometheusRangeReader } from './PrometheusRangeReader';

function reader(answer: unknown, status = 200) {
  const calls: { url: string; body: string }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: String(init.body) });
    return new Response(
      typeof answer === 'string' ? answer : JSON.stringify(answer),
      { status },
    );
  }) as unknown as typeof fetch;
  return {
    calls,
    reader: new PrometheusRangeReader({
      url: 'http://prom.test:9090/',
      timeoutMs: 1000,
      fetch: fetchFn,
    }),
  };
}

const range = { startSec: 600, endSec: 720, stepSeconds: 60 };

describe('PrometheusRangeReader', () => {
  it('posts the query with start, end and step and returns the matrix', async () => {
    const { reader: r, calls } = reader({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [{ metric: {}, values: [[600, '1.5']] }],
      },
    });
    await expect(r.queryRange('sum(rate(x[1m]))', range)).resolves.toEqual([
      { metric: {}, values: [[600, '1.5']] },
    ]);
    expect(calls[0].url).toBe('http://prom.test:9090/api/v1/query_range');
    expect(new URLSearchParams(calls[0].body).get('step')).toBe('60s');
    expect(new URLSearchParams(calls[0].body).get('query')).toBe(
      'sum(rate(x[1m]))',
    );
  });

  it("reports Prometheus' own error", async () => {
    const { reader: r } = reader(
      { status: 'error', errorType: 'bad_data', error: 'parse error' },
      400,
    );
    await expect(r.queryRange('sum(', range)).rejects.toThrow(
      'Prometheus query_range: HTTP 400 bad_data: parse error',
    );
  });

  it('refuses an answer that is not a matrix or not JSON', async () => {
    await expect(
      reader({
        status: 'success',
        data: { resultType: 'vector', result: [] },
      }).reader.queryRange('x', range),
    ).rejects.toThrow("unexpected answer at 'data.resultType'");
    await expect(
      reader('<html>', 502).reader.queryRange('x', range),
    ).rejects.toThrow('HTTP 502, the answer is not JSON');
  });
});
