import { WorkloadHistoryPoint } from '@internal/plugin-model-scaling-common';
import { rateFromPoint } from './rateFromPoint';

const base: WorkloadHistoryPoint = {
  replicas: { desired: 3, current: 3, ready: 3 },
  metrics: [],
  triton: [],
};

describe('rateFromPoint', () => {
  it("prefers Triton's served requests of all pods", () => {
    expect(
      rateFromPoint({
        ...base,
        triton: [{ model: 'a', requestsPerSecond: 40 }],
        throughput: { replicas: 3, requestsPerSecond: 42 },
      }),
    ).toEqual({ rps: 42, origin: 'triton' });
  });

  it('sums the models when some pod was not sampled', () => {
    expect(
      rateFromPoint({
        ...base,
        triton: [
          { model: 'a', requestsPerSecond: 10 },
          { model: 'b', requestsPerSecond: 5 },
        ],
      }),
    ).toEqual({ rps: 15, origin: 'triton' });
  });

  it('multiplies a per-pod request metric by the current replicas', () => {
    expect(
      rateFromPoint({
        ...base,
        metrics: [
          { name: 'cpu', unit: '%', target: 70, v: 50 },
          { name: 's0-prometheus', unit: 'per pod', target: 20, v: 12.5 },
        ],
      }),
    ).toEqual({ rps: 37.5, origin: 'autoscaler-metric' });
  });

  it('has no rate from CPU, memory or queue lag', () => {
    expect(
      rateFromPoint({
        ...base,
        metrics: [
          { name: 'cpu', unit: '%', target: 70, v: 50 },
          { name: 's0-kafka-requests-topic', unit: '%', v: 3 },
          { name: 's0-kafka-lag', unit: 'per pod', v: 300 },
        ],
      }),
    ).toBeUndefined();
  });
});
