import {
  kedaFallbackMetric,
  KedaFallbackMetricInput,
} from './kedaFallbackMetric';

const base: KedaFallbackMetricInput = {
  fallback: { failureThreshold: 3, replicas: 6 },
  failures: 4,
  targetType: 'AverageValue',
  target: 100,
  currentReplicas: 2,
  readyReplicas: 2,
};

describe('kedaFallbackMetric', () => {
  it('passes the error on while failures do not exceed the threshold', () => {
    expect(kedaFallbackMetric({ ...base, failures: 3 })).toEqual({
      kind: 'error',
      reason: 'below-threshold',
    });
  });

  it('passes the error on without a (valid) fallback', () => {
    expect(kedaFallbackMetric({ ...base, fallback: undefined })).toEqual({
      kind: 'error',
      reason: 'no-fallback',
    });
    expect(
      kedaFallbackMetric({
        ...base,
        fallback: { failureThreshold: -1, replicas: 6 },
      }),
    ).toMatchObject({ kind: 'error', reason: 'no-fallback' });
  });

  it('answers replicas × target for AverageValue targets', () => {
    expect(kedaFallbackMetric(base)).toEqual({
      kind: 'fallback',
      value: 600,
      replicas: 6,
    });
  });

  it('answers replicas ÷ ready pods × target for Value targets', () => {
    const r = kedaFallbackMetric({
      ...base,
      targetType: 'Value',
      target: 50,
      readyReplicas: 4,
    });
    expect(r).toEqual({ kind: 'fallback', value: 75, replicas: 6 });
    // The HPA: ratio 75/50 = 1.5 × 4 ready pods = 6 replicas.
  });

  it('cannot fall back on a Value target while no pod is ready (e.g. at zero)', () => {
    expect(
      kedaFallbackMetric({
        ...base,
        targetType: 'Value',
        currentReplicas: 0,
        readyReplicas: 0,
      }),
    ).toEqual({ kind: 'error', reason: 'no-ready-replicas' });
  });

  it('follows fallback.behavior', () => {
    expect(
      kedaFallbackMetric({
        ...base,
        fallback: {
          failureThreshold: 3,
          replicas: 6,
          behavior: 'currentReplicasIfHigher',
        },
        currentReplicas: 9,
      }),
    ).toMatchObject({ kind: 'fallback', replicas: 9, value: 900 });
  });

  it('truncates to milli-units as KEDA builds the quantity', () => {
    expect(
      kedaFallbackMetric({
        ...base,
        targetType: 'Value',
        target: 1,
        readyReplicas: 3,
        fallback: { failureThreshold: 0, replicas: 1 },
      }),
    ).toMatchObject({ value: 0.333 });
  });
});
