import {
  deployment,
  kedaHpa,
  pod,
  podSpec,
  scaledObject,
  tritonContainer,
} from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { podsPendingWhileScalingRule } from './podsPendingWhileScaling';

const spec = podSpec([tritonContainer()]);
const running = [1, 2, 3].map(i =>
  pod(`image-classifier-abc-${i}`, {
    spec,
    nodeName: 'gpu-h200-a',
    startTime: '2026-11-28T09:00:00Z',
    readyTime: '2026-11-28T09:01:30Z',
  }),
);
const unschedulable = [4, 5].map(i =>
  pod(`image-classifier-abc-${i}`, {
    spec,
    phase: 'Pending',
    created: '2026-11-28T10:00:00Z',
    pendingReason: 'Unschedulable',
    pendingMessage:
      '0/6 nodes are available: 3 Insufficient nvidia.com/gpu, 3 node(s) had untolerated taint {dedicated: batch}.',
  }),
);

describe('pods-pending-while-scaling', () => {
  it('flags unschedulable GPU pods while KEDA’s HPA wants 5', () => {
    const ctx = buildWorkloadModel({
      deployment: deployment('image-classifier', spec, { specReplicas: 5 }),
      pods: [...running, ...unschedulable],
      hpas: [kedaHpa('image-classifier', { current: 5, desired: 5 })],
      scaledObjects: [scaledObject('image-classifier')],
      now: '2026-11-28T10:04:00Z',
    });
    const [f] = podsPendingWhileScalingRule.evaluate(ctx);
    expect(f).toMatchObject({
      id: 'pods-pending-while-scaling',
      severity: 'warning',
      subject: 'Deployment/image-classifier',
    });
    expect(f.evidence).toContain('2 pods Pending for up to 4 min');
    expect(f.evidence).toContain('Insufficient nvidia.com/gpu');
    expect(f.evidence).toContain('3 ready of 5 wanted');
    expect(f.fix).toContain('GPU nodes');
  });

  it('escalates to an error after 10 minutes unschedulable', () => {
    const ctx = buildWorkloadModel({
      deployment: deployment('image-classifier', spec, { specReplicas: 5 }),
      pods: [...running, ...unschedulable],
      now: '2026-11-28T10:12:00Z',
    });
    expect(podsPendingWhileScalingRule.evaluate(ctx)[0].severity).toBe('error');
  });

  it('ignores a pod that is briefly pulling its image, and pending pods nobody wants', () => {
    const pulling = pod('image-classifier-abc-4', {
      spec,
      phase: 'Pending',
      created: '2026-11-28T10:03:30Z',
      pendingReason: 'ContainerCreating',
    });
    const ctx = buildWorkloadModel({
      deployment: deployment('image-classifier', spec, { specReplicas: 4 }),
      pods: [...running, pulling],
      now: '2026-11-28T10:04:00Z',
    });
    expect(podsPendingWhileScalingRule.evaluate(ctx)).toEqual([]);
    const surplus = buildWorkloadModel({
      deployment: deployment('image-classifier', spec, { specReplicas: 3 }),
      pods: [...running, unschedulable[0]],
      now: '2026-11-28T10:04:00Z',
    });
    expect(podsPendingWhileScalingRule.evaluate(surplus)).toEqual([]);
  });
});
