import { WorkloadHistoryPoint } from '@internal/plugin-model-scaling-common';
import { recordHistoryPoints } from './recordHistoryPoints';
import { TrafficRecorder } from './TrafficRecorder';

const T0 = 1_800_000_000_000;
const point = (rps?: number): WorkloadHistoryPoint => ({
  replicas: { current: 1, ready: 1 },
  metrics: [],
  triton: rps === undefined ? [] : [{ model: 'm', requestsPerSecond: rps }],
});

describe('recordHistoryPoints', () => {
  it('records the rate of the points that have one', () => {
    const recorder = new TrafficRecorder({ stepSeconds: 60, recordHours: 1 });
    recordHistoryPoints(recorder, [
      { workload: 'c/ns/a', t: T0, point: point(3) },
      { workload: 'c/ns/a', t: T0 + 60_000, point: point() },
      { workload: 'c/ns/a', t: T0 + 120_000, point: point(5) },
    ]);
    expect(recorder.series(['c/ns/a'], T0, 60, 3).values).toEqual([3, null, 5]);
  });
});
