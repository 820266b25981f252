import type { CostSettings, TrafficProblem, TrafficSeries } from './types';

/**
 * What stands between recorded traffic and a replay: no values at all, a
 * value that is not a rate, a range longer than `maxReplayDays`, more gap
 * steps than `maxGapPercent`. Errors stop the replay; an `info` problem says
 * what the replay did (gaps bridged, leading or trailing gaps left out).
 */
export function validateTraffic(
  series: TrafficSeries,
  settings: Pick<CostSettings, 'maxReplayDays' | 'maxGapPercent'>,
): TrafficProblem[] {
  const problems: TrafficProblem[] = [];
  if (!(series.stepSeconds > 0) || !Number.isFinite(series.stepSeconds)) {
    return [
      {
        code: 'bad-step',
        severity: 'error',
        message: `traffic.stepSeconds: must be a number of seconds greater than 0 (got ${series.stepSeconds})`,
      },
    ];
  }
  const bad = series.values.findIndex(
    v => v !== null && (!Number.isFinite(v) || v < 0),
  );
  if (bad >= 0) {
    problems.push({
      code: 'bad-value',
      severity: 'error',
      message: `traffic.values[${bad}]: must be requests per second, 0 or more, or null for a gap (got ${series.values[bad]})`,
    });
  }
  const recorded = series.values.filter(v => v !== null).length;
  if (recorded === 0) {
    problems.push({
      code: 'empty',
      severity: 'error',
      message:
        series.values.length === 0
          ? 'traffic: no values were recorded in the range; nothing to replay'
          : `traffic: all ${series.values.length} steps are gaps; nothing to replay`,
    });
    return problems;
  }
  const seconds = series.values.length * series.stepSeconds;
  const maxSeconds = settings.maxReplayDays * 86400;
  if (seconds > maxSeconds) {
    problems.push({
      code: 'too-long',
      severity: 'error',
      message: `traffic: ${(seconds / 86400).toFixed(
        2,
      )} days is longer than the maximum of ${
        settings.maxReplayDays
      } days (modelScaling.costs.maxReplayDays)`,
    });
  }
  const first = series.values.findIndex(v => v !== null);
  let last = series.values.length - 1;
  while (series.values[last] === null) last--;
  const inner = series.values.slice(first, last + 1);
  const gaps = inner.filter(v => v === null).length;
  const gapPercent = (gaps / inner.length) * 100;
  if (gapPercent > settings.maxGapPercent) {
    problems.push({
      code: 'gaps',
      severity: 'error',
      message: `traffic: ${gaps} of ${inner.length} steps (${gapPercent.toFixed(
        1,
      )} %) are gaps, more than the ${
        settings.maxGapPercent
      } % allowed (modelScaling.costs.maxGapPercent)`,
    });
  } else if (gaps > 0) {
    problems.push({
      code: 'gaps',
      severity: 'info',
      message: `traffic: ${gaps} gap steps (${gapPercent.toFixed(
        1,
      )} %) bridged by linear interpolation between their recorded neighbours`,
    });
  }
  const outside = series.values.length - inner.length;
  if (outside > 0) {
    problems.push({
      code: 'gaps',
      severity: 'info',
      message: `traffic: ${outside} gap steps before the first or after the last recorded value left out of the replay`,
    });
  }
  return problems;
}
