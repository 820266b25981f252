import { TrafficRecorder } from './TrafficRecorder';

const T0 = 1_800_000_000_000; // a multiple of 60 s

describe('TrafficRecorder', () => {
  it('averages the recorded steps into the asked step and sums workloads', () => {
    const r = new TrafficRecorder({ stepSeconds: 15, recordHours: 1 });
    for (let k = 0; k < 8; k++) {
      r.record('c/ns/a', T0 + k * 15_000, k); // 0..7
      r.record('c/ns/b', T0 + k * 15_000, 10);
    }
    const s = r.series(['c/ns/a', 'c/ns/b'], T0, 60, 3);
    // step 0: mean(0,1,2,3) + 10; step 1: mean(4..7) + 10; step 2: nothing yet
    expect(s).toEqual({
      startMs: T0,
      stepSeconds: 60,
      values: [11.5, 15.5, null],
    });
  });

  it('leaves a step empty when one workload has no value there', () => {
    const r = new TrafficRecorder({ stepSeconds: 15, recordHours: 1 });
    r.record('a', T0, 1);
    r.record('a', T0 + 60_000, 1);
    r.record('b', T0 + 60_000, 2);
    expect(r.series(['a', 'b'], T0, 60, 2).values).toEqual([null, 3]);
    expect(r.series(['a', 'missing'], T0, 60, 2).values).toEqual([null, null]);
  });

  it('forgets a slot once the ring has come round, and is bounded', () => {
    const r = new TrafficRecorder({ stepSeconds: 60, recordHours: 1 });
    expect(r.capacity).toBe(60);
    r.record('a', T0, 5);
    r.record('a', T0 + 60 * 60_000, 7); // the same slot, one ring later
    expect(r.series(['a'], T0, 60, 1).values).toEqual([null]);
    expect(r.series(['a'], T0 + 60 * 60_000, 60, 1).values).toEqual([7]);
    expect(r.bytes).toBe(60 * 8);
    r.prune(T0 + 2 * 60 * 60_000);
    expect(r.size).toBe(0);
  });

  it('never records a rate that is not a finite number ≥ 0', () => {
    const r = new TrafficRecorder({ stepSeconds: 60, recordHours: 1 });
    r.record('a', T0, NaN);
    r.record('a', T0, -1);
    expect(r.size).toBe(0);
  });

  it('knows when its record of some workloads begins', () => {
    const r = new TrafficRecorder({ stepSeconds: 60, recordHours: 1 });
    r.record('a', T0 + 120_000, 1);
    r.record('b', T0 + 60_000, 1);
    expect(r.firstRecordedMs(['a', 'b'])).toBe(T0 + 60_000);
    expect(r.firstRecordedMs(['c'])).toBeUndefined();
  });
});
