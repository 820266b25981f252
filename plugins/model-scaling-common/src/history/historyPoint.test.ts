import { WorkloadStatus } from '../types/status';
import { historyPointFromStatus } from './historyPoint';

const status = (over: Partial<WorkloadStatus>): WorkloadStatus =>
  ({
    cluster: 'c',
    kind: 'Deployment',
    namespace: 'ml',
    name: 'w',
    replicas: { spec: 3, current: 3, ready: 2, available: 2, updated: 3 },
    autoscaler: { type: 'none', conflicting: [] },
    pods: [],
    rescaleEvents: [],
    findings: [],
    ...over,
  } as WorkloadStatus);

describe('historyPointFromStatus', () => {
  it('records desired from the autoscaler, metrics against targets, Triton with latency', () => {
    const point = historyPointFromStatus(
      status({
        autoscaler: {
          type: 'hpa',
          conflicting: [],
          hpa: {
            desiredReplicas: 5,
            metrics: [
              {
                name: 'cpu',
                sourceType: 'Resource',
                targetType: 'Utilization',
                target: 70,
                current: 91,
              },
              {
                name: 's0-prometheus',
                sourceType: 'External',
                targetType: 'AverageValue',
                target: 100,
              },
            ],
          } as never,
        },
        triton: {
          errors: [],
          models: [
            {
              model: 'resnet50',
              source: 'stats',
              intervalSeconds: 15,
              requestsPerSecond: 120,
              inferencesPerSecond: 120,
              executionsPerSecond: 60,
              averageBatchSize: 2,
              batchSizeHistogram: [],
              failuresPerSecond: 0,
            },
          ],
        },
      }),
      {
        latency: [{ model: 'resnet50', p50LatencyMs: 3, p99LatencyMs: 12 }],
        throughput: { replicas: 3, requestsPerSecond: 120 },
      },
    );
    expect(point).toEqual({
      replicas: { desired: 5, current: 3, ready: 2 },
      metrics: [
        { name: 'cpu', unit: '%', target: 70, v: 91 },
        { name: 's0-prometheus', unit: 'per pod', target: 100 },
      ],
      triton: [
        {
          model: 'resnet50',
          requestsPerSecond: 120,
          averageBatchSize: 2,
          p50LatencyMs: 3,
          p99LatencyMs: 12,
        },
      ],
      throughput: { replicas: 3, requestsPerSecond: 120 },
    });
  });

  it('falls back to the spec replicas without an autoscaler', () => {
    expect(historyPointFromStatus(status({})).replicas).toEqual({
      desired: 3,
      current: 3,
      ready: 2,
    });
  });
});
