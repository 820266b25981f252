import { conditionInPlainWords } from './conditionPlain';

describe('conditionInPlainWords', () => {
  it('reads known HPA and KEDA reasons', () => {
    expect(
      conditionInPlainWords({
        type: 'ScalingLimited',
        status: 'True',
        reason: 'TooManyReplicas',
      }),
    ).toBe('The autoscaler wants more replicas than maxReplicas allows.');
    expect(
      conditionInPlainWords({
        type: 'Active',
        status: 'False',
        reason: 'ScalerCooldown',
      }),
    ).toContain('cooldown');
    expect(
      conditionInPlainWords({
        type: 'HPAActive',
        status: 'False',
        reason: 'FailedGetExternalMetric',
      }),
    ).toContain('external metric');
  });

  it('falls back to the type, status and message', () => {
    expect(
      conditionInPlainWords({
        type: 'Ready',
        status: 'False',
        reason: 'Weird',
        message: 'boom',
      }),
    ).toBe('The ScaledObject is not ready. boom');
    expect(
      conditionInPlainWords({ type: 'Custom', status: 'True', reason: 'X' }),
    ).toBe('Custom is True (X).');
    expect(conditionInPlainWords({ type: 'Custom', status: 'Unknown' })).toBe(
      'Custom: not known yet.',
    );
  });
});
