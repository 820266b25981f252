/*
 * The replica normalization of kube-controller-manager's HPA controller
 * (pkg/controller/podautoscaler/horizontal.go): stabilization windows, behavior
 * policies and the min/max clamp, with the condition reasons it reports.
 */
import type { HpaBehavior, HpaScalingRules } from '@internal/plugin-model-scaling-common';

/** The 0.1 tolerance of `--horizontal-pod-autoscaler-tolerance`. */
export const HPA_TOLERANCE = 0.1;
/** `--horizontal-pod-autoscaler-downscale-stabilization`. */
export const DEFAULT_DOWNSCALE_STABILIZATION_SECONDS = 300;

/** A recommendation or a scale event remembered by the controller. */
export interface TimedValue {
  time: number;
  value: number;
}

/** What the controller remembers per HPA between syncs. */
export interface HpaMemory {
  recommendations: TimedValue[];
  scaleUpEvents: TimedValue[];
  scaleDownEvents: TimedValue[];
}

/** The result of normalizing a metric-based proposal. */
export interface Normalized {
  desired: number;
  ableToScale: { reason: string; message: string };
  scalingLimited: { status: 'True' | 'False'; reason: string; message: string };
}

/** Fills `behavior` defaults the way the API server does for autoscaling/v2. */
export function defaultBehavior(behavior: HpaBehavior | undefined): Required<HpaBehavior> | undefined {
  if (!behavior) return undefined;
  const up: HpaScalingRules = {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
    ...(behavior.scaleUp ?? {}),
  };
  const down: HpaScalingRules = {
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    ...(behavior.scaleDown ?? {}),
  };
  if (!up.policies || up.policies.length === 0) up.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  if (!down.policies || down.policies.length === 0) down.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return { scaleUp: up, scaleDown: down };
}

function changeWithin(events: TimedValue[], periodSeconds: number, now: number): number {
  return events
    .filter(e => now - e.time < periodSeconds * 1000)
    .reduce((s, e) => s + e.value, 0);
}

function scaleUpLimit(current: number, memory: HpaMemory, rules: HpaScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const added = changeWithin(memory.scaleUpEvents, p.periodSeconds, now);
    const removed = changeWithin(memory.scaleDownEvents, p.periodSeconds, now);
    const periodStart = current - added + removed;
    const proposed = p.type === 'Pods' ? periodStart + p.value : Math.ceil(periodStart * (1 + p.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

function scaleDownLimit(current: number, memory: HpaMemory, rules: HpaScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const added = changeWithin(memory.scaleUpEvents, p.periodSeconds, now);
    const removed = changeWithin(memory.scaleDownEvents, p.periodSeconds, now);
    const periodStart = current + removed - added;
    const proposed = p.type === 'Pods' ? periodStart - p.value : Math.trunc(periodStart * (1 - p.value / 100));
    result = pickMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

const WITHIN_RANGE = {
  status: 'False' as const,
  reason: 'DesiredWithinRange',
  message: 'the desired count is within the acceptable range',
};

/**
 * Turns the metrics' proposal into the replica count to set, remembering the proposal.
 * `memory` is updated in place (recommendations pruned to the longest window).
 */
export function normalizeReplicas(options: {
  current: number;
  proposal: number;
  minReplicas: number;
  maxReplicas: number;
  behavior?: HpaBehavior;
  memory: HpaMemory;
  now: number;
}): Normalized {
  const { current, proposal, minReplicas, maxReplicas, memory, now } = options;
  const behavior = defaultBehavior(options.behavior);
  let stabilized: number;
  let ableToScale = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  if (!behavior) {
    const windowMs = DEFAULT_DOWNSCALE_STABILIZATION_SECONDS * 1000;
    stabilized = proposal;
    for (const r of memory.recommendations) if (now - r.time < windowMs) stabilized = Math.max(stabilized, r.value);
    memory.recommendations = [...memory.recommendations.filter(r => now - r.time < windowMs), { time: now, value: proposal }];
    if (stabilized !== proposal) {
      ableToScale = {
        reason: 'ScaleDownStabilized',
        message: 'recent recommendations were higher than current one, applying the highest recent recommendation',
      };
    }
    const upLimit = Math.max(2 * current, 4);
    const maximumAllowed = Math.min(maxReplicas, upLimit);
    if (stabilized < minReplicas) {
      return {
        desired: minReplicas,
        ableToScale,
        scalingLimited: { status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' },
      };
    }
    if (stabilized > maximumAllowed) {
      return {
        desired: maximumAllowed,
        ableToScale,
        scalingLimited:
          maxReplicas > upLimit
            ? { status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
            : { status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' },
      };
    }
    return { desired: stabilized, ableToScale, scalingLimited: WITHIN_RANGE };
  }

  const upWindow = (behavior.scaleUp.stabilizationWindowSeconds ?? 0) * 1000;
  const downWindow =
    (behavior.scaleDown.stabilizationWindowSeconds ?? DEFAULT_DOWNSCALE_STABILIZATION_SECONDS) * 1000;
  let upRec = proposal;
  let downRec = proposal;
  for (const r of memory.recommendations) {
    if (now - r.time < upWindow) upRec = Math.min(upRec, r.value);
    if (now - r.time < downWindow) downRec = Math.max(downRec, r.value);
  }
  stabilized = current;
  if (stabilized < upRec) stabilized = upRec;
  if (stabilized > downRec) stabilized = downRec;
  const keep = Math.max(upWindow, downWindow);
  memory.recommendations = [...memory.recommendations.filter(r => now - r.time < keep), { time: now, value: proposal }];
  if (stabilized !== proposal) {
    ableToScale =
      stabilized < proposal
        ? { reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
        : { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
  }

  let desired = stabilized;
  let limited = WITHIN_RANGE as Normalized['scalingLimited'];
  if (desired > current) {
    let limit = scaleUpLimit(current, memory, behavior.scaleUp, now);
    if (limit < current) limit = current;
    const maximumAllowed = Math.min(maxReplicas, limit);
    if (desired > maximumAllowed) {
      desired = maximumAllowed;
      limited =
        maxReplicas > limit
          ? { status: 'True', reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
          : { status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
    }
  } else if (desired < current) {
    let limit = scaleDownLimit(current, memory, behavior.scaleDown, now);
    if (limit > current) limit = current;
    const minimumAllowed = Math.max(minReplicas, limit);
    if (desired < minimumAllowed) {
      desired = minimumAllowed;
      limited =
        minReplicas < limit
          ? { status: 'True', reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' }
          : { status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
    }
  }
  if (desired > maxReplicas) {
    desired = maxReplicas;
    limited = { status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' };
  }
  if (desired < minReplicas) {
    desired = minReplicas;
    limited = { status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  }
  return { desired, ableToScale, scalingLimited: limited };
}

/** Records a scale change for the rate policies (kept for the longest policy period). */
export function recordScaleEvent(memory: HpaMemory, from: number, to: number, now: number): void {
  const keepMs = 1800 * 1000;
  memory.scaleUpEvents = memory.scaleUpEvents.filter(e => now - e.time < keepMs);
  memory.scaleDownEvents = memory.scaleDownEvents.filter(e => now - e.time < keepMs);
  if (to > from) memory.scaleUpEvents.push({ time: now, value: to - from });
  if (to < from) memory.scaleDownEvents.push({ time: now, value: from - to });
}

/**
 * A metric's replica proposal from a usage ratio with the HPA's tolerance, readiness and
 * missing-metrics rules (replica_calculator.go).
 */
export function proposeFromRatio(options: {
  current: number;
  /** Ratio of usage to target over pods that report (ready pods). */
  usageRatio: number;
  readyPods: number;
  /** Pods that should report but do not yet (treated as target on scale-down, 0 on scale-up). */
  missingPods: number;
  /** Pods not ready (counted as 0 on scale-up only). */
  unreadyPods: number;
  /** Ratio a missing pod is assumed to run at on scale-down (max(100 %, target)/target). */
  missingRatioOnScaleDown: number;
  tolerance?: number;
}): number {
  const { current, usageRatio, readyPods, missingPods, unreadyPods } = options;
  const tol = options.tolerance ?? HPA_TOLERANCE;
  const within = (r: number) => Math.abs(r - 1) <= tol;
  const scaleUpWithUnready = unreadyPods > 0 && usageRatio > 1;
  if (!scaleUpWithUnready && missingPods === 0) {
    if (within(usageRatio)) return current;
    return Math.ceil(usageRatio * readyPods);
  }
  let total = usageRatio * readyPods;
  let count = readyPods;
  if (missingPods > 0) {
    if (usageRatio < 1) total += missingPods * options.missingRatioOnScaleDown;
    count += missingPods;
  }
  if (scaleUpWithUnready) count += unreadyPods;
  if (count === 0) return current;
  const newRatio = total / count;
  if (within(newRatio) || (usageRatio < 1 && newRatio > 1) || (usageRatio > 1 && newRatio < 1)) return current;
  const proposed = Math.ceil(newRatio * count);
  if ((newRatio < 1 && proposed > current) || (newRatio > 1 && proposed < current)) return current;
  return proposed;
}
