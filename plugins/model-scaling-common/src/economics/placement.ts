import type { ModelServicePlan } from '../plan/planSchema';
import type { GpuSharing } from '../types/status';
import type { GpuPlacement } from './types';

/**
 * The placement of a live workload from its interpreted GPU sharing (GFD
 * labels, pod resources, spot labels): a problem when it holds no GPU or its
 * nodes do not name their product.
 */
export function placementFromGpuSharing(
  sharing: GpuSharing,
): { placement: GpuPlacement } | { problem: string } {
  if (sharing.mode === 'none' || sharing.perPod <= 0) {
    return { problem: 'the workload requests no GPU' };
  }
  const product = sharing.nodes.find(n => n.product)?.product;
  if (!product) {
    return {
      problem:
        'the GPU nodes carry no nvidia.com/gpu.product label, so the product (and its price) is unknown',
    };
  }
  const placement: GpuPlacement = {
    product,
    gpusPerPod: sharing.perPod,
    sharing: sharing.mode,
    capacity: sharing.spot ? 'spot' : 'on-demand',
  };
  if (sharing.migProfile) placement.migProfile = sharing.migProfile;
  if (sharing.mode === 'time-slicing' || sharing.mode === 'mps') {
    if (!sharing.replicas) {
      return {
        problem: `${sharing.mode}: the nodes carry no nvidia.com/gpu.replicas label, so the share of a GPU per pod is unknown`,
      };
    }
    placement.sharedBy = sharing.replicas;
  }
  return { placement };
}

/**
 * The placement a plan asks for. `product` defaults to the plan's
 * `gpu.product`, then `gpu.gpuModel`; time-slicing and MPS need `sharedBy`
 * (the cluster's replicas per GPU, not part of a plan).
 */
export function placementFromPlan(
  plan: ModelServicePlan,
  options: { product?: string; sharedBy?: number } = {},
): { placement: GpuPlacement } | { problem: string } {
  const gpu = plan.gpu;
  if (!gpu) return { problem: `plan ${plan.name} requests no GPU` };
  const product = options.product ?? gpu.product ?? gpu.gpuModel;
  if (!product) {
    return {
      problem:
        'gpu.product: the plan names no GPU product or gpuModel, so its price is unknown (give --product)',
    };
  }
  const placement: GpuPlacement = {
    product,
    gpusPerPod: gpu.count,
    sharing: gpu.sharing as GpuPlacement['sharing'],
    capacity: plan.spot?.required ? 'spot' : 'on-demand',
  };
  if (gpu.migProfile) placement.migProfile = gpu.migProfile;
  if (gpu.sharing === 'time-slicing' || gpu.sharing === 'mps') {
    if (!options.sharedBy) {
      return {
        problem: `gpu.sharing: ${gpu.sharing} needs the replicas per physical GPU of the cluster (give --shared-by)`,
      };
    }
    placement.sharedBy = options.sharedBy;
  }
  return { placement };
}
