import { conditionHealth } from './conditionHealth';

describe('conditionHealth', () => {
  it.each([
    ['AbleToScale', 'True', 'ReadyForNewScale', 'ok'],
    ['AbleToScale', 'False', 'FailedGetScale', 'error'],
    ['ScalingActive', 'True', 'ValidMetricFound', 'ok'],
    ['ScalingActive', 'False', 'FailedGetExternalMetric', 'error'],
    ['ScalingActive', 'False', 'ScalingDisabled', 'neutral'],
    ['ScalingLimited', 'True', 'TooManyReplicas', 'warning'],
    ['ScalingLimited', 'False', 'DesiredWithinRange', 'ok'],
    ['Ready', 'False', 'TriggerError', 'error'],
    ['Active', 'False', 'ScalerNotActive', 'neutral'],
    ['Fallback', 'True', 'FallbackExists', 'error'],
    ['Fallback', 'False', 'NoFallbackFound', 'ok'],
    ['Paused', 'True', 'ScaledObjectPaused', 'warning'],
    ['Ready', 'Unknown', undefined, 'warning'],
  ])('%s=%s (%s) is %s', (type, status, reason, expected) => {
    expect(conditionHealth({ type, status, reason })).toBe(expected);
  });
});
