/*
 * One KEDA polling step for a ScaledObject, after kedacore/keda v2.21.0
 * pkg/scaling/executor/scale_scaledobjects.go (scaleExecutor.RequestScale,
 * scaleToZeroOrIdle, scaleFromZeroOrIdle): KEDA owns the 0 ↔ 1 (or idle ↔ min)
 * transitions; the HPA it created scales 1..N.
 */
import type { KedaFallback } from '../types/status';

/**
 * KEDA's default cooldown before scaling to zero or idle, seconds
 * (pkg/scaling/executor/scale_executor.go: defaultCooldownPeriod).
 */
export const KEDA_DEFAULT_COOLDOWN_SECONDS = 300;

/**
 * KEDA's default `initialCooldownPeriod`, seconds
 * (pkg/scaling/executor/scale_executor.go: defaultInitialCooldownPeriod).
 */
export const KEDA_DEFAULT_INITIAL_COOLDOWN_SECONDS = 0;

/** The ScaledObject fields one step needs. */
export interface KedaStepSpec {
  minReplicaCount?: number;
  idleReplicaCount?: number;
  cooldownPeriod?: number;
  initialCooldownPeriod?: number;
  fallback?: KedaFallback;
}

/** Input of {@link kedaStep}. Times in seconds. */
export interface KedaStepInput {
  now: number;
  /** The scale target's `spec.replicas`. */
  currentReplicas: number;
  /** The ScaledObject is active (see `kedaScaledObjectState`). */
  isActive: boolean;
  /** Some trigger failed this poll and no fallback answered for it (see `kedaScaledObjectState`). */
  isError: boolean;
  /** `status.lastActiveTime`; undefined while never active. */
  lastActiveTime?: number;
  /** `metadata.creationTimestamp` of the ScaledObject (for `initialCooldownPeriod`); default: long ago. */
  createdAt?: number;
  spec: KedaStepSpec;
}

/** What KEDA did in one poll. */
export type KedaAction =
  | 'activate'
  | 'keep-active'
  | 'partial-error'
  | 'await-fallback'
  | 'trigger-error'
  | 'deactivate'
  | 'cooldown'
  | 'set-min'
  | 'none';

/** Result of {@link kedaStep}. */
export interface KedaStepResult {
  replicas: number;
  lastActiveTime?: number;
  /** The `Ready` condition KEDA reports (False only for `TriggerError`, Unknown for `PartialTriggerError`). */
  ready: boolean;
  readyCondition: {
    status: 'True' | 'False' | 'Unknown';
    reason: 'ScaledObjectReady' | 'TriggerError' | 'PartialTriggerError';
  };
  action: KedaAction;
  /** The `Active` condition KEDA reports: `ScalerActive`, `ScalerNotActive` or `ScalerCooldown`. */
  activeReason: 'ScalerActive' | 'ScalerNotActive' | 'ScalerCooldown';
}

/**
 * One KEDA poll (RequestScale). Active: at 0 replicas (or below min with an
 * idle count) scale to `max(min, 1)`; with a trigger error as well, only
 * report `PartialTriggerError` (`lastActiveTime` is not renewed); else renew
 * `lastActiveTime`. Inactive: a trigger error with a fallback keeps the
 * replicas (so the HPA can apply the fallback); a trigger error without one
 * sets `Ready=False/TriggerError` and scales nothing; above the idle count or
 * above 0 with min 0, scale to idle/min once the cooldown has passed; below
 * min without an idle count, set min.
 */
export function kedaStep(input: KedaStepInput): KedaStepResult {
  const { now, currentReplicas: current, isActive, isError, spec } = input;
  const min = spec.minReplicaCount ?? 0;
  const idle = spec.idleReplicaCount;
  const out: KedaStepResult = {
    replicas: current,
    ready: true,
    readyCondition: { status: 'True', reason: 'ScaledObjectReady' },
    action: 'none',
    activeReason: isActive ? 'ScalerActive' : 'ScalerNotActive',
  };
  if (input.lastActiveTime !== undefined)
    out.lastActiveTime = input.lastActiveTime;

  if (isActive) {
    // RequestScale, `isActive` branch: the switch's first case wins.
    if ((idle !== undefined && current < min) || current === 0) {
      // scaleFromZeroOrIdle: minReplicaCount when > 0, else 1; sets lastActiveTime.
      out.replicas = min > 0 ? min : 1;
      out.action = 'activate';
      out.lastActiveTime = now;
    } else if (isError) {
      // case isError: Ready=Unknown PartialTriggerError, and no LastActiveTime in the result.
      out.readyCondition = { status: 'Unknown', reason: 'PartialTriggerError' };
      out.action = 'partial-error';
    } else {
      out.lastActiveTime = now;
      out.action = 'keep-active';
    }
    return out;
  }
  // RequestScale, `isActive == false` branch, cases in upstream's order.
  if (isError && spec.fallback && spec.fallback.replicas !== 0) {
    // Scaling to 0 here would stop the HPA from applying fallback.replicas.
    out.action = 'await-fallback';
    return out;
  }
  if (isError && !spec.fallback) {
    // Ready=False TriggerError; nothing is scaled, not even to zero.
    out.ready = false;
    out.readyCondition = { status: 'False', reason: 'TriggerError' };
    out.action = 'trigger-error';
    return out;
  }
  if ((idle !== undefined && current > idle) || (current > 0 && min === 0)) {
    // scaleToZeroOrIdle: without lastActiveTime the creation time plus
    // initialCooldownPeriod decides, with it lastActiveTime plus cooldownPeriod
    // (the two periods never add up); `Before(now)` is strict.
    const cooled =
      input.lastActiveTime === undefined
        ? (input.createdAt ?? Number.NEGATIVE_INFINITY) +
            (spec.initialCooldownPeriod ??
              KEDA_DEFAULT_INITIAL_COOLDOWN_SECONDS) <
          now
        : input.lastActiveTime +
            (spec.cooldownPeriod ?? KEDA_DEFAULT_COOLDOWN_SECONDS) <
          now;
    if (cooled) {
      // getIdleOrMinimumReplicaCount
      out.replicas = idle ?? min;
      out.action = 'deactivate';
    } else {
      out.action = 'cooldown';
      out.activeReason = 'ScalerCooldown';
    }
    return out;
  }
  if (idle === undefined && current < min) {
    out.replicas = min;
    out.action = 'set-min';
  }
  return out;
}

/**
 * The replica count a fallback asks for, by `fallback.behavior` (`static` by
 * default): pkg/fallback/fallback.go doFallback.
 */
export function kedaFallbackReplicas(
  fallback: KedaFallback,
  currentReplicas: number,
): number {
  switch (fallback.behavior) {
    case 'currentReplicas':
      return currentReplicas;
    case 'currentReplicasIfHigher':
      return Math.max(currentReplicas, fallback.replicas);
    case 'currentReplicasIfLower':
      return Math.min(currentReplicas, fallback.replicas);
    default:
      return fallback.replicas;
  }
}
