import { rawHpa } from '../slim/__fixtures__/rawObjects';
import { toSlimHpa } from '../slim/toSlimHpa';
import { hpaView } from './hpaView';

describe('hpaView', () => {
  it('pairs each metric target with its current value and reads conditions', () => {
    const view = hpaView(toSlimHpa(rawHpa, 'demo'));
    expect(view).toMatchObject({
      name: 'text-classifier',
      minReplicas: 2,
      maxReplicas: 20,
      currentReplicas: 4,
      desiredReplicas: 4,
      scaleDownStabilizationSeconds: 120,
      managedByKeda: false,
      lastScaleTime: '2026-11-28T09:58:13Z',
    });
    expect(view.metrics).toEqual([
      {
        name: 'cpu',
        sourceType: 'Resource',
        targetType: 'Utilization',
        target: 70,
        current: 82,
      },
      {
        name: 'memory',
        sourceType: 'Resource',
        targetType: 'Utilization',
        target: 80,
        current: 68,
      },
    ]);
    expect(view.conditions[0].plain).toContain('free to scale');
  });

  it('defaults the scale-down window to 300 s and parses quantity targets', () => {
    const hpa = toSlimHpa(
      {
        metadata: {
          name: 'keda-hpa-image-classifier',
          labels: { 'app.kubernetes.io/managed-by': 'keda-operator' },
        },
        spec: {
          scaleTargetRef: { kind: 'Deployment', name: 'image-classifier' },
          minReplicas: 1,
          maxReplicas: 8,
          metrics: [
            {
              type: 'External',
              external: {
                metric: { name: 's0-prometheus' },
                target: { type: 'AverageValue', averageValue: '100' },
              },
            },
          ],
        },
        status: {
          currentReplicas: 3,
          desiredReplicas: 4,
          currentMetrics: [
            {
              type: 'External',
              external: {
                metric: { name: 's0-prometheus' },
                current: { averageValue: '128500m' },
              },
            },
          ],
          conditions: [
            {
              type: 'ScalingActive',
              status: 'False',
              reason: 'FailedGetExternalMetric',
              message: 'unable to get external metric',
            },
          ],
        },
      },
      'demo',
    );
    const view = hpaView(hpa);
    expect(view.scaleDownStabilizationSeconds).toBe(300);
    expect(view.managedByKeda).toBe(true);
    expect(view.metrics).toEqual([
      {
        name: 's0-prometheus',
        sourceType: 'External',
        targetType: 'AverageValue',
        target: 100,
        current: 128.5,
      },
    ]);
    expect(view.conditions[0].plain).toContain(
      'cannot read an external metric',
    );
  });

  it('leaves current undefined while a metric is missing', () => {
    const hpa = toSlimHpa(
      { ...rawHpa, status: { currentReplicas: 2, desiredReplicas: 2 } },
      'demo',
    );
    expect(hpaView(hpa).metrics.every(m => m.current === undefined)).toBe(true);
  });
});
