import type { BatchingAdviceSummary } from '../findings/rules/batchingSaving';
import { MIG_PROFILES_BY_GPU } from '../patterns/migProfiles';
import { DEFAULT_PATTERN_PRESETS } from '../patterns/presets';
import { DEFAULT_DOWNSCALE_STABILIZATION_SECONDS } from '../simulator/hpaBehaviorDefaults';
import { isQueueTrigger } from '../status/kedaTriggers';
import type { PatternId } from '../types/status';
import { perPodCapacity } from './applyChange';
import { migGpuModelOfProduct, migSliceShare } from './gpuShare';
import type {
  CapacityChange,
  CapacityRecommendation,
  ReplayTarget,
} from './types';

/** What {@link capacityRecommendationsFor} knows beyond the target. */
export interface CapacityRecommendationOptions {
  pattern?: PatternId;
  /** Model weights in GB: a MIG slice is only offered when the model fits it. */
  modelSizeGb?: number;
  /** The batching advisor's answer for the service (as the `batching-saving` finding carries it). */
  batching?: BatchingAdviceSummary;
  /** The night window for a lower minimum, UTC hours (default 0–6). */
  nightHoursUtc?: { from: number; to: number };
}

/**
 * A batching change from the advisor's answer: at the same request rate the
 * recommended setting needs `recommended.replicas` where the live one needs
 * `live.replicas`, so a pod serves live / recommended times as much.
 * Undefined when the advice saves no replica.
 */
export function batchingChangeFromAdvice(
  advice: BatchingAdviceSummary,
  currentMaxRpsPerPod: number,
): CapacityChange | undefined {
  const rec = advice.recommended;
  if (!rec?.replicas || rec.replicas >= advice.live.replicas) return undefined;
  return {
    kind: 'batching',
    maxRpsPerPod: (currentMaxRpsPerPod * advice.live.replicas) / rec.replicas,
    preferredBatchSizes: rec.preferredBatchSizes,
    maxQueueDelayMicroseconds: rec.maxQueueDelayUs,
  };
}

/**
 * The capacity changes worth replaying for a service: each only when it
 * could change something (a window longer than the pattern's, a minimum
 * above 1, a ScaledObject that never scales to zero, queue work on
 * on-demand nodes, a whole GPU for a model that fits a slice, batching advice
 * that saves replicas). Whether it saves, and whether it keeps the SLO, is
 * for `savingsFor` to say on the recorded traffic.
 */
export function capacityRecommendationsFor(
  target: ReplayTarget,
  options: CapacityRecommendationOptions = {},
): CapacityRecommendation[] {
  const out: CapacityRecommendation[] = [];
  const a = target.autoscaler;
  const behavior = a.kind === 'ScaledObject' ? a.hpaBehavior : a.behavior;
  const window =
    behavior?.scaleDown?.stabilizationWindowSeconds ??
    DEFAULT_DOWNSCALE_STABILIZATION_SECONDS;
  const presetWindow = options.pattern
    ? DEFAULT_PATTERN_PRESETS[options.pattern].behavior
        .scaleDownStabilizationWindowSeconds
    : 60;
  if (window > presetWindow) {
    out.push({
      id: 'scale-down-window',
      title: `Scale down after ${presetWindow} s instead of ${window} s`,
      ...(behavior?.scaleDown?.stabilizationWindowSeconds === undefined
        ? { findingId: 'default-scale-down-window' }
        : {}),
      change: {
        kind: 'scale-down-window',
        stabilizationWindowSeconds: presetWindow,
      },
    });
  }

  const min =
    a.kind === 'ScaledObject' ? a.minReplicaCount ?? 0 : a.minReplicas ?? 1;
  const night = options.nightHoursUtc ?? { from: 0, to: 6 };
  if (min > 1) {
    out.push({
      id: 'night-min-replicas',
      title: `Keep 1 replica instead of ${min} from ${night.from}:00 to ${night.to}:00 UTC`,
      change: {
        kind: 'night-min-replicas',
        minReplicas: 1,
        fromHourUtc: night.from,
        toHourUtc: night.to,
      },
    });
  }

  if (a.kind === 'ScaledObject' && min > 0) {
    out.push({
      id: 'scale-to-zero',
      title: `Scale to zero when idle (minReplicaCount 0 instead of ${min})`,
      change: { kind: 'scale-to-zero' },
    });
  }

  const queue =
    a.kind === 'ScaledObject' && a.triggers.some(t => isQueueTrigger(t.type));
  if (
    target.placement.capacity === 'on-demand' &&
    (queue || options.pattern === 'async-batch')
  ) {
    out.push({
      id: 'spot',
      title: 'Run the queue consumers on spot GPU nodes',
      change: { kind: 'spot' },
    });
  }

  const p = target.placement;
  const model = migGpuModelOfProduct(p.product);
  if (
    p.sharing === 'exclusive' &&
    p.gpusPerPod === 1 &&
    model &&
    options.modelSizeGb !== undefined
  ) {
    const size = options.modelSizeGb;
    const slice = MIG_PROFILES_BY_GPU[model]
      .filter(
        profile =>
          profile.memoryGb >= size &&
          (migSliceShare(model, profile.profile) ?? 1) < 1,
      )
      .sort(
        (x, y) =>
          (migSliceShare(model, x.profile) ?? 1) -
          (migSliceShare(model, y.profile) ?? 1),
      )[0];
    if (slice) {
      out.push({
        id: 'mig-slice',
        title: `Serve the ${size} GB model from a MIG ${slice.profile} slice instead of a whole ${model}`,
        change: { kind: 'mig-slice', migProfile: slice.profile },
      });
    }
  }

  const perPod = perPodCapacity(target.capacity);
  if (options.batching && perPod !== undefined) {
    const change = batchingChangeFromAdvice(options.batching, perPod);
    if (change && change.kind === 'batching') {
      out.push({
        id: 'batching',
        title: `Dynamic batching as advised (preferred [${(
          change.preferredBatchSizes ?? []
        ).join(', ')}], ${change.maxQueueDelayMicroseconds} µs)`,
        findingId: 'batching-saving',
        change,
      });
    }
  }
  return out;
}
