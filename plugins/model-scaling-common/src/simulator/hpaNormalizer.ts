/*
 * The HPA controller's normalization of one sync's recommendation for a
 * whole simulation (horizontal.go: stabilizeRecommendation /
 * stabilizeRecommendationWithBehaviors, then convertDesiredReplicasWithRules
 * / convertDesiredReplicasWithBehaviorRate), with the recommendation
 * windows kept as sliding-window extremes instead of a list scanned on
 * every sync. Same results as `applyResolvedHpaBehavior` over a history
 * (checked by a property test beside this file).
 */
import {
  ConvertedReplicas,
  HpaHistory,
  convertWithBehaviorRate,
  convertWithLegacyRules,
  emptyHpaHistory,
  recordRescale,
} from './applyHpaBehavior';
import type { ResolvedHpaBehavior } from './hpaBehaviorDefaults';

/**
 * The max (or min) of the recommendations made after a cutoff that only
 * moves forward: a monotonic queue, so each sync costs O(1) amortized.
 * A recommendation is dropped as soon as a later one is at least as large
 * (as small), since the later one stays in the window longer.
 */
export class WindowExtreme {
  // The queue is [head, end) of two arrays that never shrink: emptying an
  // array by setting its length drops its backing store (a runtime call and
  // a new store on the next push), which a 0 s window would do every sync.
  private readonly times: number[] = [];
  private readonly values: number[] = [];
  private head = 0;
  private end = 0;
  private readonly isMax: boolean;

  constructor(kind: 'max' | 'min') {
    this.isMax = kind === 'max';
  }

  push(t: number, replicas: number): void {
    const { times, values, head } = this;
    let end = this.end;
    while (end > head) {
      const last = values[end - 1];
      if (this.isMax ? last > replicas : last < replicas) break;
      end--;
    }
    times[end] = t;
    values[end] = replicas;
    this.end = end + 1;
  }

  /**
   * The extreme of the recommendations with `t > cutoff` (`t >= cutoff`
   * when `inclusive`), or `fallback` when there is none. The cutoff must not
   * move backwards between calls.
   */
  extreme(cutoff: number, inclusive: boolean, fallback: number): number {
    const { times, values, end } = this;
    let head = this.head;
    while (
      head < end &&
      (inclusive ? times[head] < cutoff : times[head] <= cutoff)
    )
      head++;
    if (head === end) {
      this.head = 0;
      this.end = 0;
      return fallback;
    }
    if (head > 64) {
      times.copyWithin(0, head, end);
      values.copyWithin(0, head, end);
      this.end = end - head;
      head = 0;
    }
    this.head = head;
    const v = values[head];
    return this.isMax ? Math.max(v, fallback) : Math.min(v, fallback);
  }
}

/** One simulated HPA's normalizer: its recommendation windows and its scale events. */
export class HpaNormalizer {
  private readonly max = new WindowExtreme('max');
  private readonly min = new WindowExtreme('min');
  /** Scale events for the policies; `recommendations` stays empty. */
  private readonly history: HpaHistory = emptyHpaHistory();

  /**
   * @param resolved the HPA's `behavior` with defaults, or undefined for the legacy algorithm
   * @param window the controller's downscale stabilization (legacy algorithm), seconds
   */
  constructor(
    private readonly resolved: ResolvedHpaBehavior | undefined,
    private readonly window: number,
    private readonly minReplicas: number,
    private readonly maxReplicas: number,
  ) {}

  /** horizontal.go recordInitialRecommendation: the first sync's replicas seed the windows. */
  seed(t: number, replicas: number): void {
    this.max.push(t, replicas);
    this.min.push(t, replicas);
  }

  /** The replicas the HPA sets for `desiredReplicas` at `now`; the recommendation and any rescale are remembered. */
  normalize(
    now: number,
    currentReplicas: number,
    desiredReplicas: number,
  ): ConvertedReplicas {
    const resolved = this.resolved;
    if (!resolved) {
      // stabilizeRecommendation: max within the window (inclusive), including this one.
      const stabilized = this.max.extreme(
        now - this.window,
        true,
        desiredReplicas,
      );
      this.max.push(now, desiredReplicas);
      return convertWithLegacyRules(
        stabilized,
        currentReplicas,
        this.minReplicas,
        this.maxReplicas,
      );
    }
    // stabilizeRecommendationWithBehaviors: exclusive cutoffs.
    const up = this.min.extreme(
      now - resolved.scaleUp.stabilizationWindowSeconds,
      false,
      desiredReplicas,
    );
    const down = this.max.extreme(
      now - resolved.scaleDown.stabilizationWindowSeconds,
      false,
      desiredReplicas,
    );
    this.min.push(now, desiredReplicas);
    this.max.push(now, desiredReplicas);
    let stabilized = currentReplicas;
    if (stabilized < up) stabilized = up;
    if (stabilized > down) stabilized = down;
    const converted = convertWithBehaviorRate(
      stabilized,
      {
        now,
        currentReplicas,
        minReplicas: this.minReplicas,
        maxReplicas: this.maxReplicas,
        history: this.history,
      },
      resolved,
    );
    recordRescale(
      this.history,
      resolved,
      now,
      converted.replicas - currentReplicas,
    );
    return converted;
  }
}
