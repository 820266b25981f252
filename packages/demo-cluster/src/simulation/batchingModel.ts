import type { TritonModelConfig } from '@internal/plugin-model-scaling-common';
import { BatchProfile, latencyUs } from '../triton/batchProfiles';

/** Steady-state behaviour of Triton's scheduler for one model instance at one arrival rate. */
export interface BatchingEstimate {
  /** Requests merged into one execution, on average. */
  requestsPerExecution: number;
  /** Share of executions per number of merged requests (sums to 1). */
  mergeDistribution: { requests: number; share: number }[];
  /** Average time a request waits in the queue, µs. */
  queueUs: number;
  /** Busy share of the instance (executions × latency per second), may exceed 1 when overloaded. */
  utilization: number;
  /** Requests waiting on average (Little's law). */
  pending: number;
}

function poissonShares(
  mean: number,
  max: number,
): { requests: number; share: number }[] {
  // 1 + Poisson(mean - 1), truncated at max.
  const lambda = Math.max(0, mean - 1);
  const shares: { requests: number; share: number }[] = [];
  let p = Math.exp(-lambda);
  let total = 0;
  for (let k = 0; k < max; k++) {
    if (k > 0) p = (p * lambda) / k;
    shares.push({ requests: k + 1, share: p });
    total += p;
  }
  const rest = Math.max(0, 1 - total);
  shares[shares.length - 1].share += rest;
  return shares
    .filter(s => s.share > 1e-4)
    .map(s => ({ requests: s.requests, share: s.share / (total + rest) }));
}

/**
 * Estimates what Triton's dynamic batcher does for `requestRate` requests per second of
 * `clientBatch` items each, with the model's `dynamic_batching` settings and measured
 * batch latencies (stretched by `slowdown` on a MIG slice or a shared GPU).
 * Without dynamic batching every execution serves one request. With it, a batch grows
 * while requests arrive during the previous execution and during up to
 * `max_queue_delay_microseconds` of waiting for a preferred size.
 */
export function estimateBatching(options: {
  requestRate: number;
  clientBatch: number;
  config: TritonModelConfig;
  profile: BatchProfile;
  slowdown: number;
}): BatchingEstimate {
  const { requestRate: rate, clientBatch, config, profile, slowdown } = options;
  const lat = (requests: number) =>
    latencyUs(profile, requests * clientBatch) * slowdown;
  const maxBatch = Math.max(clientBatch, config.maxBatchSize || clientBatch);
  const maxMerge = Math.max(1, Math.floor(maxBatch / clientBatch));
  if (rate <= 0) {
    return {
      requestsPerExecution: 1,
      mergeDistribution: [{ requests: 1, share: 1 }],
      queueUs: 0,
      utilization: 0,
      pending: 0,
    };
  }
  const db = config.dynamicBatching;
  if (!db || maxMerge === 1) {
    const s = lat(1);
    const rho = (rate * s) / 1e6;
    const capped = Math.min(rho, 0.98);
    const queueUs =
      (capped * s) / (2 * (1 - capped)) + (rho > 1 ? (rho - 1) * 1e6 : 0);
    return {
      requestsPerExecution: 1,
      mergeDistribution: [{ requests: 1, share: 1 }],
      queueUs,
      utilization: rho,
      pending: (rate * queueUs) / 1e6,
    };
  }
  const preferredMax = Math.max(
    0,
    ...db.preferredBatchSize.map(p => Math.floor(p / clientBatch)),
  );
  const waitTarget =
    preferredMax > 0 ? Math.min(preferredMax, maxMerge) : maxMerge;
  const delayS = db.maxQueueDelayMicroseconds / 1e6;
  // Requests gathered while the first one waits (at most the delay, or until the preferred size).
  const waiting = Math.min(1 + rate * delayS, waitTarget);
  // Requests that arrive while the instance is busy with the previous batch.
  let busy = 1;
  for (let i = 0; i < 30; i++)
    busy = Math.min(maxMerge, Math.max(1, (rate * lat(busy)) / 1e6));
  const merged = Math.min(maxMerge, Math.max(waiting, busy));
  const execRate = rate / merged;
  const utilization = (execRate * lat(merged)) / 1e6;
  const waitUs = Math.min(
    db.maxQueueDelayMicroseconds,
    ((merged - 1) / rate) * 1e6,
  );
  const congestion = Math.min(utilization, 0.98);
  const queueUs =
    waitUs * 0.5 +
    (congestion * lat(merged)) / 2 +
    (utilization > 1 ? (utilization - 1) * 1e6 : 0);
  return {
    requestsPerExecution: merged,
    mergeDistribution: poissonShares(merged, maxMerge),
    queueUs,
    utilization,
    pending: (rate * queueUs) / 1e6,
  };
}
