import {
  deployment,
  hpa,
  kedaHpa,
  podSpec,
  scaledObject,
  tritonContainer,
} from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { defaultScaleDownWindowRule } from './defaultScaleDownWindow';

describe('default-scale-down-window', () => {
  it('flags an HPA without a scale-down window, as info on CPU', () => {
    const ctx = buildWorkloadModel({
      pattern: 'realtime-cpu',
      deployment: deployment('text-classifier'),
      hpas: [hpa('text-classifier')],
    });
    const [f] = defaultScaleDownWindowRule.evaluate(ctx);
    expect(f).toMatchObject({
      id: 'default-scale-down-window',
      severity: 'info',
      subject: 'HorizontalPodAutoscaler/text-classifier',
    });
    expect(f.fix).toContain('60 s, the realtime-cpu golden-path value');
  });

  it('warns for a GPU ScaledObject without a window, naming the GPU cost', () => {
    const d = deployment('image-classifier', podSpec([tritonContainer()]));
    const so = scaledObject('image-classifier', {
      hpaBehavior: { scaleUp: { stabilizationWindowSeconds: 0 } },
    });
    const [f] = defaultScaleDownWindowRule.evaluate(
      buildWorkloadModel({
        deployment: d,
        scaledObjects: [so],
        hpas: [kedaHpa('image-classifier')],
      }),
    );
    expect(f).toMatchObject({
      severity: 'warning',
      subject: 'ScaledObject/image-classifier',
    });
    expect(f.evidence).toContain('nvidia.com/gpu idle');
  });

  it('stays quiet with explicit windows, and does not report KEDA’s own HPA', () => {
    const d = deployment('image-classifier');
    const ctx = buildWorkloadModel({
      deployment: d,
      hpas: [
        kedaHpa('image-classifier'),
        hpa('other', {
          behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
        }),
      ],
      scaledObjects: [scaledObject('image-classifier')],
    });
    expect(defaultScaleDownWindowRule.evaluate(ctx)).toEqual([]);
    const explicit = buildWorkloadModel({
      hpas: [
        hpa('text-classifier', {
          behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
        }),
      ],
    });
    expect(defaultScaleDownWindowRule.evaluate(explicit)).toEqual([]);
  });
});
