import {
  TrafficProblem,
  TrafficSeries,
} from '@internal/plugin-model-scaling-common';

/** The steps of a query: `[startSec, endSec]` inclusive, every `stepSeconds`. */
export interface RangeSteps {
  startSec: number;
  endSec: number;
  stepSeconds: number;
}

/** A series and what is wrong with it. */
export interface SeriesWithProblems {
  series: TrafficSeries;
  problems: TrafficProblem[];
}

/**
 * Turns one `query_range` series (`[unix seconds, "value"]` pairs) into a
 * {@link TrafficSeries} with one value per step: a step without a sample
 * stays `null` (a gap, never 0), a value that is not a finite rate ≥ 0 is
 * dropped and named.
 *
 * For a counter (`counter: true`) the query runs one step earlier and each
 * step's rate is the increase since the step before divided by the step; a
 * decrease is a counter reset (a restarted pod or server) whose true
 * increase is unknown, so that step stays `null` and the reset is reported —
 * unlike PromQL's `rate()`, which guesses the increase from 0, see
 * `extrapolatedRate` in prometheus/promql/functions.go.
 */
export function rangeToSeries(
  samples: [number, string][],
  steps: RangeSteps,
  options: { counter?: boolean } = {},
): SeriesWithProblems {
  const { startSec, endSec, stepSeconds } = steps;
  const n = Math.floor((endSec - startSec) / stepSeconds) + 1;
  const raw = new Map<number, number>();
  const problems: TrafficProblem[] = [];
  let bad = 0;
  for (const [t, text] of samples) {
    const v = Number(text);
    if (!Number.isFinite(v) || v < 0) {
      bad += 1;
      continue;
    }
    raw.set(Math.round(t), v);
  }
  if (bad > 0) {
    problems.push({
      code: 'bad-value',
      severity: 'info',
      message: `${bad} sample(s) were not a finite number ≥ 0 (NaN, Inf or negative) and are left empty`,
    });
  }

  const values: (number | null)[] = new Array(n).fill(null);
  let resets = 0;
  let firstReset: number | undefined;
  for (let i = 0; i < n; i++) {
    const t = startSec + i * stepSeconds;
    const v = raw.get(t);
    if (v === undefined) continue;
    if (!options.counter) {
      values[i] = v;
      continue;
    }
    const before = raw.get(t - stepSeconds);
    if (before === undefined) continue;
    if (v < before) {
      resets += 1;
      firstReset ??= t;
      continue;
    }
    values[i] = (v - before) / stepSeconds;
  }
  if (resets > 0) {
    problems.push({
      code: 'bad-value',
      severity: 'info',
      message: `The request counter was reset ${resets} time(s) (first between ${iso(
        firstReset! - stepSeconds,
      )} and ${iso(
        firstReset!,
      )}): those steps are left empty because the requests served across a reset are unknown`,
    });
  }

  const series = { startMs: startSec * 1000, stepSeconds, values };
  problems.push(...coverageProblems(series));
  return { series, problems };
}

/**
 * What a series lacks: an `empty` error when no step has a value, else a
 * `gaps` note with the share of empty steps and the longest run of them.
 */
export function coverageProblems(series: TrafficSeries): TrafficProblem[] {
  const { values, stepSeconds } = series;
  const n = values.length;
  const startSec = series.startMs / 1000;
  const endSec = startSec + n * stepSeconds;
  const problems: TrafficProblem[] = [];
  const present = values.filter(v => v !== null).length;
  if (present === 0) {
    problems.push({
      code: 'empty',
      severity: 'error',
      message: `No request rate between ${iso(startSec)} and ${iso(
        endSec,
      )}: no step has a usable sample`,
    });
  } else if (present < n) {
    const gap = longestGap(values);
    problems.push({
      code: 'gaps',
      severity: 'info',
      message: `${n - present} of ${n} steps (${(
        (100 * (n - present)) /
        n
      ).toFixed(1)} %) have no data; the longest gap is ${
        gap.length
      } step(s) from ${iso(
        startSec + gap.start * stepSeconds,
      )}. Gaps stay empty, they are not read as 0`,
    });
  }
  return problems;
}

function longestGap(values: (number | null)[]): {
  start: number;
  length: number;
} {
  let best = { start: 0, length: 0 };
  let start = -1;
  for (let i = 0; i <= values.length; i++) {
    if (i < values.length && values[i] === null) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > best.length) best = { start, length: i - start };
      start = -1;
    }
  }
  return best;
}

function iso(sec: number): string {
  return new Date(sec * 1000).toISOString();
}
