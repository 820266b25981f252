import { rawScaledObject } from '../slim/__fixtures__/rawObjects';
import { toSlimScaledObject } from '../slim/toSlimScaledObject';
import { kedaView } from './kedaView';
import { kedaTriggerThresholds } from './kedaTriggers';

describe('kedaView', () => {
  it('applies the spec and reads status', () => {
    const view = kedaView(toSlimScaledObject(rawScaledObject, 'demo'));
    expect(view).toMatchObject({
      name: 'image-classifier',
      minReplicaCount: 1,
      maxReplicaCount: 8,
      cooldownPeriod: 300,
      pollingInterval: 15,
      ready: true,
      active: true,
      paused: false,
      fallbackActive: false,
      fallback: { failureThreshold: 3, replicas: 4 },
      hpaName: 'keda-hpa-image-classifier',
    });
    expect(view.triggers[0]).toMatchObject({
      type: 'prometheus',
      name: 'rps',
      threshold: 100,
      activationThreshold: 5,
    });
  });

  it('applies KEDA defaults and detects fallback from health', () => {
    const so = toSlimScaledObject(
      {
        metadata: { name: 'batch-embedder', namespace: 'ml-batch' },
        spec: {
          scaleTargetRef: { name: 'batch-embedder' },
          fallback: { failureThreshold: 3, replicas: 6 },
          triggers: [
            {
              type: 'kafka',
              metadata: {
                bootstrapServers: 'kafka:9092',
                consumerGroup: 'embedder',
                topic: 'docs',
              },
            },
          ],
        },
        status: {
          health: {
            's0-kafka-docs': { numberOfFailures: 5, status: 'Failing' },
          },
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'TriggerError',
              message: 'dial tcp: i/o timeout',
            },
          ],
        },
      },
      'demo',
    );
    const view = kedaView(so);
    expect(view).toMatchObject({
      minReplicaCount: 0,
      maxReplicaCount: 100,
      cooldownPeriod: 300,
      pollingInterval: 30,
      ready: false,
    });
    expect(view.fallbackActive).toBe(true);
    expect(view.triggers[0]).toMatchObject({
      threshold: 10,
      activationThreshold: 0,
    });
  });
});

describe('kedaTriggerThresholds', () => {
  it.each([
    [
      {
        type: 'prometheus',
        metadata: { threshold: '100', activationThreshold: '5' },
      },
      { threshold: 100, activationThreshold: 5 },
    ],
    [
      {
        type: 'kafka',
        metadata: { lagThreshold: '50', activationLagThreshold: '10' },
      },
      { threshold: 50, activationThreshold: 10 },
    ],
    [
      { type: 'aws-sqs-queue', metadata: { queueURL: 'q' } },
      { threshold: 5, activationThreshold: 0 },
    ],
    [
      { type: 'cpu', metadata: { value: '60' } },
      { threshold: 60, activationThreshold: 0 },
    ],
    [
      {
        type: 'some-scaler',
        metadata: { targetValue: '7', activationTargetValue: '2' },
      },
      { threshold: 7, activationThreshold: 2 },
    ],
  ])('reads %j', (trigger, expected) => {
    expect(kedaTriggerThresholds(trigger)).toEqual(expected);
  });
});
