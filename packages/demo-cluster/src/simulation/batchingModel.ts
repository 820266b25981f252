import {
  BatchProfile,
  TritonModelConfig,
  batchLatencyUs,
  simulateBatching,
} from '@internal/plugin-model-scaling-common';

/** Steady-state behaviour of Triton's scheduler for one model instance at one arrival rate. */
export interface BatchingEstimate {
  /** Requests merged into one execution, on average. */
  requestsPerExecution: number;
  /** Share of executions per number of merged requests (sums to 1). */
  mergeDistribution: { requests: number; share: number }[];
  /** Average time a request waits in the queue, µs. */
  queueUs: number;
  /** Busy share of the instance. */
  utilization: number;
  /** Requests waiting on average (Little's law). */
  pending: number;
}

const IDLE: BatchingEstimate = {
  requestsPerExecution: 1,
  mergeDistribution: [{ requests: 1, share: 1 }],
  queueUs: 0,
  utilization: 0,
  pending: 0,
};

/** Rates are bucketed 4 % apart, so a day of traffic needs a few hundred batcher runs. */
const BUCKET = Math.log(1.04);

/**
 * The profile in units of requests: a request of `clientBatch` items is one unit, and
 * every latency is stretched by `slowdown` (a MIG slice or a time-sliced GPU).
 */
export function requestProfile(
  profile: BatchProfile,
  clientBatch: number,
  slowdown: number,
  maxUnits: number,
): BatchProfile {
  const points = [];
  for (let units = 1; units <= maxUnits; units++) {
    points.push({
      batchSize: units,
      latencyUs: batchLatencyUs(profile, units * clientBatch) * slowdown,
    });
  }
  return { ...profile, points };
}

/**
 * Estimates what Triton's dynamic batcher does for `requestRate` requests per second of
 * `clientBatch` items each, with the model's `dynamic_batching` settings, by running the
 * common package's batcher simulation (`simulateBatching`) on the measured H200 profile.
 * Results are memoized per model and rate bucket.
 */
export class BatchingModel {
  private readonly cache = new Map<string, BatchingEstimate>();
  estimate(options: {
    requestRate: number;
    clientBatch: number;
    config: TritonModelConfig;
    profile: BatchProfile;
    slowdown: number;
  }): BatchingEstimate {
    const { requestRate, clientBatch, config, profile, slowdown } = options;
    if (!(requestRate > 0)) return IDLE;
    const bucket = Math.round(Math.log(requestRate) / BUCKET);
    // Only what the estimate reads of the config (`max_batch_size`,
    // `dynamic_batching`): models of other names with the same batching share
    // estimates (a thousand synthetic services, each with a config naming its
    // model, missed the memo and ran the batcher every tick).
    const key = `${profile.model}|${clientBatch}|${slowdown}|${JSON.stringify([
      config.maxBatchSize,
      config.dynamicBatching,
    ])}|${bucket}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const rate = Math.exp(bucket * BUCKET);
    const maxUnits = Math.max(
      1,
      Math.floor((config.maxBatchSize || clientBatch) / clientBatch),
    );
    const db = config.dynamicBatching;
    const preferred = [
      ...new Set(
        (db?.preferredBatchSize ?? [])
          .map(p => Math.floor(p / clientBatch))
          .filter(u => u >= 1 && u <= maxUnits),
      ),
    ];
    const result = simulateBatching({
      profile: requestProfile(profile, clientBatch, slowdown, maxUnits),
      rateRps: rate,
      preferredBatchSizes: preferred,
      maxQueueDelayUs: db?.maxQueueDelayMicroseconds ?? 0,
      maxBatchSize: maxUnits,
      dynamicBatching: db !== undefined && maxUnits > 1,
      seed: bucket,
    });
    const executions = result.batchSizeHistogram.reduce(
      (s, b) => s + b.executions,
      0,
    );
    const estimate: BatchingEstimate = {
      requestsPerExecution: result.averageBatchSize || 1,
      mergeDistribution:
        executions > 0
          ? result.batchSizeHistogram.map(b => ({
              requests: b.batchSize,
              share: b.executions / executions,
            }))
          : IDLE.mergeDistribution,
      queueUs: (result.averageQueueMs || 0) * 1000,
      utilization: result.utilisation,
      pending: (rate * (result.averageQueueMs || 0)) / 1000,
    };
    this.cache.set(key, estimate);
    return estimate;
  }
}
