import { applyChange } from './applyChange';
import { subtractCost } from './costOf';
import { replay } from './replay';
import type {
  CapacityRecommendation,
  CostSettings,
  ReplayResult,
  ReplayTarget,
  SavingsResult,
  TrafficSeries,
} from './types';

/** Input of {@link savingsFor}. */
export interface SavingsInput {
  target: ReplayTarget;
  traffic: TrafficSeries;
  settings: CostSettings;
  recommendation: CapacityRecommendation;
  /** The baseline replay, when the caller already has it (one baseline for many recommendations). */
  baseline?: ReplayResult;
}

/** Unserved requests more than this share of all requests (or 1 request) count as worse. */
const UNSERVED_TOLERANCE = 1e-4;

function round(n: number, digits = 2): string {
  return n.toFixed(digits);
}

/**
 * Replays the same recorded traffic with and without a recommendation's
 * change and puts the two side by side. A change that misses the SLO in more
 * minutes, or leaves more requests unserved, than the service does today
 * `breaksSlo` and is never reported as a saving, however many GPU-hours it
 * would free. Throws (see `replay`) when the traffic cannot be replayed.
 */
export function savingsFor(input: SavingsInput): SavingsResult {
  const baseline =
    input.baseline ??
    replay({
      target: input.target,
      traffic: input.traffic,
      settings: input.settings,
    });
  const applicable = applyChange(input.target, input.recommendation.change);
  if ('problem' in applicable) {
    return {
      recommendation: input.recommendation,
      baseline,
      changed: baseline,
      gpuHoursSaved: 0,
      gpuHoursSavedPerDay: 0,
      costSaved: { problem: applicable.problem },
      costSavedPerDay: { problem: applicable.problem },
      breaksSlo: false,
      verdict: 'not-applicable',
      explanation: `Does not apply: ${applicable.problem}.`,
    };
  }
  const changed = replay({
    target: input.target,
    traffic: input.traffic,
    settings: input.settings,
    change: input.recommendation.change,
  });
  const gpuHoursSaved = baseline.gpuHours - changed.gpuHours;
  const perDay = 86400 / baseline.durationSeconds;
  const costSaved = subtractCost(baseline.cost, changed.cost);
  const costSavedPerDay = subtractCost(baseline.costPerDay, changed.costPerDay);
  const extraMinutes = changed.sloMinutesMissed - baseline.sloMinutesMissed;
  const extraUnserved = changed.unservedRequests - baseline.unservedRequests;
  const breaksSlo =
    extraMinutes > 0 ||
    extraUnserved > Math.max(1, UNSERVED_TOLERANCE * baseline.totalRequests);
  const saves =
    gpuHoursSaved > 1e-9 || ('amount' in costSaved && costSaved.amount > 1e-9);
  let verdict: SavingsResult['verdict'];
  let explanation: string;
  if (breaksSlo) {
    verdict = 'breaks-slo';
    explanation = `Breaks the SLO: ${
      changed.sloMinutesMissed
    } minutes missed instead of ${baseline.sloMinutesMissed}, ${Math.round(
      changed.unservedRequests,
    )} requests unserved instead of ${Math.round(baseline.unservedRequests)}${
      gpuHoursSaved > 0
        ? `, although it would hold ${round(gpuHoursSaved)} fewer GPU-hours`
        : ''
    }.`;
  } else if (saves) {
    verdict = 'saves';
    explanation =
      gpuHoursSaved > 1e-9
        ? `Saves ${round(gpuHoursSaved * perDay)} GPU-hours a day (${round(
            baseline.gpuHoursPerDay,
          )} → ${round(changed.gpuHoursPerDay)}) with ${
            changed.sloMinutesMissed
          } SLO minutes missed (today ${baseline.sloMinutesMissed}).`
        : `Same ${round(
            baseline.gpuHoursPerDay,
          )} GPU-hours a day at a lower price, with ${
            changed.sloMinutesMissed
          } SLO minutes missed (today ${baseline.sloMinutesMissed}).`;
  } else {
    verdict = 'no-saving';
    explanation = `No saving on this traffic: ${round(
      changed.gpuHoursPerDay,
    )} GPU-hours a day against ${round(baseline.gpuHoursPerDay)} today${
      'problem' in costSaved ? `; cost: ${costSaved.problem}` : ''
    }.`;
  }
  return {
    recommendation: input.recommendation,
    baseline,
    changed,
    gpuHoursSaved,
    gpuHoursSavedPerDay: gpuHoursSaved * perDay,
    costSaved,
    costSavedPerDay,
    breaksSlo,
    verdict,
    explanation,
  };
}
