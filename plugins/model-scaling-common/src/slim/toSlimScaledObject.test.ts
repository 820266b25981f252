import { rawScaledObject } from './__fixtures__/rawObjects';
import { toSlimScaledObject } from './toSlimScaledObject';

describe('toSlimScaledObject', () => {
  it('reduces a ScaledObject with triggers, fallback, behavior and status', () => {
    const so = toSlimScaledObject(rawScaledObject, 'demo');
    expect(so.scaleTargetRef).toEqual({ name: 'image-classifier' });
    expect(so).toMatchObject({
      pollingInterval: 15,
      cooldownPeriod: 300,
      minReplicaCount: 1,
      maxReplicaCount: 8,
      fallback: { failureThreshold: 3, replicas: 4 },
      hpaBehavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
      paused: false,
    });
    expect(so.idleReplicaCount).toBeUndefined();
    expect(so.triggers).toEqual([
      {
        type: 'prometheus',
        name: 'rps',
        metadata: expect.objectContaining({
          threshold: '100',
          activationThreshold: '5',
        }),
      },
    ]);
    expect(so.status).toMatchObject({
      hpaName: 'keda-hpa-image-classifier',
      lastActiveTime: '2026-11-28T10:06:00Z',
      originalReplicaCount: 1,
      externalMetricNames: ['s0-prometheus'],
      health: { 's0-prometheus': { numberOfFailures: 0, status: 'Happy' } },
    });
    expect(so.status.conditions.find(c => c.type === 'Active')?.reason).toBe(
      'ScalerActive',
    );
  });

  it('reads the paused annotations', () => {
    const paused = toSlimScaledObject(
      {
        ...rawScaledObject,
        metadata: {
          name: 'x',
          annotations: { 'autoscaling.keda.sh/paused-replicas': '2' },
        },
      },
      'demo',
    );
    expect(paused.paused).toBe(true);
    expect(paused.pausedReplicas).toBe(2);
    const pausedHere = toSlimScaledObject(
      {
        metadata: {
          name: 'y',
          annotations: { 'autoscaling.keda.sh/paused': 'true' },
        },
      },
      'demo',
    );
    expect(pausedHere.paused).toBe(true);
    expect(pausedHere.pausedReplicas).toBeUndefined();
  });

  it('stringifies numeric trigger metadata written in YAML', () => {
    const so = toSlimScaledObject(
      {
        metadata: { name: 'z' },
        spec: {
          triggers: [
            { type: 'kafka', metadata: { lagThreshold: 50, topic: 'emb' } },
          ],
        },
      },
      'demo',
    );
    expect(so.triggers[0].metadata).toEqual({
      lagThreshold: '50',
      topic: 'emb',
    });
  });

  it('rejects an incomplete fallback naming the field', () => {
    expect(() =>
      toSlimScaledObject(
        { metadata: { name: 'z' }, spec: { fallback: { replicas: 3 } } },
        'demo',
      ),
    ).toThrow(
      'ScaledObject spec.fallback needs both failureThreshold and replicas',
    );
  });

  it('attack: credentials in trigger metadata are kept in the cache and sent to every reader of the Scaling tab', () => {
    const so = toSlimScaledObject(
      {
        ...rawScaledObject,
        spec: {
          ...rawScaledObject.spec,
          triggers: [
            {
              type: 'kafka',
              metadata: {
                bootstrapServers: 'kafka:9092',
                topic: 'jobs',
                consumerGroup: 'workers',
                lagThreshold: '50',
                sasl: 'plain',
                username: 'svc-kafka',
                password: 'hunter2-kafka',
              },
            },
            {
              type: 'aws-sqs-queue',
              metadata: {
                queueURL:
                  'https://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI@sqs.eu-west-1.amazonaws.com/1/jobs',
                queueLength: '5',
                awsAccessKeyID: 'AKIAIOSFODNN7EXAMPLE',
                awsSecretAccessKey: 'wJalrXUtnFEMI',
              },
            },
          ],
        },
      },
      'demo',
    );
    const text = JSON.stringify(so);
    for (const secret of [
      'hunter2-kafka',
      'wJalrXUtnFEMI',
      'AKIAIOSFODNN7EXAMPLE',
      'svc-kafka',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(so.triggers.map(t => t.metadata)).toEqual([
      { topic: 'jobs', consumerGroup: 'workers', lagThreshold: '50' },
      {
        queueURL: 'https://[redacted]@sqs.eu-west-1.amazonaws.com/1/jobs',
        queueLength: '5',
      },
    ]);
  });
});
