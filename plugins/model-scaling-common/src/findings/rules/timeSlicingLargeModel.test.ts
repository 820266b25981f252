import type { GpuSharing } from '../../types/status';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { timeSlicingLargeModelRule } from './timeSlicingLargeModel';

const timeSliced: GpuSharing = {
  mode: 'time-slicing',
  resourceName: 'nvidia.com/gpu',
  perPod: 1,
  replicas: 4,
  memoryIsolation: false,
  spot: true,
  nodes: [
    {
      name: 'gpu-h200-ts',
      product: 'NVIDIA-H200-SHARED',
      memoryMiB: 143771,
      replicas: 4,
      sharingStrategy: 'time-slicing',
      spot: true,
    },
  ],
};
const GIB = 2 ** 30;

describe('time-slicing-large-model', () => {
  it('flags a model larger than its share of a time-sliced GPU', () => {
    const [f] = timeSlicingLargeModelRule.evaluate(
      buildWorkloadModel({ gpu: timeSliced, modelSizeBytes: 40 * GIB }),
    );
    expect(f).toMatchObject({
      id: 'time-slicing-large-model',
      severity: 'warning',
    });
    expect(f.evidence).toContain('Up to 4 pods share each 140.4 GiB GPU');
    expect(f.evidence).toContain(
      'the 40 GiB model needs more than a fair share (35.1 GiB)',
    );
  });

  it('flags a large model when the GPU memory is unknown', () => {
    const unknown = { ...timeSliced, nodes: [] };
    expect(
      timeSlicingLargeModelRule.evaluate(
        buildWorkloadModel({ gpu: unknown, modelSizeBytes: 12 * GIB }),
      )[0].evidence,
    ).toContain('device memory is not known');
  });

  it('uses the MIG slice size for time-sliced MIG', () => {
    const mig: GpuSharing = {
      ...timeSliced,
      mode: 'mig',
      migProfile: '1g.18gb',
      migStrategy: 'mixed',
      replicas: 2,
    };
    expect(
      timeSlicingLargeModelRule.evaluate(
        buildWorkloadModel({ gpu: mig, modelSizeBytes: 10 * GIB }),
      )[0].title,
    ).toContain('MIG slice 1g.18gb');
  });

  it('stays quiet for a small model, isolated memory, or an unknown model size', () => {
    expect(
      timeSlicingLargeModelRule.evaluate(
        buildWorkloadModel({ gpu: timeSliced, modelSizeBytes: 0.4 * GIB }),
      ),
    ).toEqual([]);
    expect(
      timeSlicingLargeModelRule.evaluate(
        buildWorkloadModel({
          gpu: { ...timeSliced, mode: 'mps', memoryIsolation: true },
          modelSizeBytes: 80 * GIB,
        }),
      ),
    ).toEqual([]);
    expect(
      timeSlicingLargeModelRule.evaluate(
        buildWorkloadModel({ gpu: timeSliced }),
      ),
    ).toEqual([]);
  });
});
