import {
  metricsAfterRestart,
  metricsAt0,
  metricsAt15,
} from './__fixtures__/metricsText';
import { parseTritonMetrics } from './parseTritonMetrics';
import { tritonFiguresFromMetrics } from './tritonFiguresFromMetrics';

const t0 = parseTritonMetrics(metricsAt0, '2026-11-28T10:00:00Z');
const t15 = parseTritonMetrics(metricsAt15, '2026-11-28T10:00:15Z');

describe('tritonFiguresFromMetrics', () => {
  it('computes rates, batch size, queue and compute time from two scrapes', () => {
    const [fig] = tritonFiguresFromMetrics(t0, t15);
    expect(fig).toMatchObject({
      model: 'resnet50',
      version: '1',
      source: 'metrics',
      intervalSeconds: 15,
      requestsPerSecond: 2000,
      inferencesPerSecond: 2000,
      executionsPerSecond: 250,
      averageBatchSize: 8,
      pendingRequests: 7,
      failuresPerSecond: 1,
      batchSizeHistogram: [],
    });
    expect(fig.averageQueueUs).toBeCloseTo(2000, 6);
    // 1.55 ms infer + 50 µs input + 10 µs output per execution.
    expect(fig.averageComputeUs).toBeCloseTo(1610, 6);
  });

  it('treats a counter reset as the current values, never a negative rate', () => {
    const restarted = parseTritonMetrics(
      metricsAfterRestart,
      '2026-11-28T10:00:30Z',
    );
    const [fig] = tritonFiguresFromMetrics(t15, restarted);
    expect(fig.requestsPerSecond).toBeCloseTo(1600 / 15, 9);
    expect(fig.executionsPerSecond).toBeCloseTo(400 / 15, 9);
    expect(fig.averageBatchSize).toBe(4);
    expect(fig.failuresPerSecond).toBe(0);
    expect(fig.averageQueueUs).toBe(500);
  });

  it('leaves averages undefined when nothing ran', () => {
    const [fig] = tritonFiguresFromMetrics(t15, {
      ...t15,
      at: '2026-11-28T10:00:30Z',
    });
    expect(fig.requestsPerSecond).toBe(0);
    expect(fig.averageBatchSize).toBeUndefined();
    expect(fig.averageQueueUs).toBeUndefined();
    expect(fig.averageComputeUs).toBeUndefined();
  });

  it('skips models that were not in the previous sample', () => {
    expect(tritonFiguresFromMetrics({ ...t0, models: [] }, t15)).toEqual([]);
  });

  it('rejects samples out of order', () => {
    expect(() => tritonFiguresFromMetrics(t15, t0)).toThrow(
      'must be later than the previous one',
    );
  });
});
