import { rawPodPending, rawPodRunning } from './__fixtures__/rawObjects';
import { toSlimPod } from './toSlimPod';

describe('toSlimPod', () => {
  it('reduces a running, ready pod', () => {
    const pod = toSlimPod(rawPodRunning, 'demo');
    expect(pod).toMatchObject({
      phase: 'Running',
      ready: true,
      nodeName: 'gpu-h200-a',
      podIP: '10.42.3.17',
      ownerReplicaSet: 'image-classifier-7d9c6b5f4d',
      startTime: '2026-11-28T10:00:02Z',
      readyTime: '2026-11-28T10:01:34Z',
      restartCount: 1,
    });
    expect(pod.pendingReason).toBeUndefined();
    expect(pod.spec.containers[0].requests['nvidia.com/gpu']).toBe('1');
    expect(pod.conditions.map(c => c.type)).toEqual([
      'PodScheduled',
      'Initialized',
      'ContainersReady',
      'Ready',
    ]);
  });

  it('keeps the scheduler reason of an unschedulable pod', () => {
    const pod = toSlimPod(rawPodPending, 'demo');
    expect(pod.phase).toBe('Pending');
    expect(pod.ready).toBe(false);
    expect(pod.readyTime).toBeUndefined();
    expect(pod.pendingReason).toBe('Unschedulable');
    expect(pod.pendingMessage).toContain('Insufficient nvidia.com/gpu');
  });

  it('reports the waiting reason of a scheduled pod that is not running yet', () => {
    const pod = toSlimPod(
      {
        metadata: { name: 'p' },
        spec: { nodeName: 'n1', containers: [{ name: 'c' }] },
        status: {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'True' }],
          containerStatuses: [
            {
              name: 'c',
              restartCount: 0,
              state: {
                waiting: {
                  reason: 'ImagePullBackOff',
                  message: 'Back-off pulling image',
                },
              },
            },
          ],
        },
      },
      'demo',
    );
    expect(pod.pendingReason).toBe('ImagePullBackOff');
    expect(pod.pendingMessage).toBe('Back-off pulling image');
  });

  it('does not take readyTime from a Ready=False condition', () => {
    const pod = toSlimPod(
      {
        metadata: {
          name: 'p',
          deletionTimestamp: new Date('2026-11-28T11:00:00Z'),
        },
        status: {
          phase: 'Running',
          startTime: new Date('2026-11-28T10:00:00Z'),
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              lastTransitionTime: new Date('2026-11-28T10:00:05Z'),
            },
          ],
        },
      },
      'demo',
    );
    expect(pod.ready).toBe(false);
    expect(pod.readyTime).toBeUndefined();
    expect(pod.startTime).toBe('2026-11-28T10:00:00.000Z');
    expect(pod.deletionTimestamp).toBe('2026-11-28T11:00:00.000Z');
  });

  it('rejects a malformed timestamp naming the field', () => {
    expect(() =>
      toSlimPod(
        { metadata: { name: 'p' }, status: { startTime: 'yesterday' } },
        'demo',
      ),
    ).toThrow('Pod status.startTime must be an RFC 3339 timestamp');
  });
});
