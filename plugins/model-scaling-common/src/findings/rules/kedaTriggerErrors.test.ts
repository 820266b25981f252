import { scaledObject } from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { kedaTriggerErrorsRule } from './kedaTriggerErrors';

const broken = (fallback?: { failureThreshold: number; replicas: number }) =>
  scaledObject('batch-embedder', {
    ...(fallback ? { fallback } : {}),
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'TriggerError',
          message:
            'error getting metric: kafka: client has run out of available brokers to talk to',
        },
      ],
      health: {
        's0-kafka-documents': { numberOfFailures: 12, status: 'Failing' },
      },
      externalMetricNames: ['s0-kafka-documents'],
    },
  });

describe('keda-trigger-errors', () => {
  it('is an error without a fallback', () => {
    const [f] = kedaTriggerErrorsRule.evaluate(
      buildWorkloadModel({ scaledObjects: [broken()] }),
    );
    expect(f).toMatchObject({
      id: 'keda-trigger-errors',
      severity: 'error',
      subject: 'ScaledObject/batch-embedder',
    });
    expect(f.evidence).toContain(
      'Ready=False (TriggerError): error getting metric: kafka',
    );
    expect(f.evidence).toContain('s0-kafka-documents (12 failures)');
    expect(f.evidence).toContain('There is no fallback');
  });

  it('is a warning with a fallback', () => {
    expect(
      kedaTriggerErrorsRule.evaluate(
        buildWorkloadModel({
          scaledObjects: [broken({ failureThreshold: 3, replicas: 6 })],
        }),
      )[0].severity,
    ).toBe('warning');
  });

  it('stays quiet for a ready ScaledObject', () => {
    const ok = scaledObject('x', {
      status: {
        conditions: [
          { type: 'Ready', status: 'True', reason: 'ScaledObjectReady' },
        ],
        health: { 's0-prometheus': { numberOfFailures: 0, status: 'Happy' } },
        externalMetricNames: [],
      },
    });
    expect(
      kedaTriggerErrorsRule.evaluate(
        buildWorkloadModel({ scaledObjects: [ok] }),
      ),
    ).toEqual([]);
  });
});
