import { DEFAULT_DOWNSCALE_STABILIZATION_SECONDS } from '../simulator/hpaBehaviorDefaults';
import { withScaleDownWindow } from '../simulator/withScaleDownWindow';
import type {
  CapacityModel,
  SimulatorHpaSpec,
  SimulatorKedaSpec,
} from '../simulator/types';
import type { KedaTrigger } from '../types/status';
import { migComputeShare, migGpuModelOf } from './gpuShare';
import type { CapacityChange, ReplayTarget } from './types';

/** A lower minimum between two UTC hours, applied by the replay segment by segment. */
export interface NightSchedule {
  minReplicas: number;
  fromHourUtc: number;
  toHourUtc: number;
}

/** A target with a change applied; `night` when the minimum follows a schedule. */
export type ChangedTarget =
  | { target: ReplayTarget; night?: NightSchedule }
  | { problem: string };

/** What one ready pod serves: `maxRpsPerPod`, else the load at target, else the load at 100 % CPU. */
export function perPodCapacity(capacity: CapacityModel): number | undefined {
  if (capacity.maxRpsPerPod !== undefined) return capacity.maxRpsPerPod;
  if (capacity.rpsPerPodAtTarget !== undefined)
    return capacity.rpsPerPodAtTarget;
  if (capacity.cpu && capacity.cpu.millicoresPerRps > 0) {
    return (
      (capacity.cpu.requestMillicores - (capacity.cpu.idleMillicores ?? 0)) /
      capacity.cpu.millicoresPerRps
    );
  }
  return undefined;
}

const ACTIVATION_KEYS: Record<string, string> = {
  prometheus: 'activationThreshold',
  kafka: 'activationLagThreshold',
  'apache-kafka': 'activationLagThreshold',
  'aws-sqs-queue': 'activationQueueLength',
};

/**
 * A pod that serves `factor` × as much: the capacity model scales, and so do
 * the per-pod request-rate targets (KEDA `prometheus` thresholds, the HPA's
 * `rpsPerPodAtTarget`), because a golden-path target sits at a fixed share of
 * what a pod serves. Backlog targets (lag, queue length) stay: a faster
 * consumer drains the backlog sooner by itself.
 */
function scalePerPod(
  target: ReplayTarget,
  factor: number,
  capacity: Partial<CapacityModel>,
): ReplayTarget {
  const old = target.capacity;
  const next: CapacityModel = { ...old };
  if (old.maxRpsPerPod !== undefined)
    next.maxRpsPerPod = old.maxRpsPerPod * factor;
  if (old.rpsPerPodAtTarget !== undefined)
    next.rpsPerPodAtTarget = old.rpsPerPodAtTarget * factor;
  if (old.cpu)
    next.cpu = {
      ...old.cpu,
      millicoresPerRps: old.cpu.millicoresPerRps / factor,
    };
  Object.assign(
    next,
    Object.fromEntries(
      Object.entries(capacity).filter(([, v]) => v !== undefined),
    ),
  );
  let autoscaler = target.autoscaler;
  if (autoscaler.kind === 'ScaledObject') {
    autoscaler = {
      ...autoscaler,
      triggers: autoscaler.triggers.map(t => {
        const threshold = Number(t.metadata.threshold);
        if (t.type !== 'prometheus' || !Number.isFinite(threshold)) return t;
        return {
          ...t,
          metadata: { ...t.metadata, threshold: String(threshold * factor) },
        };
      }),
    };
  }
  return { ...target, capacity: next, autoscaler };
}

/**
 * The target as it would be with `change`, or why the change does not apply
 * to it (already in place, needs KEDA, no per-pod capacity to scale).
 */
export function applyChange(
  target: ReplayTarget,
  change: CapacityChange,
): ChangedTarget {
  const a = target.autoscaler;
  switch (change.kind) {
    case 'batching': {
      const before = perPodCapacity(target.capacity);
      if (before === undefined)
        return {
          problem:
            'the capacity model gives no per-pod capacity to compare the batching change with',
        };
      if (change.maxRpsPerPod <= before) {
        return {
          problem: `batching gives ${change.maxRpsPerPod} req/s per pod, no more than the ${before} req/s served today`,
        };
      }
      return {
        target: scalePerPod(target, change.maxRpsPerPod / before, {
          maxRpsPerPod: change.maxRpsPerPod,
          rpsPerPodAtTarget: change.rpsPerPodAtTarget,
          serviceTimeMs: change.serviceTimeMs,
        }),
      };
    }
    case 'mig-slice': {
      const p = target.placement;
      if (p.sharing !== 'exclusive' || p.gpusPerPod !== 1) {
        return {
          problem: `a MIG slice replaces one whole GPU per pod; this service uses ${p.gpusPerPod} ${p.sharing} GPU(s) per pod`,
        };
      }
      const resolved = migGpuModelOf({
        product: p.product,
        migProfile: change.migProfile,
      });
      if ('problem' in resolved) return resolved;
      const share = migComputeShare(resolved.model, change.migProfile);
      if (share === undefined)
        return {
          problem: `${change.migProfile} is not a MIG profile of ${resolved.model}`,
        };
      const before = perPodCapacity(target.capacity);
      if (before === undefined)
        return {
          problem:
            'the capacity model gives no per-pod capacity to scale to a MIG slice',
        };
      const after = change.maxRpsPerPod ?? before * share;
      const changed = scalePerPod(target, after / before, {
        maxRpsPerPod: after,
      });
      return {
        target: {
          ...changed,
          placement: {
            ...p,
            sharing: 'mig',
            migProfile: change.migProfile,
            gpusPerPod: 1,
          },
        },
      };
    }
    case 'spot':
      if (target.placement.capacity === 'spot')
        return { problem: 'the service already runs on spot capacity' };
      return {
        target: {
          ...target,
          placement: { ...target.placement, capacity: 'spot' },
        },
      };
    case 'scale-to-zero': {
      if (a.kind !== 'ScaledObject')
        return {
          problem:
            'scale to zero needs a KEDA ScaledObject (an HPA keeps at least one replica)',
        };
      if ((a.minReplicaCount ?? 0) === 0)
        return {
          problem:
            'the ScaledObject already scales to zero (minReplicaCount 0)',
        };
      const triggers: KedaTrigger[] = a.triggers.map(t =>
        change.activationThreshold === undefined
          ? t
          : {
              ...t,
              metadata: {
                ...t.metadata,
                [ACTIVATION_KEYS[t.type] ?? 'activationThreshold']: String(
                  change.activationThreshold,
                ),
              },
            },
      );
      const next: SimulatorKedaSpec = { ...a, minReplicaCount: 0, triggers };
      delete next.idleReplicaCount;
      if (change.cooldownPeriod !== undefined)
        next.cooldownPeriod = change.cooldownPeriod;
      return { target: { ...target, autoscaler: next } };
    }
    case 'scale-down-window': {
      const behavior = a.kind === 'ScaledObject' ? a.hpaBehavior : a.behavior;
      const current =
        behavior?.scaleDown?.stabilizationWindowSeconds ??
        DEFAULT_DOWNSCALE_STABILIZATION_SECONDS;
      if (change.stabilizationWindowSeconds >= current) {
        return {
          problem: `the scale-down window is already ${current} s, not longer than ${change.stabilizationWindowSeconds} s`,
        };
      }
      const next: SimulatorHpaSpec | SimulatorKedaSpec =
        a.kind === 'ScaledObject'
          ? {
              ...a,
              hpaBehavior: withScaleDownWindow(
                a.hpaBehavior,
                change.stabilizationWindowSeconds,
              ),
            }
          : {
              ...a,
              behavior: withScaleDownWindow(
                a.behavior,
                change.stabilizationWindowSeconds,
              ),
            };
      return { target: { ...target, autoscaler: next } };
    }
    case 'night-min-replicas': {
      const min =
        a.kind === 'ScaledObject' ? a.minReplicaCount ?? 0 : a.minReplicas ?? 1;
      if (a.kind === 'HorizontalPodAutoscaler' && change.minReplicas < 1) {
        return {
          problem:
            'an HPA keeps at least 1 replica; a night minimum of 0 needs KEDA',
        };
      }
      if (change.minReplicas >= min) {
        return {
          problem: `the minimum is already ${min}, not above the night minimum ${change.minReplicas}`,
        };
      }
      if (change.fromHourUtc === change.toHourUtc)
        return {
          problem: 'the night window is empty (fromHourUtc equals toHourUtc)',
        };
      return {
        target,
        night: {
          minReplicas: change.minReplicas,
          fromHourUtc: change.fromHourUtc,
          toHourUtc: change.toHourUtc,
        },
      };
    }
    default:
      return { problem: `unknown change ${(change as { kind: string }).kind}` };
  }
}

/** The autoscaler with another minimum (KEDA: `minReplicaCount`, dropping an idle count that is no longer below it). */
export function withMinimum(
  autoscaler: SimulatorHpaSpec | SimulatorKedaSpec,
  min: number,
): SimulatorHpaSpec | SimulatorKedaSpec {
  if (autoscaler.kind === 'HorizontalPodAutoscaler')
    return { ...autoscaler, minReplicas: min };
  const next: SimulatorKedaSpec = { ...autoscaler, minReplicaCount: min };
  if (next.idleReplicaCount !== undefined && next.idleReplicaCount >= min)
    delete next.idleReplicaCount;
  return next;
}
