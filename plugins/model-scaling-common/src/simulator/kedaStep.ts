/*
 * One KEDA polling step for a ScaledObject (kedacore/keda
 * pkg/scaling/executor/scale_scaledobjects.go RequestScale): KEDA owns the
 * 0 ↔ 1 (or idle ↔ min) transitions; the HPA it created scales 1..N.
 */
import type { KedaFallback } from '../types/status';

/** KEDA's default cooldown before scaling to zero or idle, seconds. */
export const KEDA_DEFAULT_COOLDOWN_SECONDS = 300;

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
  currentReplicas: number;
  /** Any trigger's value above its activation threshold. */
  isActive: boolean;
  /** Any trigger failed to return a value this poll. */
  isError: boolean;
  /** `status.lastActiveTime`; undefined when never active (then no cooldown applies). */
  lastActiveTime?: number;
  /** The `Ready` condition before this poll. */
  ready: boolean;
  /** Creation time of the ScaledObject (for `initialCooldownPeriod`). */
  createdAt?: number;
  spec: KedaStepSpec;
}

/** What KEDA did in one poll. */
export type KedaAction =
  | 'activate'
  | 'deactivate'
  | 'cooldown'
  | 'set-min'
  | 'keep-active'
  | 'await-fallback'
  | 'mark-not-ready'
  | 'none';

/** Result of {@link kedaStep}. */
export interface KedaStepResult {
  replicas: number;
  lastActiveTime?: number;
  ready: boolean;
  action: KedaAction;
  /** The `Active` condition KEDA reports: `ScalerActive`, `ScalerNotActive` or `ScalerCooldown`. */
  activeReason: 'ScalerActive' | 'ScalerNotActive' | 'ScalerCooldown';
}

/**
 * One KEDA poll: when active at 0 replicas (or below min with an idle count)
 * scale to `max(min, 1)`; when inactive past `lastActiveTime + cooldownPeriod`
 * scale to the idle count or to 0 (when min is 0); below min with no idle
 * count, set min. A failing trigger with a fallback keeps the replicas so the
 * HPA can apply the fallback after `failureThreshold` failures.
 */
export function kedaStep(input: KedaStepInput): KedaStepResult {
  const { now, currentReplicas: current, isActive, isError, spec } = input;
  const min = spec.minReplicaCount ?? 0;
  const idle = spec.idleReplicaCount;
  const out: KedaStepResult = {
    replicas: current,
    ready: !isError,
    action: 'none',
    activeReason: isActive ? 'ScalerActive' : 'ScalerNotActive',
  };
  if (input.lastActiveTime !== undefined)
    out.lastActiveTime = input.lastActiveTime;

  if (isActive) {
    out.lastActiveTime = now;
    if ((idle !== undefined && current < min) || current === 0) {
      out.replicas = min > 0 ? min : 1;
      out.action = 'activate';
    } else {
      out.action = 'keep-active';
    }
    return out;
  }
  if (isError && spec.fallback && spec.fallback.replicas !== 0) {
    out.action = 'await-fallback';
    return out;
  }
  if (isError && input.ready) {
    out.action = 'mark-not-ready';
    return out;
  }
  if ((idle !== undefined && current > idle) || (current > 0 && min === 0)) {
    const cooldown = spec.cooldownPeriod ?? KEDA_DEFAULT_COOLDOWN_SECONDS;
    const cooled =
      input.lastActiveTime === undefined ||
      input.lastActiveTime + cooldown < now;
    const initialCooled =
      (input.createdAt ?? Number.NEGATIVE_INFINITY) +
        (spec.initialCooldownPeriod ?? 0) <
      now;
    if (cooled && initialCooled) {
      out.replicas = idle ?? min;
      out.action = 'deactivate';
    } else {
      out.action = 'cooldown';
      out.activeReason = 'ScalerCooldown';
    }
    return out;
  }
  if (!isError && current < min && idle === undefined) {
    out.replicas = min;
    out.action = 'set-min';
  }
  return out;
}

/** The replica count a fallback asks for, by `fallback.behavior` (`static` by default). */
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
