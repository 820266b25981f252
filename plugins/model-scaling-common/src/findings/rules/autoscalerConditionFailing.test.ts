import {
  deployment,
  hpa,
  kedaHpa,
  scaledObject,
} from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { autoscalerConditionFailingRule } from './autoscalerConditionFailing';

describe('autoscaler-condition-failing', () => {
  it('turns FailedGetResourceMetric into an error finding', () => {
    const h = hpa('text-classifier', {
      current: 2,
      conditions: [
        { type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale' },
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'FailedGetResourceMetric',
          message:
            'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container server of Pod text-classifier-7c9f-abcde',
        },
      ],
    });
    const [f] = autoscalerConditionFailingRule.evaluate(
      buildWorkloadModel({
        deployment: deployment('text-classifier'),
        hpas: [h],
      }),
    );
    expect(f).toMatchObject({
      id: 'autoscaler-condition-failing',
      severity: 'error',
      subject: 'HorizontalPodAutoscaler/text-classifier',
    });
    expect(f.title).toBe(
      'HorizontalPodAutoscaler/text-classifier: ScalingActive=False (FailedGetResourceMetric)',
    );
    expect(f.evidence).toContain('missing request for cpu');
    expect(f.fix).toContain('metrics-server');
  });

  it('reports KEDA’s HPA as the ScaledObject, and ignores its ScalingDisabled at zero', () => {
    const failing = kedaHpa('summarizer', {
      conditions: [
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'FailedGetExternalMetric',
          message: 'unable to get external metric ml-serving/s0-prometheus',
        },
      ],
    });
    const ctx = buildWorkloadModel({
      deployment: deployment('summarizer'),
      hpas: [failing],
      scaledObjects: [scaledObject('summarizer')],
    });
    expect(autoscalerConditionFailingRule.evaluate(ctx)[0].subject).toBe(
      'ScaledObject/summarizer',
    );
    const idle = kedaHpa('summarizer', {
      conditions: [
        {
          type: 'ScalingActive',
          status: 'False',
          reason: 'ScalingDisabled',
          message:
            'scaling is disabled since the replica count of the target is zero',
        },
      ],
    });
    expect(
      autoscalerConditionFailingRule.evaluate(
        buildWorkloadModel({
          hpas: [idle],
          scaledObjects: [scaledObject('summarizer')],
        }),
      ),
    ).toEqual([]);
  });

  it('reads KEDA’s HPAActive condition when the HPA is not in view', () => {
    const so = scaledObject('summarizer', {
      status: {
        conditions: [
          {
            type: 'HPAActive',
            status: 'False',
            reason: 'FailedGetExternalMetric',
          },
        ],
        health: {},
        externalMetricNames: [],
      },
    });
    expect(
      autoscalerConditionFailingRule.evaluate(
        buildWorkloadModel({ scaledObjects: [so] }),
      ),
    ).toHaveLength(1);
  });

  it('stays quiet for healthy conditions and manifests', () => {
    const ok = hpa('text-classifier', {
      conditions: [
        { type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound' },
        {
          type: 'ScalingLimited',
          status: 'False',
          reason: 'DesiredWithinRange',
        },
      ],
    });
    expect(
      autoscalerConditionFailingRule.evaluate(
        buildWorkloadModel({ hpas: [ok, hpa('plain')] }),
      ),
    ).toEqual([]);
  });
});
