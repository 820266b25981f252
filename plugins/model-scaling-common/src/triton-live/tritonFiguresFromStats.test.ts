import { statsDoc } from './__fixtures__/statsDocs';
import { tritonFiguresFromStats } from './tritonFiguresFromStats';

// The previous sample's queue time is 1.5 ms per request, and the current one adds requests at the same 1.5 ms.
const prev = statsDoc(
  { 1: 20000, 4: 32000, 8: 40000 },
  1_500_000,
  12,
  1764324000000,
);
const cur = statsDoc(
  { 1: 20150, 4: 32500, 8: 43000, 16: 100 },
  1_500_000,
  15,
  1764324015000,
);

describe('tritonFiguresFromStats', () => {
  it('computes rates, the batch-size histogram and per-execution compute time', () => {
    const [fig] = tritonFiguresFromStats(
      prev,
      '2026-11-28T10:00:00Z',
      cur,
      '2026-11-28T10:00:15Z',
    );
    expect(fig).toMatchObject({
      model: 'resnet50',
      version: '1',
      source: 'stats',
      intervalSeconds: 15,
    });
    expect(fig.requestsPerSecond).toBeCloseTo(27750 / 15, 9);
    expect(fig.inferencesPerSecond).toBeCloseTo(27750 / 15, 9);
    expect(fig.executionsPerSecond).toBe(250);
    expect(fig.averageBatchSize).toBeCloseTo(7.4, 9);
    expect(fig.batchSizeHistogram).toEqual([
      { batchSize: 1, executions: 150 },
      { batchSize: 4, executions: 500 },
      { batchSize: 8, executions: 3000 },
      { batchSize: 16, executions: 100 },
    ]);
    expect(fig.averageQueueUs).toBeCloseTo(1500, 6);
    expect(fig.averageComputeUs).toBeCloseTo(5_899_825_000 / 3750 / 1000, 6);
    expect(fig.failuresPerSecond).toBeCloseTo(0.2, 9);
    expect(fig.pendingRequests).toBeUndefined();
  });

  it('treats a reload as a reset: the current counts are the deltas', () => {
    const reloaded = statsDoc({ 8: 100 }, 1_000_000, 0, 1764324030000);
    const [fig] = tritonFiguresFromStats(
      cur,
      1764324015000,
      reloaded,
      1764324030000,
    );
    expect(fig.batchSizeHistogram).toEqual([{ batchSize: 8, executions: 100 }]);
    expect(fig.requestsPerSecond).toBeCloseTo(800 / 15, 9);
    expect(fig.averageBatchSize).toBe(8);
    expect(fig.failuresPerSecond).toBe(0);
    expect(fig.averageQueueUs).toBeCloseTo(1000, 9);
  });

  it('falls back to per-request compute stats without batch_stats', () => {
    const strip = (d: ReturnType<typeof statsDoc>) => ({
      model_stats: d.model_stats.map(m => ({ ...m, batch_stats: [] })),
    });
    const [fig] = tritonFiguresFromStats(strip(prev), 0, strip(cur), 15000);
    expect(fig.batchSizeHistogram).toEqual([]);
    // Request-weighted: batch 8 executions dominate.
    expect(fig.averageComputeUs).toBeGreaterThan(1500);
    expect(fig.averageComputeUs).toBeLessThan(1700);
  });

  it('names the invalid field', () => {
    const bad = {
      model_stats: [{ ...cur.model_stats[0], inference_count: '27750' }],
    };
    expect(() => tritonFiguresFromStats(prev, 0, bad, 15000)).toThrow(
      'Triton current stats document is invalid: model_stats[0].inference_count: Expected number, received string',
    );
    expect(() =>
      tritonFiguresFromStats(
        { error: 'Request for unknown model' },
        0,
        cur,
        15000,
      ),
    ).toThrow(
      'Triton previous stats document is invalid: model_stats: Required',
    );
  });
});
