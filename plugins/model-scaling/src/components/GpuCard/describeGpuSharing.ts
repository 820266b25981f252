import { GpuSharing } from '@internal/plugin-model-scaling-common';

/** A GPU sharing mode in a headline and a sentence. */
export interface GpuSharingDescription {
  headline: string;
  detail: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Says what the sharing mode means for one pod, in words. */
export function describeGpuSharing(gpu: GpuSharing): GpuSharingDescription {
  const resource = gpu.resourceName ? ` (${gpu.resourceName})` : '';
  switch (gpu.mode) {
    case 'exclusive':
      return {
        headline: 'Exclusive GPU',
        detail: `${plural(
          gpu.perPod,
          'whole GPU',
        )} per pod${resource}; no other pod shares it.`,
      };
    case 'time-slicing':
      return {
        headline: `Time-slicing ×${gpu.replicas ?? '?'}`,
        detail: `${plural(
          gpu.perPod,
          'time slice',
        )} per pod${resource}; up to ${
          gpu.replicas ?? 'several'
        } pods take turns on one GPU and share its memory without isolation.`,
      };
    case 'mps':
      return {
        headline: `MPS ×${gpu.replicas ?? '?'}`,
        detail: `${plural(
          gpu.perPod,
          'MPS share',
        )} per pod${resource}; each share gets 1/${
          gpu.replicas ?? 'N'
        } of the GPU's compute and memory.`,
      };
    case 'mig':
      return {
        headline: `MIG ${gpu.migProfile ?? 'profile unknown'}`,
        detail: `${plural(gpu.perPod, 'MIG slice')} per pod${resource}${
          gpu.migStrategy ? `, ${gpu.migStrategy} strategy` : ''
        }; the slice has its own memory and compute.`,
      };
    default:
      return {
        headline: 'No GPU',
        detail: 'The pods request no GPU resource; the workload runs on CPU.',
      };
  }
}
