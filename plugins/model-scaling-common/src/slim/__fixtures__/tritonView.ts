import type { TritonView } from '../../types/status';

/** One Triton server's figures for resnet50 (stats source, a config with dynamic batching), for the status tests. */
export const resnetTritonView: TritonView = {
  sampledAt: '2026-11-28T10:06:00Z',
  errors: [],
  models: [
    {
      model: 'resnet50',
      version: '1',
      source: 'stats',
      intervalSeconds: 15,
      requestsPerSecond: 280,
      inferencesPerSecond: 280,
      executionsPerSecond: 270,
      averageBatchSize: 280 / 270,
      batchSizeHistogram: [
        { batchSize: 1, executions: 3900 },
        { batchSize: 2, executions: 150 },
      ],
      averageQueueUs: 400,
      averageComputeUs: 1060,
      failuresPerSecond: 0,
      config: {
        name: 'resnet50',
        maxBatchSize: 32,
        dynamicBatching: {
          preferredBatchSize: [4, 8, 16],
          maxQueueDelayMicroseconds: 0,
        },
        instanceGroups: [{ kind: 'KIND_GPU', count: 1 }],
      },
    },
  ],
};
