import {
  deployment,
  hpa,
  kedaHpa,
  scaledObject,
} from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { hpaAtMaxReplicasRule } from './hpaAtMaxReplicas';

const hotCpu = [
  {
    type: 'Resource',
    resource: {
      name: 'cpu',
      current: { averageUtilization: 96, averageValue: '480m' },
    },
  },
  {
    type: 'Resource',
    resource: { name: 'memory', current: { averageUtilization: 52 } },
  },
];

describe('hpa-at-max-replicas', () => {
  it('flags an HPA at max with CPU above target', () => {
    const h = hpa('text-classifier', {
      current: 20,
      desired: 20,
      currentMetrics: hotCpu,
    });
    const [f] = hpaAtMaxReplicasRule.evaluate(
      buildWorkloadModel({
        deployment: deployment('text-classifier'),
        hpas: [h],
      }),
    );
    expect(f).toMatchObject({
      id: 'hpa-at-max-replicas',
      severity: 'warning',
      subject: 'HorizontalPodAutoscaler/text-classifier',
    });
    expect(f.evidence).toContain('20 of max 20 replicas');
    expect(f.evidence).toContain('cpu 96 % (target 70 %)');
  });

  it('reports KEDA’s HPA at max as the ScaledObject, from the TooManyReplicas condition', () => {
    const h = kedaHpa('image-classifier', {
      current: 8,
      desired: 8,
      conditions: [
        {
          type: 'ScalingLimited',
          status: 'True',
          reason: 'TooManyReplicas',
          message:
            'the desired replica count is more than the maximum replica count',
        },
      ],
    });
    const ctx = buildWorkloadModel({
      deployment: deployment('image-classifier'),
      hpas: [h],
      scaledObjects: [scaledObject('image-classifier')],
    });
    const [f] = hpaAtMaxReplicasRule.evaluate(ctx);
    expect(f.subject).toBe('ScaledObject/image-classifier');
    expect(f.evidence).toContain('TooManyReplicas');
  });

  it('stays quiet below max, at max within target, and on manifests without status', () => {
    const calm = [
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 71 } },
      },
    ];
    expect(
      hpaAtMaxReplicasRule.evaluate(
        buildWorkloadModel({
          hpas: [hpa('a', { current: 12, currentMetrics: hotCpu })],
        }),
      ),
    ).toEqual([]);
    expect(
      hpaAtMaxReplicasRule.evaluate(
        buildWorkloadModel({
          hpas: [hpa('a', { current: 20, currentMetrics: calm })],
        }),
      ),
    ).toEqual([]);
    expect(
      hpaAtMaxReplicasRule.evaluate(buildWorkloadModel({ hpas: [hpa('a')] })),
    ).toEqual([]);
  });
});
