import { BatchProfile, batchLatencyUs } from './batchProfile';
import {
  BatchingInputError,
  BatchingSimulationResult,
  simulateBatching,
} from './simulateBatching';

/** Input of {@link adviseBatching}. */
export interface BatchingAdviceInput {
  profile: BatchProfile;
  /** Total request rate of the service, requests per second (spread evenly over the replicas). */
  rateRps: number;
  /** p99 latency objective (queue + compute), milliseconds. */
  sloMs: number;
  /** The model's `max_batch_size` (default: the profile's largest batch size). */
  maxBatchSize?: number;
  /** Preferred-size sets to try (default: built from the profile's batch sizes). */
  preferredBatchSizeCandidates?: number[][];
  /** Queue delays to try, µs (default 0 … 10 ms, only those below half the SLO). */
  maxQueueDelayCandidatesUs?: number[];
  /** Give up above this many GPU replicas (default 1,000). */
  maxReplicas?: number;
  seed?: number;
  /** Requests simulated per evaluation (default 12,000). */
  requestsPerEvaluation?: number;
}

/** One evaluated configuration. */
export interface BatchingOption {
  preferredBatchSizes: number[];
  maxQueueDelayUs: number;
  dynamicBatching: boolean;
  /** Fewest GPU replicas meeting the SLO; undefined when none up to `maxReplicas` does. */
  replicas?: number;
  /** The simulation at that replica count (per replica). */
  result?: BatchingSimulationResult;
}

/** Result of {@link adviseBatching}. */
export interface BatchingAdvice {
  /** Without dynamic batching. */
  noBatching: BatchingOption;
  /** The configuration with the fewest replicas (then the lowest p99); undefined when nothing meets the SLO. */
  recommended?: BatchingOption;
  /** Every configuration that was evaluated, best first. */
  options: BatchingOption[];
}

const DEFAULT_DELAYS_US = [0, 250, 500, 1000, 2000, 5000, 10000];

/** Preferred-size sets from the profile: none, single sizes, and runs of 2–3 consecutive sizes. */
function defaultPreferredSets(
  profile: BatchProfile,
  maxBatch: number,
): number[][] {
  const sizes = profile.points
    .map(p => p.batchSize)
    .filter(b => b >= 2 && b <= maxBatch);
  const sets: number[][] = [[]];
  for (let i = 0; i < sizes.length; i++) {
    sets.push([sizes[i]]);
    if (i + 1 < sizes.length) sets.push([sizes[i], sizes[i + 1]]);
    if (i + 2 < sizes.length) sets.push([sizes[i], sizes[i + 1], sizes[i + 2]]);
  }
  return sets;
}

function meets(result: BatchingSimulationResult, sloMs: number): boolean {
  return !result.saturated && result.p99Ms <= sloMs;
}

/**
 * Recommends `preferred_batch_size` and `max_queue_delay_microseconds` for a
 * model at a request rate: for each candidate configuration, the fewest GPU
 * replicas (each getting rate / replicas) whose simulated p99 meets the SLO
 * without saturating; the winner has the fewest replicas, then the lowest
 * p99. The same seed is used for every evaluation, so configurations are
 * compared on the same arrivals. Candidates that cannot beat the best found
 * so far (by their throughput bound) are skipped.
 */
export function adviseBatching(input: BatchingAdviceInput): BatchingAdvice {
  const { profile, rateRps, sloMs } = input;
  if (!(sloMs > 0))
    throw new BatchingInputError('sloMs: must be a positive number');
  if (!(rateRps > 0))
    throw new BatchingInputError('rateRps: must be a positive number');
  const maxBatch =
    input.maxBatchSize ?? profile.points[profile.points.length - 1].batchSize;
  const maxReplicas = input.maxReplicas ?? 1000;
  const requests = input.requestsPerEvaluation ?? 12_000;
  const seed = input.seed ?? 1;

  const evaluate = (
    option: Omit<BatchingOption, 'replicas' | 'result'>,
    replicas: number,
  ) => {
    const perReplica = rateRps / replicas;
    return simulateBatching({
      profile,
      rateRps: perReplica,
      preferredBatchSizes: option.preferredBatchSizes,
      maxQueueDelayUs: option.maxQueueDelayUs,
      maxBatchSize: maxBatch,
      dynamicBatching: option.dynamicBatching,
      seed,
      durationS: Math.max(0.5, requests / perReplica),
    });
  };

  /** Throughput bound: replicas needed if every batch were as large as the configuration allows. */
  const lowerBound = (
    option: Omit<BatchingOption, 'replicas' | 'result'>,
  ): number | undefined => {
    let cap = 1;
    if (option.dynamicBatching)
      cap =
        option.preferredBatchSizes.length > 0
          ? Math.max(...option.preferredBatchSizes)
          : maxBatch;
    // A batch must fit in the SLO on its own.
    while (cap > 1 && batchLatencyUs(profile, cap) / 1000 > sloMs) cap--;
    if (batchLatencyUs(profile, cap) / 1000 > sloMs) return undefined;
    const capacity = (cap / batchLatencyUs(profile, cap)) * 1e6;
    return Math.max(1, Math.ceil(rateRps / capacity));
  };

  const solve = (
    option: Omit<BatchingOption, 'replicas' | 'result'>,
    limit: number,
  ): BatchingOption => {
    const start = lowerBound(option);
    if (start === undefined) return { ...option };
    for (let r = start; r <= Math.min(limit, maxReplicas); r++) {
      const result = evaluate(option, r);
      if (meets(result, sloMs)) return { ...option, replicas: r, result };
    }
    return { ...option };
  };

  const noBatching = solve(
    { preferredBatchSizes: [], maxQueueDelayUs: 0, dynamicBatching: false },
    maxReplicas,
  );

  const delays = (input.maxQueueDelayCandidatesUs ?? DEFAULT_DELAYS_US).filter(
    d => d >= 0 && d / 1000 < sloMs / 2,
  );
  const sets = (
    input.preferredBatchSizeCandidates ??
    defaultPreferredSets(profile, maxBatch)
  ).map(s => [...new Set(s)].sort((a, b) => a - b));
  for (const set of sets) {
    if (set.some(b => !Number.isInteger(b) || b < 1 || b > maxBatch)) {
      throw new BatchingInputError(
        `preferredBatchSizeCandidates: ${JSON.stringify(
          set,
        )} must hold integers in 1..${maxBatch}`,
      );
    }
  }
  const candidates = sets
    .flatMap(preferredBatchSizes =>
      delays.map(maxQueueDelayUs => ({
        preferredBatchSizes,
        maxQueueDelayUs,
        dynamicBatching: true,
      })),
    )
    .map(c => ({ c, bound: lowerBound(c) }))
    .filter(
      (x): x is { c: (typeof x)['c']; bound: number } => x.bound !== undefined,
    )
    .sort((a, b) => a.bound - b.bound);

  let best = noBatching.replicas ?? maxReplicas;
  const options: BatchingOption[] = [];
  for (const { c, bound } of candidates) {
    if (bound > best) break;
    const option = solve(c, best);
    options.push(option);
    if (option.replicas !== undefined && option.replicas < best)
      best = option.replicas;
  }
  const rank = (o: BatchingOption) => [
    o.replicas ?? Number.POSITIVE_INFINITY,
    o.result?.p99Ms ?? Number.POSITIVE_INFINITY,
  ];
  options.sort((a, b) => {
    const [ra, pa] = rank(a);
    const [rb, pb] = rank(b);
    return ra - rb || pa - pb;
  });
  const recommended = options.find(o => o.replicas !== undefined);
  const advice: BatchingAdvice = { noBatching, options };
  if (recommended) advice.recommended = recommended;
  return advice;
}
