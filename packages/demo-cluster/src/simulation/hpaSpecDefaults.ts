import type {
  HpaBehavior,
  HpaScalingRules,
} from '@internal/plugin-model-scaling-common';

/**
 * Fills `behavior` the way the API server defaults autoscaling/v2 objects
 * (pkg/apis/autoscaling/v2/defaults.go): scale-up window 0 with Max of 4 pods or 100 %
 * per 15 s, scale-down Max of 100 % per 15 s with the window left unset (the
 * controller's 300 s applies).
 */
export function defaultHpaBehavior(
  behavior: HpaBehavior | undefined,
): HpaBehavior | undefined {
  if (!behavior) return undefined;
  const up: HpaScalingRules = {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    ...(behavior.scaleUp ?? {}),
  };
  if (!up.policies || up.policies.length === 0) {
    up.policies = [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ];
  }
  const down: HpaScalingRules = {
    selectPolicy: 'Max',
    ...(behavior.scaleDown ?? {}),
  };
  if (!down.policies || down.policies.length === 0) {
    down.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  }
  return { scaleUp: up, scaleDown: down };
}
