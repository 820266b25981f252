/*
 * Compares a predicted replica timeline (the simulator's) with an observed one (what the real
 * controllers did), under an agreement rule that allows for the controllers' unknown phase:
 * their sync and polling loops start at their own moments, so a change can land up to one
 * period earlier or later than predicted.
 */

/** A replica count from `t` (seconds) on. */
export interface ReplicaSample {
  t: number;
  replicas: number;
}

/** Input of {@link compareReplicaTimelines}. */
export interface CompareReplicaTimelinesInput {
  /** The prediction at each compared step (e.g. every HPA sync), in increasing `t`. */
  predicted: ReplicaSample[];
  /** The observation: each sample holds until the next one, in increasing `t`. */
  observed: ReplicaSample[];
  /** Seconds: a step agrees when the observed count equals a prediction within ± this of it. */
  periodSeconds: number;
}

/** One compared step. */
export interface ReplicaStepComparison {
  t: number;
  predicted: number;
  /** Undefined before the first observation. */
  observed?: number;
  /** Equal, or within the predictions of one period around `t`. */
  agrees: boolean;
}

/** Result of {@link compareReplicaTimelines}. */
export interface ReplicaTimelineComparison {
  steps: ReplicaStepComparison[];
  stepsCompared: number;
  stepsAgreeing: number;
  /** The largest |observed − predicted| at one step, before the period allowance. */
  largestDifference: number;
  /** Steps that do not agree even with the allowance. */
  disagreements: ReplicaStepComparison[];
}

/** The observed count at `t`: the last sample at or before `t`. */
export function observedAt(
  observed: ReplicaSample[],
  t: number,
): number | undefined {
  let lo = 0;
  let hi = observed.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (observed[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : observed[lo - 1].replicas;
}

/**
 * Compares step by step. A step agrees when the observed count at `t` equals the prediction at
 * `t`, or lies between the smallest and largest prediction within `periodSeconds` of `t` (a
 * change one period early or late, or a count in between while the prediction changes), or the
 * prediction was observed within `periodSeconds` of `t`. Steps before the first observation are
 * not compared.
 */
export function compareReplicaTimelines(
  input: CompareReplicaTimelinesInput,
): ReplicaTimelineComparison {
  const { predicted, observed, periodSeconds: p } = input;
  if (!(p >= 0)) throw new RangeError('periodSeconds: must be a number ≥ 0');
  const steps: ReplicaStepComparison[] = [];
  let largestDifference = 0;
  for (const step of predicted) {
    const seen = observedAt(observed, step.t);
    if (seen === undefined) continue;
    largestDifference = Math.max(
      largestDifference,
      Math.abs(seen - step.replicas),
    );
    // Within one period of t the prediction takes the values `near`; during a
    // change the real controllers may land on any count in between (their
    // metrics are averaged over a window that straddles the change).
    const near = predicted
      .filter(q => Math.abs(q.t - step.t) <= p)
      .map(q => q.replicas);
    let agrees =
      seen === step.replicas ||
      (seen >= Math.min(...near) && seen <= Math.max(...near));
    if (!agrees) {
      // The observation reached the prediction within one period of t.
      agrees = observed.some(
        o => Math.abs(o.t - step.t) <= p && o.replicas === step.replicas,
      );
    }
    steps.push({ t: step.t, predicted: step.replicas, observed: seen, agrees });
  }
  const disagreements = steps.filter(s => !s.agrees);
  return {
    steps,
    stepsCompared: steps.length,
    stepsAgreeing: steps.length - disagreements.length,
    largestDifference,
    disagreements,
  };
}
