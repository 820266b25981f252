import { scaledObject } from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { kedaFallbackActiveRule } from './kedaFallbackActive';

describe('keda-fallback-active', () => {
  it('flags a ScaledObject on fallback', () => {
    const so = scaledObject('image-classifier', {
      fallback: { failureThreshold: 3, replicas: 4 },
      status: {
        conditions: [
          {
            type: 'Fallback',
            status: 'True',
            reason: 'FallbackExists',
            message:
              'At least one trigger is falling back on this scaled object',
          },
        ],
        health: { 's0-prometheus': { numberOfFailures: 7, status: 'Failing' } },
        externalMetricNames: ['s0-prometheus'],
      },
    });
    const [f] = kedaFallbackActiveRule.evaluate(
      buildWorkloadModel({ scaledObjects: [so] }),
    );
    expect(f).toMatchObject({
      id: 'keda-fallback-active',
      severity: 'warning',
      subject: 'ScaledObject/image-classifier',
    });
    expect(f.title).toBe(
      'ScaledObject/image-classifier is on fallback: 4 replicas regardless of load',
    );
    expect(f.evidence).toContain(
      's0-prometheus failed 7 times (failureThreshold 3, behavior static)',
    );
  });

  it('stays quiet while the triggers are healthy or below the threshold', () => {
    const below = scaledObject('image-classifier', {
      fallback: { failureThreshold: 3, replicas: 4 },
      status: {
        conditions: [],
        health: { 's0-prometheus': { numberOfFailures: 2, status: 'Failing' } },
        externalMetricNames: [],
      },
    });
    expect(
      kedaFallbackActiveRule.evaluate(
        buildWorkloadModel({
          scaledObjects: [scaledObject('image-classifier'), below],
        }),
      ),
    ).toEqual([]);
  });
});
