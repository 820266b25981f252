import profileFile from './profiles/batch-profile-h200.json';
import { loadBatchProfiles } from './batchProfile';
import { simulateBatching } from './simulateBatching';

const profiles = loadBatchProfiles(profileFile);
const resnet = profiles.find(p => p.model === 'resnet50-224')!;
const bert = profiles.find(p => p.model === 'bert-base-seq128')!;

describe('simulateBatching', () => {
  it('runs every request alone without dynamic batching', () => {
    const r = simulateBatching({
      profile: resnet,
      rateRps: 600,
      dynamicBatching: false,
      preferredBatchSizes: [8],
      maxQueueDelayUs: 5000,
    });
    expect(r.averageBatchSize).toBe(1);
    expect(r.batchSizeHistogram).toEqual([
      { batchSize: 1, executions: r.requests },
    ]);
    // ρ = 600 × 1.047 ms = 0.63: stable, utilisation near ρ, p50 above the bare 1.05 ms.
    expect(r.saturated).toBe(false);
    expect(r.utilisation).toBeGreaterThan(0.55);
    expect(r.utilisation).toBeLessThan(0.7);
    expect(r.p50Ms).toBeGreaterThan(1.04);
    expect(r.throughputRps).toBeGreaterThan(570);
    expect(r.throughputRps).toBeLessThan(630);
  });

  it('saturates when the rate is above what batch size 1 can serve', () => {
    const r = simulateBatching({
      profile: resnet,
      rateRps: 1200,
      dynamicBatching: false,
    });
    expect(r.saturated).toBe(true);
    expect(r.throughputRps).toBeLessThan(960);
  });

  it('absorbs the same rate by batching', () => {
    const r = simulateBatching({
      profile: resnet,
      rateRps: 4000,
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayUs: 1000,
    });
    expect(r.saturated).toBe(false);
    expect(r.averageBatchSize).toBeGreaterThan(3);
    expect(r.averageBatchSize).toBeLessThanOrEqual(16);
    expect(
      Math.max(...r.batchSizeHistogram.map(h => h.batchSize)),
    ).toBeLessThanOrEqual(16);
    expect(r.p99Ms).toBeLessThan(20);
  });

  it('waits up to the queue delay at low load, and sends at once without one', () => {
    const eager = simulateBatching({
      profile: bert,
      rateRps: 200,
      preferredBatchSizes: [4, 8],
      maxQueueDelayUs: 0,
    });
    expect(eager.averageBatchSize).toBeLessThan(1.2);
    const patient = simulateBatching({
      profile: bert,
      rateRps: 200,
      preferredBatchSizes: [4, 8],
      maxQueueDelayUs: 20000,
    });
    // 200 req/s gives a 4th request ~15 ms after the first: preferred batch 4 forms before the 20 ms delay mostly.
    expect(patient.averageBatchSize).toBeGreaterThan(3);
    expect(patient.averageQueueMs).toBeGreaterThan(5);
    expect(patient.p99Ms).toBeLessThan(20 + 1);
  });

  it('prefers the largest preferred size it can form at once', () => {
    const r = simulateBatching({
      profile: bert,
      rateRps: 12000,
      preferredBatchSizes: [8, 16],
      maxQueueDelayUs: 100000,
    });
    const other = r.batchSizeHistogram.filter(
      h => h.batchSize !== 8 && h.batchSize !== 16,
    );
    // Only the leftover at the very end, sent when its delay ran out, has another size.
    expect(other.reduce((a, h) => a + h.executions, 0)).toBeLessThanOrEqual(1);
    expect(
      r.batchSizeHistogram.find(h => h.batchSize === 16)!.executions,
    ).toBeGreaterThan(0);
  });

  it('grows batches towards max_batch_size without preferred sizes', () => {
    const r = simulateBatching({
      profile: bert,
      rateRps: 15000,
      maxBatchSize: 32,
      maxQueueDelayUs: 500,
    });
    expect(
      Math.max(...r.batchSizeHistogram.map(h => h.batchSize)),
    ).toBeLessThanOrEqual(32);
    expect(r.averageBatchSize).toBeGreaterThan(8);
  });

  it('shares one queue between instances', () => {
    const one = simulateBatching({
      profile: resnet,
      rateRps: 1500,
      dynamicBatching: false,
    });
    const two = simulateBatching({
      profile: resnet,
      rateRps: 1500,
      dynamicBatching: false,
      instances: 2,
    });
    expect(one.saturated).toBe(true);
    expect(two.saturated).toBe(false);
  });

  it('is deterministic for a seed', () => {
    const a = simulateBatching({
      profile: resnet,
      rateRps: 3000,
      preferredBatchSizes: [8],
      maxQueueDelayUs: 500,
      seed: 42,
    });
    const b = simulateBatching({
      profile: resnet,
      rateRps: 3000,
      preferredBatchSizes: [8],
      maxQueueDelayUs: 500,
      seed: 42,
    });
    const c = simulateBatching({
      profile: resnet,
      rateRps: 3000,
      preferredBatchSizes: [8],
      maxQueueDelayUs: 500,
      seed: 43,
    });
    expect(a).toEqual(b);
    expect(c.p99Ms).not.toBe(a.p99Ms);
    expect(Math.abs(c.p99Ms - a.p99Ms) / a.p99Ms).toBeLessThan(0.25);
  });

  it('rejects invalid settings naming the field', () => {
    expect(() => simulateBatching({ profile: resnet, rateRps: 0 })).toThrow(
      'rateRps: must be a positive number',
    );
    expect(() =>
      simulateBatching({
        profile: resnet,
        rateRps: 10,
        maxBatchSize: 8,
        preferredBatchSizes: [16],
      }),
    ).toThrow(
      'preferredBatchSizes: each must be an integer in 1..maxBatchSize (8)',
    );
    expect(() =>
      simulateBatching({ profile: resnet, rateRps: 10, maxQueueDelayUs: -1 }),
    ).toThrow('maxQueueDelayUs');
    expect(() =>
      simulateBatching({
        profile: resnet,
        rateRps: 10,
        arrivalTimesUs: [0, 2000, 1000],
      }),
    ).toThrow(
      'arrivalTimesUs[2]: must be a finite time ≥ 0, not before the one before it',
    );
    expect(() =>
      simulateBatching({
        profile: resnet,
        rateRps: 10,
        schedulerOverheadUs: -5,
      }),
    ).toThrow('schedulerOverheadUs: must be ≥ 0');
  });

  it('sends everything waiting, up to max_batch_size, once the queue delay ran out (overload)', () => {
    // Far above what batches of 16 serve (16 / 2.2 ms ≈ 7,200/s): requests wait past the delay.
    const r = simulateBatching({
      profile: resnet,
      rateRps: 9000,
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayUs: 1000,
      maxBatchSize: 32,
    });
    const largest = Math.max(...r.batchSizeHistogram.map(h => h.batchSize));
    expect(largest).toBe(32);
    expect(r.averageBatchSize).toBeGreaterThan(16);
  });

  it('replays given arrival times', () => {
    // Three requests 1 ms apart, then one alone: the first two form the preferred size 2, the third and the fourth each run alone after their delay.
    const r = simulateBatching({
      profile: { model: 'flat', points: [{ batchSize: 1, latencyUs: 500 }] },
      rateRps: 1,
      preferredBatchSizes: [2],
      maxBatchSize: 2,
      maxQueueDelayUs: 3000,
      arrivalTimesUs: [0, 1000, 2000, 100_000],
    });
    expect(r.requests).toBe(4);
    expect(r.batchSizeHistogram).toEqual([
      { batchSize: 1, executions: 2 },
      { batchSize: 2, executions: 1 },
    ]);
    // Queue: 1 ms (first, until the second came), 0, 3 ms (third, its delay), 3 ms (fourth).
    expect(r.averageQueueMs).toBeCloseTo((1 + 0 + 3 + 3) / 4, 6);
  });

  it('adds the scheduler overhead only when the instance sat idle waiting for the batcher', () => {
    const base = {
      profile: { model: 'flat', points: [{ batchSize: 1, latencyUs: 10_000 }] },
      rateRps: 1,
      preferredBatchSizes: [4],
      maxBatchSize: 4,
      maxQueueDelayUs: 1000,
      // A lone request (idle instance), then two that arrive while the first runs.
      arrivalTimesUs: [0, 2000, 3000],
    };
    const plain = simulateBatching(base);
    const slow = simulateBatching({ ...base, schedulerOverheadUs: 500 });
    // First: waits 1 ms + 0.5 ms. The other two start when the instance frees at 11.5 ms, no extra hand-off.
    expect(plain.averageQueueMs).toBeCloseTo((1 + 9 + 8) / 3, 6);
    expect(slow.averageQueueMs).toBeCloseTo((1.5 + 9.5 + 8.5) / 3, 6);
  });

  it('runs each execution for the measured time of its size, in order, when given a trace', () => {
    const r = simulateBatching({
      profile: { model: 'flat', points: [{ batchSize: 1, latencyUs: 1000 }] },
      rateRps: 1,
      dynamicBatching: false,
      arrivalTimesUs: [0, 100, 200],
      executionTimesUs: { 1: [5000, 1000] },
    });
    // Runs 0–5 ms, 5–6 ms, then the trace wraps: 6–11 ms. Queues 0, 4.9, 5.8 ms.
    expect(r.averageQueueMs).toBeCloseTo((0 + 4.9 + 5.8) / 3, 6);
    expect(r.meanMs).toBeCloseTo((5 + 5.9 + 10.8) / 3, 6);
    expect(() =>
      simulateBatching({
        ...{ profile: resnet, rateRps: 1 },
        executionTimesUs: { 0: [1] },
      }),
    ).toThrow(
      'executionTimesUs[0]: batch sizes must be integers ≥ 1 and times positive µs',
    );
  });
});
