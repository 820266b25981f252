import { fileEditInWords, planChangeInWords, showValue } from './fixInWords';

describe('fixInWords', () => {
  it('shows values as they read in a file', () => {
    expect(showValue(undefined)).toBe('absent');
    expect(showValue('Max')).toBe('Max');
    expect(showValue([4, 8, 16])).toBe('[4,8,16]');
  });

  it('says a plan change', () => {
    expect(
      planChangeInWords({
        path: ['autoscaling', 'scaleDownStabilizationWindowSeconds'],
        to: 60,
      }),
    ).toBe('set autoscaling.scaleDownStabilizationWindowSeconds to 60');
    expect(planChangeInWords({ path: ['gpu', 'mig'], to: undefined })).toBe(
      'remove gpu.mig',
    );
  });

  it('says a file edit with its document, field, old and new value', () => {
    const base = {
      file: 'k8s/hpa.yaml',
      format: 'yaml' as const,
      document: { kind: 'HorizontalPodAutoscaler', name: 'text-classifier' },
      path: ['spec', 'behavior', 'scaleDown', 'stabilizationWindowSeconds'],
      reason: 'r',
    };
    expect(fileEditInWords({ ...base, from: 300, to: 60 })).toBe(
      'k8s/hpa.yaml HorizontalPodAutoscaler/text-classifier spec.behavior.scaleDown.stabilizationWindowSeconds: 300 → 60',
    );
    expect(fileEditInWords({ ...base, from: undefined, to: 60 })).toMatch(
      /: add 60$/,
    );
    expect(fileEditInWords({ ...base, from: 300, to: undefined })).toMatch(
      /: remove \(now 300\)$/,
    );
    expect(
      fileEditInWords({
        file: 'model_repository/resnet50/config.pbtxt',
        format: 'pbtxt',
        path: ['dynamic_batching', 'preferred_batch_size'],
        from: [4, 8],
        to: [4, 8, 16],
        reason: 'r',
      }),
    ).toBe(
      'model_repository/resnet50/config.pbtxt dynamic_batching.preferred_batch_size: [4,8] → [4,8,16]',
    );
  });
});
