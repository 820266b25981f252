import { ModelLatency } from './historyPoint';

/** Cumulative bucket counts per model of a latency histogram: `le` (ms) → count. */
export type LatencyBuckets = Record<string, Record<string, number>>;

const SUMMARY = 'nv_inference_request_summary_us';
const HISTOGRAM_BUCKET = 'nv_inference_first_response_histogram_ms_bucket';
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * p50 / p99 request latency per model from Triton's `/metrics`, when the
 * server exports it:
 *
 * - the summary `nv_inference_request_summary_us` (Triton's
 *   `--metrics-config summary_latencies=true`), whose quantiles are already
 *   over Triton's recent window, or else
 * - the histogram `nv_inference_first_response_histogram_ms` (decoupled
 *   models), whose quantiles are computed over the bucket increase since
 *   `previous` (the buckets this function returned for the last sample).
 *
 * Only these families' lines are read (a linear scan, no full parse).
 * Returns the latency per model and the buckets to pass next time.
 */
export function tritonLatencyFromMetrics(
  text: string,
  previous?: LatencyBuckets,
): { latency: ModelLatency[]; buckets: LatencyBuckets } {
  const quantiles = new Map<string, { p50?: number; p99?: number }>();
  const buckets: LatencyBuckets = {};
  if (!text.includes(SUMMARY) && !text.includes(HISTOGRAM_BUCKET)) {
    return { latency: [], buckets };
  }
  for (const line of text.split('\n')) {
    const isSummary = line.startsWith(`${SUMMARY}{`);
    const isBucket = line.startsWith(`${HISTOGRAM_BUCKET}{`);
    if (!isSummary && !isBucket) continue;
    const close = line.lastIndexOf('}');
    if (close < 0) continue;
    const labels: Record<string, string> = {};
    for (const m of line.slice(line.indexOf('{') + 1, close).matchAll(LABEL)) {
      labels[m[1]] = m[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    const value = Number(
      line
        .slice(close + 1)
        .trim()
        .split(/\s+/)[0],
    );
    const model = labels.model;
    if (!model || !Number.isFinite(value)) continue;
    if (isSummary) {
      const q = Number(labels.quantile);
      const entry = quantiles.get(model) ?? {};
      // Several versions of a model: the slowest one is reported.
      if (q === 0.5) entry.p50 = Math.max(entry.p50 ?? 0, value / 1000);
      if (q === 0.99) entry.p99 = Math.max(entry.p99 ?? 0, value / 1000);
      quantiles.set(model, entry);
    } else if (labels.le !== undefined) {
      const perModel = (buckets[model] ??= {});
      perModel[labels.le] = (perModel[labels.le] ?? 0) + value;
    }
  }

  const latency: ModelLatency[] = [];
  for (const [model, q] of quantiles) {
    latency.push({
      model,
      ...(q.p50 !== undefined && { p50LatencyMs: q.p50 }),
      ...(q.p99 !== undefined && { p99LatencyMs: q.p99 }),
    });
  }
  for (const [model, current] of Object.entries(buckets)) {
    if (quantiles.has(model)) continue;
    const before = previous?.[model];
    if (!before) continue;
    const increase = Object.entries(current)
      .map(([le, count]) => ({
        upper: le === '+Inf' ? Infinity : Number(le),
        count: count - (before[le] ?? 0),
      }))
      .filter(b => !Number.isNaN(b.upper))
      .sort((a, b) => a.upper - b.upper);
    // A counter reset (a bucket went down) gives no figure this round.
    if (increase.some(b => b.count < 0)) continue;
    const p50 = bucketQuantile(0.5, increase);
    const p99 = bucketQuantile(0.99, increase);
    if (p50 === undefined && p99 === undefined) continue;
    latency.push({
      model,
      ...(p50 !== undefined && { p50LatencyMs: p50 }),
      ...(p99 !== undefined && { p99LatencyMs: p99 }),
    });
  }
  return {
    latency: latency.sort((a, b) => a.model.localeCompare(b.model)),
    buckets,
  };
}

/**
 * The q-quantile of cumulative histogram buckets (sorted by upper bound,
 * the last one `+Inf`), interpolated linearly within the bucket, as
 * Prometheus' `histogram_quantile` does: prometheus/prometheus
 * `promql/quantile.go`, function `BucketQuantile` (the lowest bucket is
 * assumed to start at 0; a rank in the `+Inf` bucket gives the upper bound
 * of the bucket below it). Undefined when nothing was observed.
 */
export function bucketQuantile(
  q: number,
  buckets: { upper: number; count: number }[],
): number | undefined {
  if (buckets.length < 2 || buckets[buckets.length - 1].upper !== Infinity) {
    return undefined;
  }
  const total = buckets[buckets.length - 1].count;
  if (total <= 0) return undefined;
  const rank = q * total;
  let b = buckets.findIndex(x => x.count >= rank);
  if (b === buckets.length - 1) return buckets[buckets.length - 2].upper;
  if (b === 0 && buckets[0].upper <= 0) return buckets[0].upper;
  if (b < 0) b = buckets.length - 1;
  const start = b === 0 ? 0 : buckets[b - 1].upper;
  const end = buckets[b].upper;
  const below = b === 0 ? 0 : buckets[b - 1].count;
  const inBucket = buckets[b].count - below;
  if (inBucket <= 0) return end;
  return start + (end - start) * ((rank - below) / inBucket);
}
