import { SlimCondition } from '@internal/plugin-model-scaling-common';

/** How a condition reads for a person: good, worth a look, broken, or just a state. */
export type ConditionHealth = 'ok' | 'warning' | 'error' | 'neutral';

/**
 * Whether an HPA or KEDA condition is good news. `True` is not always good:
 * `ScalingLimited=True` and `Fallback=True` are warnings, and an idle
 * scale-to-zero workload (`Active=False`, `ScalingActive=False/ScalingDisabled`)
 * is simply at rest.
 */
export function conditionHealth(condition: SlimCondition): ConditionHealth {
  const { type, status, reason } = condition;
  if (status === 'Unknown') {
    return 'warning';
  }
  const isTrue = status === 'True';
  switch (type) {
    case 'ScalingLimited':
      return isTrue ? 'warning' : 'ok';
    case 'Fallback':
      return isTrue ? 'error' : 'ok';
    case 'Paused':
      return isTrue ? 'warning' : 'ok';
    case 'Active':
      return isTrue ? 'ok' : 'neutral';
    case 'ScalingActive':
    case 'HPAActive':
      if (isTrue) {
        return 'ok';
      }
      return reason === 'ScalingDisabled' ? 'neutral' : 'error';
    case 'Ready':
    case 'AbleToScale':
      return isTrue ? 'ok' : 'error';
    default:
      return isTrue ? 'ok' : 'neutral';
  }
}
