import {
  deployment,
  kedaHpa,
  node,
  pod,
  podSpec,
  scaledObject,
  tritonContainer,
} from '../findings/__fixtures__/records';
import { buildWorkloadStatus } from '../workload/buildWorkloadStatus';
import { replayTargetForWorkload } from './replayTargetForWorkload';

function workload(nodeLabels: Record<string, string>) {
  const spec = podSpec([tritonContainer()]);
  return buildWorkloadStatus({
    cluster: 'demo',
    deployment: deployment('image-classifier', spec),
    replicaSets: [],
    pods: [
      pod('image-classifier-1', {
        spec,
        nodeName: 'gpu-1',
        created: '2026-11-28T10:00:00Z',
        readyTime: '2026-11-28T10:01:00Z',
      }),
    ],
    nodes: [node('gpu-1', nodeLabels, { 'nvidia.com/gpu': '8' })],
    hpas: [kedaHpa('image-classifier')],
    scaledObjects: [scaledObject('image-classifier')],
    events: [],
    now: new Date('2026-11-28T12:00:00Z'),
  });
}

describe('replayTargetForWorkload', () => {
  it("replays the live ScaledObject on the workload's GPU", () => {
    const result = replayTargetForWorkload(
      workload({ 'nvidia.com/gpu.product': 'NVIDIA-H200' }),
      { pattern: 'realtime-gpu', latencySloMs: 100 },
    );
    if (!('target' in result)) throw new Error(result.problem);
    expect(result.target.autoscaler.kind).toBe('ScaledObject');
    expect(result.target.placement).toEqual({
      product: 'NVIDIA-H200',
      gpusPerPod: 1,
      sharing: 'exclusive',
      capacity: 'on-demand',
    });
    expect(result.target.latencySloMs).toBe(100);
    expect(result.target.capacity.maxRpsPerPod).toBeGreaterThan(0);
  });

  it('says why there is no target when the GPU product is unknown', () => {
    expect(replayTargetForWorkload(workload({}), {})).toEqual({
      problem: expect.stringContaining('nvidia.com/gpu.product'),
    });
  });
});
