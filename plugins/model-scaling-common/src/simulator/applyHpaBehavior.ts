// long-file: upstream's normalizeDesiredReplicasWithBehaviors and its helpers, function by function, cited in place.
/*
 * The HPA controller's normalization of a recommendation (horizontal.go:
 * normalizeDesiredReplicas / normalizeDesiredReplicasWithBehaviors), as a
 * pure function over an explicit history.
 */
import type { HpaBehavior } from '../types/status';
import {
  DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
  ResolvedHpaBehavior,
  ResolvedScalingRules,
  resolveHpaBehavior,
} from './hpaBehaviorDefaults';

/** What the controller remembers per HPA between syncs. Times in seconds. */
export interface HpaHistory {
  /** Unstabilized recommendations. */
  recommendations: { t: number; replicas: number }[];
  scaleUpEvents: { t: number; change: number }[];
  scaleDownEvents: { t: number; change: number }[];
}

/** An empty {@link HpaHistory}. */
export function emptyHpaHistory(): HpaHistory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/** Input of {@link applyHpaBehavior}. */
export interface ApplyHpaBehaviorInput {
  /** Seconds. */
  now: number;
  currentReplicas: number;
  /** The recommendation of this sync (max over metrics), before normalization. */
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  /** As set on the HPA; `undefined` means the legacy algorithm. */
  behavior?: HpaBehavior;
  history: HpaHistory;
  /** The controller flag, default 300 s. */
  downscaleStabilizationSeconds?: number;
}

/** Result of {@link applyHpaBehavior}. */
export interface ApplyHpaBehaviorResult {
  replicas: number;
  /** The updated history. */
  history: HpaHistory;
  /** The `AbleToScale` reason: `ReadyForNewScale`, `ScaleUpStabilized` or `ScaleDownStabilized`. */
  ableToScaleReason: string;
  /** The `ScalingLimited` reason: `DesiredWithinRange`, `TooManyReplicas`, `TooFewReplicas`, `ScaleUpLimit` or `ScaleDownLimit`. */
  limitReason: string;
}

/** Legacy scale-up cap without `behavior`: max(2 × current, 4). */
export function legacyScaleUpLimit(currentReplicas: number): number {
  return Math.max(2 * currentReplicas, 4);
}

function changeInPeriod(
  events: { t: number; change: number }[],
  now: number,
  periodSeconds: number,
): number {
  const cutoff = now - periodSeconds;
  return events.reduce((sum, e) => (e.t > cutoff ? sum + e.change : sum), 0);
}

/** The most replicas the scale-up policies allow now (`calculateScaleUpLimitWithScalingRules`). */
export function scaleUpLimit(
  current: number,
  history: HpaHistory,
  rules: ResolvedScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  let result =
    rules.selectPolicy === 'Min'
      ? Number.MAX_SAFE_INTEGER
      : Number.MIN_SAFE_INTEGER;
  for (const policy of rules.policies) {
    const periodStart =
      current -
      changeInPeriod(history.scaleUpEvents, now, policy.periodSeconds) +
      changeInPeriod(history.scaleDownEvents, now, policy.periodSeconds);
    let proposed: number;
    if (policy.type === 'Pods') proposed = periodStart + policy.value;
    else proposed = Math.ceil(periodStart * (1 + policy.value / 100));
    result =
      rules.selectPolicy === 'Min'
        ? Math.min(result, proposed)
        : Math.max(result, proposed);
  }
  return result;
}

/** The fewest replicas the scale-down policies allow now (`calculateScaleDownLimitWithBehaviors`). */
export function scaleDownLimit(
  current: number,
  history: HpaHistory,
  rules: ResolvedScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  let result =
    rules.selectPolicy === 'Min'
      ? Number.MIN_SAFE_INTEGER
      : Number.MAX_SAFE_INTEGER;
  for (const policy of rules.policies) {
    const periodStart =
      current -
      changeInPeriod(history.scaleUpEvents, now, policy.periodSeconds) +
      changeInPeriod(history.scaleDownEvents, now, policy.periodSeconds);
    let proposed: number;
    if (policy.type === 'Pods') proposed = periodStart - policy.value;
    else proposed = Math.trunc(periodStart * (1 - policy.value / 100));
    result =
      rules.selectPolicy === 'Min'
        ? Math.max(result, proposed)
        : Math.min(result, proposed);
  }
  return result;
}

/** A stabilized recommendation within the limits, and the `ScalingLimited` reason. */
export interface ConvertedReplicas {
  replicas: number;
  limitReason: string;
}

/**
 * horizontal.go convertDesiredReplicasWithRules (no `behavior`): the
 * stabilized recommendation clamped to `[min, min(max, max(2 × current, 4))]`.
 * @internal shared with the simulator's {@link HpaNormalizer}
 */
export function convertWithLegacyRules(
  stabilized: number,
  currentReplicas: number,
  minReplicas: number,
  maxReplicas: number,
): ConvertedReplicas {
  const upLimit = legacyScaleUpLimit(currentReplicas);
  let maximumAllowed: number;
  let limitReason: string;
  if (maxReplicas > upLimit) {
    maximumAllowed = upLimit;
    limitReason = 'ScaleUpLimit';
  } else {
    maximumAllowed = maxReplicas;
    limitReason = 'TooManyReplicas';
  }
  let replicas = stabilized;
  if (stabilized < minReplicas) {
    replicas = minReplicas;
    limitReason = 'TooFewReplicas';
  } else if (stabilized > maximumAllowed) {
    replicas = maximumAllowed;
  } else {
    limitReason = 'DesiredWithinRange';
  }
  return { replicas, limitReason };
}

/**
 * horizontal.go convertDesiredReplicasWithBehaviorRate: the stabilized
 * recommendation limited by the scale-up or scale-down policies over their
 * periods, then by min/max.
 * @internal shared with the simulator's {@link HpaNormalizer}
 */
export function convertWithBehaviorRate(
  stabilized: number,
  input: Pick<
    ApplyHpaBehaviorInput,
    'now' | 'currentReplicas' | 'minReplicas' | 'maxReplicas' | 'history'
  >,
  behavior: ResolvedHpaBehavior,
): ConvertedReplicas {
  const { now, currentReplicas, minReplicas, maxReplicas, history } = input;
  let replicas = stabilized;
  let limitReason = 'DesiredWithinRange';
  if (stabilized > currentReplicas) {
    const limit = Math.max(
      scaleUpLimit(currentReplicas, history, behavior.scaleUp, now),
      currentReplicas,
    );
    let maximumAllowed = maxReplicas;
    let reason = 'TooManyReplicas';
    if (maximumAllowed > limit) {
      maximumAllowed = limit;
      reason = 'ScaleUpLimit';
    }
    if (stabilized > maximumAllowed) {
      replicas = maximumAllowed;
      limitReason = reason;
    }
  } else if (stabilized < currentReplicas) {
    const limit = Math.min(
      scaleDownLimit(currentReplicas, history, behavior.scaleDown, now),
      currentReplicas,
    );
    let minimumAllowed = minReplicas;
    let reason = 'TooFewReplicas';
    if (minimumAllowed < limit) {
      minimumAllowed = limit;
      reason = 'ScaleDownLimit';
    }
    if (stabilized < minimumAllowed) {
      replicas = minimumAllowed;
      limitReason = reason;
    }
  }
  return { replicas, limitReason };
}

function normalizeLegacy(
  input: ApplyHpaBehaviorInput,
  window: number,
): ApplyHpaBehaviorResult {
  const { now, currentReplicas, desiredReplicas, minReplicas, maxReplicas } =
    input;
  // stabilizeRecommendation: max over recommendations within the window (inclusive), including this one.
  const cutoff = now - window;
  const recommendations = input.history.recommendations;
  let stabilized = desiredReplicas;
  let keep = 0;
  for (const r of recommendations) {
    if (r.t < cutoff) continue;
    if (r.replicas > stabilized) stabilized = r.replicas;
    recommendations[keep++] = r;
  }
  recommendations.length = keep;
  recommendations.push({ t: now, replicas: desiredReplicas });
  const ableToScaleReason =
    stabilized !== desiredReplicas ? 'ScaleDownStabilized' : 'ReadyForNewScale';

  const { replicas, limitReason } = convertWithLegacyRules(
    stabilized,
    currentReplicas,
    minReplicas,
    maxReplicas,
  );
  return { replicas, history: input.history, ableToScaleReason, limitReason };
}

function normalizeWithBehavior(
  input: ApplyHpaBehaviorInput,
  behavior: ResolvedHpaBehavior,
): ApplyHpaBehaviorResult {
  const { now, currentReplicas, desiredReplicas, history } = input;
  // stabilizeRecommendationWithBehaviors: up = min within the up window, down = max within the down window (exclusive cutoffs).
  const upCutoff = now - behavior.scaleUp.stabilizationWindowSeconds;
  const downCutoff = now - behavior.scaleDown.stabilizationWindowSeconds;
  let up = desiredReplicas;
  let down = desiredReplicas;
  for (const r of history.recommendations) {
    if (r.t > upCutoff) up = Math.min(up, r.replicas);
    if (r.t > downCutoff) down = Math.max(down, r.replicas);
  }
  let stabilized = currentReplicas;
  if (stabilized < up) stabilized = up;
  if (stabilized > down) stabilized = down;
  const oldest = Math.min(upCutoff, downCutoff);
  const recommendations = history.recommendations;
  let keep = 0;
  for (const r of recommendations)
    if (r.t > oldest) recommendations[keep++] = r;
  recommendations.length = keep;
  recommendations.push({ t: now, replicas: desiredReplicas });
  let ableToScaleReason = 'ReadyForNewScale';
  if (stabilized !== desiredReplicas) {
    ableToScaleReason =
      desiredReplicas >= currentReplicas
        ? 'ScaleUpStabilized'
        : 'ScaleDownStabilized';
  }

  const { replicas, limitReason } = convertWithBehaviorRate(
    stabilized,
    input,
    behavior,
  );
  return { replicas, history, ableToScaleReason, limitReason };
}

function longestPeriod(
  behavior: ResolvedHpaBehavior | undefined,
  rules: 'scaleUp' | 'scaleDown',
): number {
  return Math.max(
    0,
    ...(behavior?.[rules].policies.map(p => p.periodSeconds) ?? []),
  );
}

/**
 * Turns one sync's recommendation into the replica count the HPA sets.
 *
 * Without `behavior`: the max recommendation of the last 300 s (the
 * downscale stabilization), then clamped to `[min, min(max, max(2 ×
 * current, 4))]`. With `behavior` (defaults applied): the current count is
 * clamped between the min of the scale-up window's and the max of the
 * scale-down window's recommendations, then limited by the Pods/Percent
 * policies over their periods (period start = current − added + removed)
 * with `selectPolicy` Max, Min or Disabled, then min/max.
 * The rescale is recorded in the returned history (the input's is not modified).
 */
export function applyHpaBehavior(
  input: ApplyHpaBehaviorInput,
): ApplyHpaBehaviorResult {
  const history: HpaHistory = {
    recommendations: [...input.history.recommendations],
    scaleUpEvents: [...input.history.scaleUpEvents],
    scaleDownEvents: [...input.history.scaleDownEvents],
  };
  const window =
    input.downscaleStabilizationSeconds ??
    DEFAULT_DOWNSCALE_STABILIZATION_SECONDS;
  const resolved = input.behavior
    ? resolveHpaBehavior(input.behavior, window)
    : undefined;
  return applyResolvedHpaBehavior({ ...input, history }, resolved, window);
}

function prune(events: { t: number; change: number }[], cutoff: number) {
  let keep = 0;
  for (const e of events) if (e.t > cutoff) events[keep++] = e;
  // Only when something was dropped: setting the length is a runtime call.
  if (keep !== events.length) events.length = keep;
}

/**
 * {@link applyHpaBehavior} for the simulator's hot loop: the behavior is
 * resolved once by the caller and `input.history` is updated in place.
 * @internal
 */
export function applyResolvedHpaBehavior(
  input: ApplyHpaBehaviorInput,
  resolved: ResolvedHpaBehavior | undefined,
  window: number,
): ApplyHpaBehaviorResult {
  const result = resolved
    ? normalizeWithBehavior(input, resolved)
    : normalizeLegacy(input, window);
  if (resolved)
    recordRescale(
      result.history,
      resolved,
      input.now,
      result.replicas - input.currentReplicas,
    );
  return result;
}

/**
 * Remembers a rescale of `change` replicas at `now` for the scale-up and
 * scale-down policies (horizontal.go storeScaleEvent), dropping the events
 * older than the longest policy period.
 * @internal shared with the simulator's {@link HpaNormalizer}
 */
export function recordRescale(
  history: HpaHistory,
  resolved: ResolvedHpaBehavior,
  now: number,
  change: number,
): void {
  if (change === 0) return;
  prune(history.scaleUpEvents, now - longestPeriod(resolved, 'scaleUp'));
  prune(history.scaleDownEvents, now - longestPeriod(resolved, 'scaleDown'));
  if (change > 0) history.scaleUpEvents.push({ t: now, change });
  else history.scaleDownEvents.push({ t: now, change: -change });
}
