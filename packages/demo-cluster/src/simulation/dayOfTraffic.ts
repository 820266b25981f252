import { Scenario } from './scenarios';

/** The metric the demo's Prometheus answers: a service's request (or message) rate, per second. */
export const DEMO_RATE_METRIC = 'demo_requests_per_second';

/**
 * A service's recorded traffic as the demo's Prometheus answers it: its
 * scenario's daily curve read at the UTC hour of day of each step (so the
 * last 24 h are one whole day of the curve, the last 7 days seven), one
 * `[unix seconds, "value"]` pair per step from `startSec` to `endSec`, as
 * `query_range` returns them. Values rounded to a thousandth.
 */
export function scenarioRateSamples(
  scenario: Pick<Scenario, 'rate'>,
  range: { startSec: number; endSec: number; stepSeconds: number },
): [number, string][] {
  const out: [number, string][] = [];
  const first = Math.ceil(range.startSec / range.stepSeconds);
  for (let k = first; k * range.stepSeconds <= range.endSec; k++) {
    const t = k * range.stepSeconds;
    const hour = (t % 86400) / 3600;
    out.push([t, String(Math.round(scenario.rate(hour) * 1000) / 1000)]);
  }
  return out;
}
