// long-file: Triton's dynamic batcher (dynamic_batch_scheduler.cc) re-implemented as one event loop, cited in place.
import { BatchProfile, batchLatencyUs } from './batchProfile';
import { exponential, seededRandom } from './random';

/** Input of {@link simulateBatching}. */
export interface BatchingSimulationInput {
  profile: BatchProfile;
  /** Poisson arrival rate into this server's queue, requests per second. */
  rateRps: number;
  /**
   * Triton `dynamic_batching.preferred_batch_size`; `[]` means none (batches
   * grow to `maxBatchSize`). Ignored when `dynamicBatching` is false.
   */
  preferredBatchSizes?: number[];
  /** `dynamic_batching.max_queue_delay_microseconds` (default 0). */
  maxQueueDelayUs?: number;
  /** `max_batch_size` (default: the profile's largest batch size). */
  maxBatchSize?: number;
  /**
   * Time from the scheduler's decision to the start of the execution when
   * the instance sat idle waiting for it (the batcher thread waking on its
   * delay timer, the instance thread waking for the payload), µs. Default 0;
   * measured from tens of µs to about 1 ms on a busy 2-core machine.
   */
  schedulerOverheadUs?: number;
  /** False for a model without `dynamic_batching`: every request runs alone. Default true. */
  dynamicBatching?: boolean;
  /** Execution instances that share the queue, each with a whole GPU (default 1). */
  instances?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Simulated seconds (default: enough for about 20,000 requests, at least 1 s). */
  durationS?: number;
  /**
   * Replay these arrival times (µs from the start, ascending) instead of
   * drawing Poisson arrivals at `rateRps`: to compare with a real server fed
   * the same requests. Every request is then measured (no warm-up is left out)
   * and the window ends at the last arrival unless `durationS` is given.
   */
  arrivalTimesUs?: readonly number[];
  /**
   * Measured execution times (µs) per batch size, in the order they ran: the
   * k-th execution of a size takes the k-th time of that size (cycling)
   * instead of the profile's. With `arrivalTimesUs`, a replay of a real
   * server's trace, so what is left to compare is the batching itself.
   */
  executionTimesUs?: Readonly<Record<number, readonly number[]>>;
}

/** Result of {@link simulateBatching}. Latencies are queue + compute, per request. */
export interface BatchingSimulationResult {
  offeredRps: number;
  throughputRps: number;
  /** Busy fraction of the instances. */
  utilisation: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  averageQueueMs: number;
  averageBatchSize: number;
  batchSizeHistogram: { batchSize: number; executions: number }[];
  /** The queue kept growing: the rate is above what this configuration can serve. */
  saturated: boolean;
  requests: number;
}

const DEFAULT_REQUESTS = 20_000;
/** Requests at the start that are not measured (the queue starts empty). */
const WARMUP_FRACTION = 0.02;

/** Error for batching input that breaks a rule; the message names the field. */
export class BatchingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchingInputError';
  }
}

function check(cond: boolean, message: string) {
  if (!cond) throw new BatchingInputError(message);
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil(q * sorted.length) - 1),
  );
  return sorted[idx];
}

/**
 * A seeded, deterministic discrete-event simulation of Triton's dynamic
 * batcher: Poisson (or replayed) arrivals into one queue; whenever an
 * instance is free the batcher sends the largest preferred size it can form
 * at once (`maxBatchSize` stands in for absent preferred sizes, as in
 * Triton), otherwise waits for more requests until the oldest has waited
 * `maxQueueDelayUs` and then sends everything waiting, up to `maxBatchSize`
 * (so above the largest preferred size under overload, as Triton does). A
 * batch runs for the profile's execution time at its size (interpolated; with
 * the measured p50–p90 spread). Without dynamic batching every request runs
 * alone. Checked against a real Triton in test/triton (docs/triton-tests.md).
 */
export function simulateBatching(
  input: BatchingSimulationInput,
): BatchingSimulationResult {
  const { profile, rateRps } = input;
  const dynamic = input.dynamicBatching ?? true;
  const maxBatch =
    input.maxBatchSize ?? profile.points[profile.points.length - 1].batchSize;
  const preferred = [...new Set(input.preferredBatchSizes ?? [])].sort(
    (a, b) => a - b,
  );
  const delayUs = dynamic ? input.maxQueueDelayUs ?? 0 : 0;
  const instances = input.instances ?? 1;
  check(
    profile.points.length > 0,
    'profile.points: at least one measured batch size is required',
  );
  check(
    Number.isFinite(rateRps) && rateRps > 0,
    'rateRps: must be a positive number',
  );
  check(
    Number.isInteger(maxBatch) && maxBatch >= 1,
    'maxBatchSize: must be an integer ≥ 1',
  );
  check(
    preferred.every(p => Number.isInteger(p) && p >= 1 && p <= maxBatch),
    `preferredBatchSizes: each must be an integer in 1..maxBatchSize (${maxBatch})`,
  );
  check(
    delayUs >= 0 && Number.isFinite(delayUs),
    'maxQueueDelayUs: must be ≥ 0',
  );
  check(
    input.schedulerOverheadUs === undefined ||
      (Number.isFinite(input.schedulerOverheadUs) &&
        input.schedulerOverheadUs >= 0),
    'schedulerOverheadUs: must be ≥ 0',
  );
  check(
    Number.isInteger(instances) && instances >= 1,
    'instances: must be an integer ≥ 1',
  );
  check(
    input.durationS === undefined || input.durationS > 0,
    'durationS: must be positive',
  );
  const traced = input.executionTimesUs ?? {};
  for (const [size, times] of Object.entries(traced)) {
    check(
      Number.isInteger(Number(size)) &&
        Number(size) >= 1 &&
        times.every(t => Number.isFinite(t) && t > 0),
      `executionTimesUs[${size}]: batch sizes must be integers ≥ 1 and times positive µs`,
    );
  }
  const replay = input.arrivalTimesUs;
  if (replay) {
    check(
      replay.length > 0,
      'arrivalTimesUs: at least one arrival is required',
    );
    for (let i = 0; i < replay.length; i++) {
      check(
        Number.isFinite(replay[i]) &&
          replay[i] >= 0 &&
          (i === 0 || replay[i] >= replay[i - 1]),
        `arrivalTimesUs[${i}]: must be a finite time ≥ 0, not before the one before it`,
      );
    }
  }

  // Triton normalizes a dynamic_batching block without preferred sizes to
  // preferred_batch_size [max_batch_size] (triton-inference-server/core
  // src/model_config_utils.cc, NormalizeModelConfig). A batch is cut at the
  // largest preferred size while the oldest request is within its queue delay,
  // but once the delay ran out everything waiting goes, up to max_batch_size
  // (src/dynamic_batch_scheduler.cc, DynamicBatchScheduler::GetDynamicBatch).
  let sizes = [1];
  if (dynamic) sizes = preferred.length > 0 ? preferred : [maxBatch];
  const cap = sizes[sizes.length - 1];
  const limit = dynamic ? maxBatch : 1;
  const overheadUs = input.schedulerOverheadUs ?? 0;
  let durationS = Math.max(1, DEFAULT_REQUESTS / rateRps);
  if (input.durationS !== undefined) durationS = input.durationS;
  else if (replay) durationS = (replay[replay.length - 1] + 1) / 1e6;
  const durationUs = durationS * 1e6;
  const random = seededRandom(input.seed ?? 1);

  // Arrivals (µs), sorted by construction.
  const meanGapUs = 1e6 / rateRps;
  const arrivalsList: number[] = [];
  if (replay) {
    for (const t of replay) if (t < durationUs) arrivalsList.push(t);
  } else {
    for (
      let t = exponential(random, meanGapUs);
      t < durationUs;
      t += exponential(random, meanGapUs)
    )
      arrivalsList.push(t);
  }
  const arrivals = Float64Array.from(arrivalsList);
  const n = arrivals.length;

  // Execution time per batch size, with a log-normal spread fitted to p50/p90.
  const latency = new Float64Array(limit + 1);
  const sigma = new Float64Array(limit + 1);
  for (let b = 1; b <= limit; b++) {
    latency[b] = batchLatencyUs(profile, b);
    const p90 = profile.points.find(p => p.batchSize === b)?.latencyP90Us;
    sigma[b] =
      p90 && p90 > latency[b] ? Math.log(p90 / latency[b]) / 1.2816 : 0;
  }
  const gaussian = () => {
    // Box–Muller; one value per call is enough here.
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };

  const preferredSet = new Uint8Array(cap + 1);
  for (const p of sizes) preferredSet[p] = 1;
  const bestPreferredAtMost = new Int32Array(cap + 1);
  for (let k = 1; k <= cap; k++)
    bestPreferredAtMost[k] = preferredSet[k] ? k : bestPreferredAtMost[k - 1];

  const freeAt = new Float64Array(instances);
  const done = new Float64Array(n); // completion time per request
  const started = new Float64Array(n); // execution start per request
  const histogram = new Float64Array(limit + 1);
  let head = 0; // first request not yet dispatched
  let arrived = 0; // requests with arrival ≤ clock
  let clock = 0;
  let busyUs = 0;
  let executions = 0;
  const traceIndex: Record<number, number> = {};

  while (head < n) {
    let inst = 0;
    for (let i = 1; i < instances; i++) if (freeAt[i] < freeAt[inst]) inst = i;
    let now = Math.max(clock, freeAt[inst], arrivals[head]);
    let size = 0;
    for (;;) {
      while (arrived < n && arrivals[arrived] <= now) arrived++;
      const waiting = arrived - head;
      const best = bestPreferredAtMost[Math.min(waiting, cap)];
      // Compared as `now >= deadline`, the same expression the wait below uses, so rounding cannot stall the loop.
      const deadline = arrivals[head] + delayUs;
      const exceeded = delayUs > 0 && now >= deadline;
      if (exceeded) size = Math.min(waiting, limit);
      else if (best > 0) size = best;
      else if (delayUs === 0) size = Math.min(waiting, limit);
      if (size > 0) break;
      // Wait for the delay of the oldest request to run out, or for the next arrival.
      now = arrived < n ? Math.min(deadline, arrivals[arrived]) : deadline;
    }
    clock = now;
    // The scheduler's hand-off costs time only when the instance sat idle
    // waiting for it; otherwise the batch was formed while it was busy.
    const start = now > freeAt[inst] ? now + overheadUs : now;
    const trace = traced[size];
    let compute: number;
    if (trace && trace.length > 0) {
      compute = trace[(traceIndex[size] ?? 0) % trace.length];
      traceIndex[size] = (traceIndex[size] ?? 0) + 1;
    } else {
      const jitter = sigma[size] > 0 ? Math.exp(sigma[size] * gaussian()) : 1;
      compute = latency[size] * jitter;
    }
    const finish = start + compute;
    for (let j = head; j < head + size; j++) {
      started[j] = start;
      done[j] = finish;
    }
    head += size;
    freeAt[inst] = finish;
    busyUs += compute;
    executions++;
    histogram[size]++;
  }

  const skip = replay ? 0 : Math.floor(n * WARMUP_FRACTION);
  const measured = n - skip;
  const latencies = new Float64Array(Math.max(0, measured));
  let sum = 0;
  let queueSum = 0;
  for (let j = skip; j < n; j++) {
    const l = done[j] - arrivals[j];
    latencies[j - skip] = l;
    sum += l;
    queueSum += started[j] - arrivals[j];
  }
  latencies.sort();
  const end = Math.max(durationUs, n > 0 ? done[n - 1] : 0);
  const completedInWindow = done.reduce(
    (a, d) => (d <= durationUs ? a + 1 : a),
    0,
  );
  // Saturated: the work left at the end of the window exceeds a few batches' worth (the queue kept growing).
  const backlogAtEnd = n - completedInWindow;
  const saturated = backlogAtEnd > Math.max(4 * cap * instances, 0.02 * n);

  const hist: BatchingSimulationResult['batchSizeHistogram'] = [];
  for (let b = 1; b <= limit; b++)
    if (histogram[b] > 0) hist.push({ batchSize: b, executions: histogram[b] });
  return {
    offeredRps: rateRps,
    throughputRps: (completedInWindow / durationUs) * 1e6,
    utilisation: Math.min(1, busyUs / (end * instances)),
    p50Ms: percentile(latencies, 0.5) / 1000,
    p99Ms: percentile(latencies, 0.99) / 1000,
    meanMs: measured > 0 ? sum / measured / 1000 : Number.NaN,
    averageQueueMs: measured > 0 ? queueSum / measured / 1000 : Number.NaN,
    averageBatchSize: executions > 0 ? n / executions : 0,
    batchSizeHistogram: hist,
    saturated,
    requests: n,
  };
}
