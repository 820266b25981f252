import {
  bucketQuantile,
  tritonLatencyFromMetrics,
} from './tritonLatencyFromMetrics';

const summary = (model: string, p50: number, p99: number) =>
  [
    `nv_inference_request_summary_us{model="${model}",version="1",quantile="0.5"} ${p50}`,
    `nv_inference_request_summary_us{model="${model}",version="1",quantile="0.9"} ${
      p99 - 1
    }`,
    `nv_inference_request_summary_us{model="${model}",version="1",quantile="0.99"} ${p99}`,
    `nv_inference_request_summary_us_sum{model="${model}",version="1"} 123456`,
    `nv_inference_request_summary_us_count{model="${model}",version="1"} 100`,
  ].join('\n');

const histogram = (model: string, counts: number[]) =>
  ['10', '100', '1000', '+Inf']
    .map(
      (le, i) =>
        `nv_inference_first_response_histogram_ms_bucket{model="${model}",version="1",le="${le}"} ${counts[i]}`,
    )
    .join('\n');

describe('tritonLatencyFromMetrics', () => {
  it('reads p50 and p99 of every model from the request summary, in ms', () => {
    const text = `# TYPE nv_inference_request_summary_us summary\n${summary(
      'resnet50',
      2500,
      9000,
    )}\n${summary('bert', 800, 1200)}\n`;
    expect(tritonLatencyFromMetrics(text).latency).toEqual([
      { model: 'bert', p50LatencyMs: 0.8, p99LatencyMs: 1.2 },
      { model: 'resnet50', p50LatencyMs: 2.5, p99LatencyMs: 9 },
    ]);
  });

  it('computes quantiles of a histogram over its increase since the last sample', () => {
    const first = tritonLatencyFromMetrics(histogram('llm', [0, 0, 0, 0]));
    expect(first.latency).toEqual([]); // one sample: no increase yet
    // 100 new requests: 50 under 10 ms, 48 in (10, 100], 2 in (100, 1000].
    const second = tritonLatencyFromMetrics(
      histogram('llm', [50, 98, 100, 100]),
      first.buckets,
    );
    expect(second.latency).toEqual([
      { model: 'llm', p50LatencyMs: 10, p99LatencyMs: 550 },
    ]);
  });

  it('gives nothing for a server without latency families, or after a counter reset', () => {
    expect(
      tritonLatencyFromMetrics('nv_inference_count{model="m"} 3\n'),
    ).toEqual({ latency: [], buckets: {} });
    const before = tritonLatencyFromMetrics(
      histogram('llm', [50, 98, 100, 100]),
    );
    expect(
      tritonLatencyFromMetrics(histogram('llm', [1, 1, 1, 1]), before.buckets)
        .latency,
    ).toEqual([]);
  });

  it('interpolates within a bucket like histogram_quantile', () => {
    const b = [
      { upper: 1, count: 10 },
      { upper: 2, count: 30 },
      { upper: Infinity, count: 40 },
    ];
    expect(bucketQuantile(0.5, b)).toBeCloseTo(1.5); // rank 20: half way through (1, 2]
    expect(bucketQuantile(0.99, b)).toBe(2); // in +Inf: the bound below
    expect(
      bucketQuantile(0.5, [{ upper: Infinity, count: 0 }]),
    ).toBeUndefined();
  });
});
