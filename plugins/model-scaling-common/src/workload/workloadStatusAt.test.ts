import fc from 'fast-check';
import {
  deployment,
  kedaHpa,
  pod,
  podSpec,
  scaledObject,
  tritonContainer,
} from '../findings/__fixtures__/records';
import {
  buildWorkloadStatus,
  buildWorkloadStatusAndModel,
  workloadStatusAt,
  WorkloadStatusInput,
} from './buildWorkloadStatus';
import type { SlimPod } from '../types/status';

const T0 = Date.parse('2026-11-28T10:00:00Z');
const MINUTE = 60_000;
const spec = podSpec([tritonContainer()]);

const owned = (p: SlimPod): SlimPod => ({
  ...p,
  ownerReplicaSet: 'image-classifier-abc',
});

/** Pods pending since T0 and replicas that grew without throughput: findings that change with time. */
const input: Omit<WorkloadStatusInput, 'now'> = {
  cluster: 'demo',
  deployment: deployment('image-classifier', spec, { specReplicas: 5 }),
  replicaSets: [
    {
      kind: 'ReplicaSet',
      meta: {
        ...deployment('image-classifier').meta,
        name: 'image-classifier-abc',
      },
      ownerDeployment: 'image-classifier',
      specReplicas: 5,
      readyReplicas: 3,
    },
  ],
  pods: [
    ...[1, 2, 3].map(i =>
      pod(`image-classifier-abc-${i}`, {
        spec,
        nodeName: 'gpu-h200-a',
        startTime: '2026-11-28T09:00:00Z',
        readyTime: '2026-11-28T09:01:30Z',
      }),
    ),
    ...[4, 5].map(i =>
      pod(`image-classifier-abc-${i}`, {
        spec,
        phase: 'Pending',
        created: '2026-11-28T10:00:00Z',
        pendingReason: 'Unschedulable',
        pendingMessage:
          '0/6 nodes are available: 3 Insufficient nvidia.com/gpu.',
      }),
    ),
  ].map(owned),
  hpas: [kedaHpa('image-classifier', { current: 5, desired: 5 })],
  scaledObjects: [scaledObject('image-classifier')],
  throughputHistory: [
    { at: T0 - 20 * MINUTE, replicas: 2, requestsPerSecond: 100 },
    { at: T0 - 10 * MINUTE, replicas: 4, requestsPerSecond: 101 },
    { at: T0 + 5 * MINUTE, replicas: 5, requestsPerSecond: 100 },
  ],
};

describe('workloadStatusAt', () => {
  it('equals the status built from scratch at the other time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 60 }),
        fc.integer({ min: -5, max: 60 }),
        (builtAt, askedAt) => {
          const built = buildWorkloadStatusAndModel({
            ...input,
            now: T0 + builtAt * MINUTE,
          });
          expect(workloadStatusAt(built, T0 + askedAt * MINUTE)).toEqual(
            buildWorkloadStatus({ ...input, now: T0 + askedAt * MINUTE }),
          );
        },
      ),
    );
  });

  it('re-evaluates the findings that read the time and shares everything else', () => {
    const built = buildWorkloadStatusAndModel({
      ...input,
      now: T0 + 4 * MINUTE,
    });
    const ids = (at: number) =>
      workloadStatusAt(built, T0 + at * MINUTE).findings.map(
        f => `${f.id}:${f.severity}`,
      );
    expect(ids(4)).toEqual(
      expect.arrayContaining([
        'pods-pending-while-scaling:warning',
        'replicas-without-throughput:warning',
      ]),
    );
    // Ten minutes pending is an error; the grown replicas left the 30-minute window.
    expect(ids(12)).toContain('pods-pending-while-scaling:error');
    expect(ids(40)).not.toContain('replicas-without-throughput:warning');
    const later = workloadStatusAt(built, T0 + 12 * MINUTE);
    expect(later.autoscaler).toBe(built.status.autoscaler);
    expect(later.pods).toBe(built.status.pods);
    expect(workloadStatusAt(built, T0 + 4 * MINUTE)).toBe(built.status);
  });
});
