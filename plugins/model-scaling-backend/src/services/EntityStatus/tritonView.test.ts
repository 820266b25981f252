import { TritonModelFigures } from '@internal/plugin-model-scaling-common';
import { tritonView } from './tritonView';

const figure = (p: Partial<TritonModelFigures>): TritonModelFigures => ({
  model: 'resnet50',
  source: 'stats',
  intervalSeconds: 15,
  requestsPerSecond: 0,
  inferencesPerSecond: 0,
  executionsPerSecond: 0,
  batchSizeHistogram: [],
  failuresPerSecond: 0,
  ...p,
});

const result = (
  pod: string,
  figures: TritonModelFigures[],
  error?: string,
) => ({
  pod,
  namespace: 'ml-serving',
  cluster: 'demo',
  workload: 'demo/ml-serving/image-classifier',
  sampledAt: `2026-01-01T00:00:0${pod.slice(-1)}.000Z`,
  figures,
  ...(error && { error }),
});

describe('tritonView', () => {
  it('is undefined without sampled pods', () => {
    expect(tritonView([])).toBeUndefined();
  });

  it('adds rates and weights averages across pods', () => {
    const view = tritonView([
      result('p1', [
        figure({
          requestsPerSecond: 100,
          inferencesPerSecond: 100,
          executionsPerSecond: 25,
          averageBatchSize: 4,
          averageQueueUs: 1000,
          averageComputeUs: 2000,
          pendingRequests: 3,
          batchSizeHistogram: [{ batchSize: 4, executions: 375 }],
          config: { maxBatchSize: 16, instanceGroups: [] },
        }),
      ]),
      result('p2', [
        figure({
          requestsPerSecond: 300,
          inferencesPerSecond: 300,
          executionsPerSecond: 25,
          averageBatchSize: 12,
          averageQueueUs: 3000,
          averageComputeUs: 4000,
          pendingRequests: 1,
          batchSizeHistogram: [
            { batchSize: 4, executions: 75 },
            { batchSize: 16, executions: 300 },
          ],
        }),
      ]),
    ])!;
    expect(view.models).toHaveLength(1);
    const m = view.models[0];
    expect(m.requestsPerSecond).toBe(400);
    expect(m.averageBatchSize).toBe(8); // 400 inferences / 50 executions
    expect(m.averageQueueUs).toBe(2500); // weighted by requests 100:300
    expect(m.averageComputeUs).toBe(3000); // weighted by executions 25:25
    expect(m.pendingRequests).toBe(4);
    expect(m.batchSizeHistogram).toEqual([
      { batchSize: 4, executions: 450 },
      { batchSize: 16, executions: 300 },
    ]);
    expect(m.config?.maxBatchSize).toBe(16);
    expect(view.sampledAt).toBe('2026-01-01T00:00:02.000Z');
    expect(view.errors).toEqual([]);
  });

  it('lists pod errors next to the other pods figures', () => {
    const view = tritonView([
      result('p1', [figure({ requestsPerSecond: 10 })]),
      result('p2', [], 'metrics: GET :8002/metrics: timed out after 3000 ms'),
    ])!;
    expect(view.models[0].requestsPerSecond).toBe(10);
    expect(view.errors).toEqual([
      {
        pod: 'p2',
        message: 'metrics: GET :8002/metrics: timed out after 3000 ms',
      },
    ]);
  });
});
