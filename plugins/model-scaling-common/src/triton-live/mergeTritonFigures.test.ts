import type { TritonModelFigures } from '../types/status';
import { mergeTritonFigures } from './mergeTritonFigures';

const base: TritonModelFigures = {
  model: 'resnet50',
  version: '1',
  source: 'stats',
  intervalSeconds: 15,
  requestsPerSecond: 1000,
  inferencesPerSecond: 1000,
  executionsPerSecond: 125,
  averageBatchSize: 8,
  batchSizeHistogram: [{ batchSize: 8, executions: 1875 }],
  averageQueueUs: 2000,
  averageComputeUs: 1600,
  pendingRequests: 3,
  failuresPerSecond: 0,
};

describe('mergeTritonFigures', () => {
  it('adds rates and weights averages across pods', () => {
    const other: TritonModelFigures = {
      ...base,
      requestsPerSecond: 3000,
      inferencesPerSecond: 3000,
      executionsPerSecond: 750,
      averageBatchSize: 4,
      batchSizeHistogram: [{ batchSize: 4, executions: 11250 }],
      averageQueueUs: 1000,
      averageComputeUs: 1300,
      pendingRequests: 1,
      failuresPerSecond: 0.5,
    };
    const [merged] = mergeTritonFigures([base, other]);
    expect(merged.requestsPerSecond).toBe(4000);
    expect(merged.averageBatchSize).toBeCloseTo(4000 / 875, 9);
    expect(merged.averageQueueUs).toBeCloseTo(
      (2000 * 1000 + 1000 * 3000) / 4000,
      9,
    );
    expect(merged.averageComputeUs).toBeCloseTo(
      (1600 * 125 + 1300 * 750) / 875,
      9,
    );
    expect(merged.pendingRequests).toBe(4);
    expect(merged.failuresPerSecond).toBe(0.5);
    expect(merged.batchSizeHistogram).toEqual([
      { batchSize: 4, executions: 11250 },
      { batchSize: 8, executions: 1875 },
    ]);
  });

  it('keeps models apart', () => {
    expect(
      mergeTritonFigures([base, { ...base, model: 'bert-embedder' }]).map(
        f => f.model,
      ),
    ).toEqual(['resnet50', 'bert-embedder']);
  });
});
