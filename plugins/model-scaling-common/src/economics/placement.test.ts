import type { GpuSharing } from '../types/status';
import { placementFromGpuSharing } from './placement';

const base: GpuSharing = {
  mode: 'mig',
  resourceName: 'nvidia.com/mig-1g.10gb',
  perPod: 1,
  migProfile: '1g.10gb',
  memoryIsolation: true,
  spot: true,
  nodes: [
    { name: 'gpu-1', product: 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb', spot: true },
  ],
};

describe('placementFromGpuSharing', () => {
  it('takes product, slice and capacity type from the interpreted live GPU view', () => {
    expect(placementFromGpuSharing(base)).toEqual({
      placement: {
        product: 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb',
        gpusPerPod: 1,
        sharing: 'mig',
        migProfile: '1g.10gb',
        capacity: 'spot',
      },
    });
    expect(
      placementFromGpuSharing({
        ...base,
        mode: 'time-slicing',
        migProfile: undefined,
        replicas: 4,
        spot: false,
      }),
    ).toEqual({
      placement: {
        product: base.nodes[0].product,
        gpusPerPod: 1,
        sharing: 'time-slicing',
        sharedBy: 4,
        capacity: 'on-demand',
      },
    });
  });

  it('says why there is no placement', () => {
    expect(
      placementFromGpuSharing({ ...base, mode: 'none', perPod: 0 }),
    ).toEqual({ problem: 'the workload requests no GPU' });
    expect(
      placementFromGpuSharing({ ...base, nodes: [{ name: 'n', spot: false }] }),
    ).toEqual({
      problem: expect.stringContaining('no nvidia.com/gpu.product label'),
    });
    expect(
      placementFromGpuSharing({ ...base, mode: 'mps', replicas: undefined }),
    ).toEqual({
      problem: expect.stringContaining(
        'mps: the nodes carry no nvidia.com/gpu.replicas label',
      ),
    });
  });
});
