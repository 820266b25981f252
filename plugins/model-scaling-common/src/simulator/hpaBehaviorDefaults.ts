import { tryParseQuantity } from '../quantity/parseQuantity';
import type { HpaBehavior, HpaScalingPolicy } from '../types/status';
import {
  DEFAULT_HPA_TOLERANCE,
  HpaTolerances,
} from './hpaReplicaRecommendation';

/** Default `--horizontal-pod-autoscaler-downscale-stabilization`, seconds. */
export const DEFAULT_DOWNSCALE_STABILIZATION_SECONDS = 300;

/** Scaling rules with every default filled in. */
export interface ResolvedScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: HpaScalingPolicy[];
}

/** An HPA `behavior` with the API server's and controller's defaults applied. */
export interface ResolvedHpaBehavior {
  scaleUp: ResolvedScalingRules;
  scaleDown: ResolvedScalingRules;
}

function selectPolicy(
  value: string | undefined,
): ResolvedScalingRules['selectPolicy'] {
  return value === 'Min' || value === 'Disabled' ? value : 'Max';
}

/**
 * Applies the defaults of `pkg/apis/autoscaling/v2/defaults.go` to a set
 * `behavior`: scale-up window 0 with `Max` of {4 pods, 100 %} per 15 s;
 * scale-down `Max` of {100 %} per 15 s with the controller's 300 s window.
 */
export function resolveHpaBehavior(
  behavior: HpaBehavior,
  downscaleStabilizationSeconds = DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
): ResolvedHpaBehavior {
  const up = behavior.scaleUp;
  const down = behavior.scaleDown;
  return {
    scaleUp: {
      stabilizationWindowSeconds: up?.stabilizationWindowSeconds ?? 0,
      selectPolicy: selectPolicy(up?.selectPolicy),
      policies: up?.policies ?? [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds:
        down?.stabilizationWindowSeconds ?? downscaleStabilizationSeconds,
      selectPolicy: selectPolicy(down?.selectPolicy),
      policies: down?.policies ?? [
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
  };
}

/** The tolerances in force: `behavior.scaleUp|scaleDown.tolerance` (KEP-4951) or the controller default 0.1. */
export function hpaTolerances(
  behavior: HpaBehavior | undefined,
  defaultTolerance = DEFAULT_HPA_TOLERANCE,
): HpaTolerances {
  return {
    scaleUp: tryParseQuantity(behavior?.scaleUp?.tolerance) ?? defaultTolerance,
    scaleDown:
      tryParseQuantity(behavior?.scaleDown?.tolerance) ?? defaultTolerance,
  };
}
