import {
  CostSettings,
  replay,
  ReplayResult,
  ReplayTarget,
  TrafficSeries,
} from '@internal/plugin-model-scaling-common';

/** A replay's answer, or why there is none (never a made-up figure). */
export type WindowResult = { result: ReplayResult } | { problem: string };

/** The cost card's two windows: the last 24 h and the whole series (up to 7 days). */
export interface CostWindows {
  today: WindowResult;
  week: WindowResult;
  /** Milliseconds the week's replay took in this browser. */
  weekReplayMs?: number;
}

/** The last `seconds` of a series (aligned to its steps). */
export function lastOf(series: TrafficSeries, seconds: number): TrafficSeries {
  const steps = Math.max(1, Math.round(seconds / series.stepSeconds));
  const from = Math.max(0, series.values.length - steps);
  return {
    startMs: series.startMs + from * series.stepSeconds * 1000,
    stepSeconds: series.stepSeconds,
    values: series.values.slice(from),
  };
}

function run(
  target: ReplayTarget,
  traffic: TrafficSeries,
  settings: CostSettings,
): WindowResult {
  try {
    return { result: replay({ target, traffic, settings }) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/**
 * Replays the service's recorded traffic in the browser: the last 24 h and
 * the whole series, each through the common package's `replay` (the
 * autoscaler simulator on the live autoscaler, GPU-hours from the replica
 * timeline, cost at the configured price). The week's replay is marked with
 * `performance.mark`/`measure` (`model-scaling:replay-week`) so an end-to-end
 * test can read how long it took.
 */
export function costWindows(
  target: ReplayTarget,
  series: TrafficSeries,
  settings: CostSettings,
): CostWindows {
  const today = run(target, lastOf(series, 86400), settings);
  // jsdom has `performance.now` but not always `mark`/`measure`.
  const perf =
    typeof performance !== 'undefined' && typeof performance.mark === 'function'
      ? performance
      : undefined;
  perf?.mark('model-scaling:replay-week:start');
  const t0 = Date.now();
  const week = run(target, series, settings);
  const weekReplayMs = Date.now() - t0;
  perf?.mark('model-scaling:replay-week:end');
  perf?.measure(
    'model-scaling:replay-week',
    'model-scaling:replay-week:start',
    'model-scaling:replay-week:end',
  );
  return { today, week, weekReplayMs };
}
