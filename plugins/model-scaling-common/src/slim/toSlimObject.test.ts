import {
  rawDeployment,
  rawGpuNode,
  rawHpa,
  rawPodRunning,
  rawReplicaSet,
  rawRescaleEvent,
  rawScaledObject,
} from './__fixtures__/rawObjects';
import { toSlimObject } from './toSlimObject';

describe('toSlimObject', () => {
  it.each([
    ['Deployment', rawDeployment],
    ['ReplicaSet', rawReplicaSet],
    ['Pod', rawPodRunning],
    ['Node', rawGpuNode],
    ['HorizontalPodAutoscaler', rawHpa],
    ['ScaledObject', rawScaledObject],
    ['Event', rawRescaleEvent],
  ])('dispatches %s', (kind, raw) => {
    expect(toSlimObject(kind, raw, 'demo')?.kind).toBe(kind);
  });

  it('reduces Services and ScaledJobs', () => {
    const svc = toSlimObject(
      'Service',
      {
        metadata: { name: 'image-classifier', namespace: 'ml-serving' },
        spec: {
          selector: { 'app.kubernetes.io/name': 'image-classifier' },
          ports: [
            { name: 'http', port: 8000, targetPort: 'http' },
            { name: 'metrics', port: 8002, targetPort: 8002 },
          ],
        },
      },
      'demo',
    );
    expect(svc).toMatchObject({
      kind: 'Service',
      selector: { 'app.kubernetes.io/name': 'image-classifier' },
      ports: [
        { name: 'http', port: 8000, targetPort: 'http' },
        { name: 'metrics', port: 8002, targetPort: 8002 },
      ],
    });
    const job = toSlimObject(
      'ScaledJob',
      {
        metadata: { name: 'reindex' },
        spec: {
          maxReplicaCount: 10,
          triggers: [{ type: 'aws-sqs-queue', metadata: { queueLength: '5' } }],
        },
        status: { lastActiveTime: new Date('2026-11-28T00:00:00Z') },
      },
      'demo',
    );
    expect(job).toMatchObject({
      kind: 'ScaledJob',
      maxReplicaCount: 10,
      status: { lastActiveTime: '2026-11-28T00:00:00.000Z' },
    });
  });

  it('rejects unknown kinds', () => {
    expect(() => toSlimObject('StatefulSet', rawDeployment, 'demo')).toThrow(
      'StatefulSet kind is not one of',
    );
  });

  it('never throws on partial objects that have a name', () => {
    for (const kind of [
      'Deployment',
      'ReplicaSet',
      'Pod',
      'Node',
      'HorizontalPodAutoscaler',
      'ScaledObject',
      'ScaledJob',
      'Service',
    ]) {
      expect(() =>
        toSlimObject(kind, { metadata: { name: 'x' } }, 'demo'),
      ).not.toThrow();
      expect(() =>
        toSlimObject(
          kind,
          { metadata: { name: 'x' }, spec: {}, status: {} },
          'demo',
        ),
      ).not.toThrow();
    }
  });
});
