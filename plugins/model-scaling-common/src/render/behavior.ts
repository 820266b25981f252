import type { ScalingBehaviorPreset } from '../patterns/presets';

/**
 * The explicit autoscaling/v2 `behavior` of a plan. Scale-up keeps the
 * Kubernetes defaults, written out (4 pods or 100 % per 15 s, the larger);
 * scale-down uses the preset's stabilization window and rate, so it never
 * falls back to the silent 300 s default.
 */
export function renderBehavior(b: ScalingBehaviorPreset) {
  return {
    scaleUp: {
      stabilizationWindowSeconds: b.scaleUpStabilizationWindowSeconds,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    },
    scaleDown: {
      stabilizationWindowSeconds: b.scaleDownStabilizationWindowSeconds,
      selectPolicy: 'Max',
      policies: [
        {
          type: 'Percent',
          value: b.scaleDownPercent,
          periodSeconds: b.scaleDownPeriodSeconds,
        },
      ],
    },
  };
}
