import { EconomicsInputError } from './schemas';
import type { TrafficSeries } from './types';

/**
 * Resamples a traffic series to `stepSeconds` on a grid aligned to multiples
 * of the step since the epoch (as Prometheus `query_range` aligns `start` to
 * the step): each new step is the time-weighted mean of the old steps it
 * overlaps, counting only recorded ones; a new step that recorded values cover
 * for less than half its width is a gap (`null`).
 */
export function alignTraffic(
  series: TrafficSeries,
  stepSeconds: number,
): TrafficSeries {
  if (!(stepSeconds > 0)) {
    throw new EconomicsInputError(
      `stepSeconds: must be greater than 0 (got ${stepSeconds})`,
    );
  }
  if (!(series.stepSeconds > 0)) {
    throw new EconomicsInputError(
      `traffic.stepSeconds: must be greater than 0 (got ${series.stepSeconds})`,
    );
  }
  const oldMs = series.stepSeconds * 1000;
  const newMs = stepSeconds * 1000;
  const endMs = series.startMs + series.values.length * oldMs;
  const startMs = Math.floor(series.startMs / newMs) * newMs;
  const steps = Math.max(0, Math.ceil((endMs - startMs) / newMs));
  const sum = new Array<number>(steps).fill(0);
  const covered = new Array<number>(steps).fill(0);
  series.values.forEach((value, i) => {
    if (value === null) return;
    let from = series.startMs + i * oldMs;
    const end = from + oldMs;
    while (from < end) {
      const index = Math.floor((from - startMs) / newMs);
      const to = Math.min(end, startMs + (index + 1) * newMs);
      const seconds = (to - from) / 1000;
      sum[index] += value * seconds;
      covered[index] += seconds;
      from = to;
    }
  });
  return {
    startMs,
    stepSeconds,
    values: sum.map((s, i) =>
      covered[i] >= stepSeconds / 2 ? s / covered[i] : null,
    ),
  };
}
