import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { describeGpuSharing } from './describeGpuSharing';

describe('describeGpuSharing', () => {
  it('describes the four example services', () => {
    expect(
      describeGpuSharing(textClassifierStatus.workloads[0].gpu).headline,
    ).toBe('No GPU');
    expect(describeGpuSharing(imageClassifierStatus.workloads[0].gpu)).toEqual({
      headline: 'Exclusive GPU',
      detail: '1 whole GPU per pod (nvidia.com/gpu); no other pod shares it.',
    });
    expect(describeGpuSharing(batchEmbedderStatus.workloads[0].gpu)).toEqual({
      headline: 'Time-slicing ×4',
      detail:
        '1 time slice per pod (nvidia.com/gpu); up to 4 pods take turns on one GPU and share its memory without isolation.',
    });
    expect(describeGpuSharing(summarizerStatus.workloads[0].gpu)).toEqual({
      headline: 'MIG 1g.18gb',
      detail:
        '1 MIG slice per pod (nvidia.com/mig-1g.18gb), mixed strategy; the slice has its own memory and compute.',
    });
  });

  it('describes MPS and plural counts', () => {
    expect(
      describeGpuSharing({
        mode: 'mps',
        perPod: 2,
        replicas: 8,
        resourceName: 'nvidia.com/gpu',
        memoryIsolation: true,
        spot: false,
        nodes: [],
      }),
    ).toEqual({
      headline: 'MPS ×8',
      detail:
        "2 MPS shares per pod (nvidia.com/gpu); each share gets 1/8 of the GPU's compute and memory.",
    });
  });
});
