import {
  CPU_70,
  deployment,
  hpa,
  podSpec,
  scaledObject,
  tritonContainer,
} from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { cpuMetricOnGpuRule } from './cpuMetricOnGpu';

const gpuDeployment = deployment(
  'image-classifier',
  podSpec([tritonContainer()]),
);

describe('cpu-metric-on-gpu', () => {
  it('warns when GPU pods are scaled only on CPU', () => {
    const [f] = cpuMetricOnGpuRule.evaluate(
      buildWorkloadModel({
        deployment: gpuDeployment,
        hpas: [hpa('image-classifier', { metrics: [CPU_70] })],
      }),
    );
    expect(f).toMatchObject({
      id: 'cpu-metric-on-gpu',
      severity: 'warning',
      subject: 'HorizontalPodAutoscaler/image-classifier',
    });
    expect(f.evidence).toContain('nvidia.com/gpu (exclusive)');
    expect(f.evidence).toContain('target 70 %');
  });

  it('flags a KEDA cpu trigger next to a request-rate trigger as info', () => {
    const so = scaledObject('image-classifier', {
      triggers: [
        ...scaledObject('x').triggers,
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } },
      ],
    });
    const [f] = cpuMetricOnGpuRule.evaluate(
      buildWorkloadModel({ deployment: gpuDeployment, scaledObjects: [so] }),
    );
    expect(f).toMatchObject({
      severity: 'info',
      subject: 'ScaledObject/image-classifier',
    });
  });

  it('stays quiet for CPU pods and for GPU pods scaled on requests', () => {
    expect(
      cpuMetricOnGpuRule.evaluate(
        buildWorkloadModel({
          deployment: deployment('text-classifier'),
          hpas: [hpa('text-classifier')],
        }),
      ),
    ).toEqual([]);
    expect(
      cpuMetricOnGpuRule.evaluate(
        buildWorkloadModel({
          deployment: gpuDeployment,
          scaledObjects: [scaledObject('image-classifier')],
        }),
      ),
    ).toEqual([]);
  });
});
