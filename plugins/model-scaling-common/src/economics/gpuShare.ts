import {
  MIG_GPU_MODELS,
  MIG_PROFILES_BY_GPU,
  MigGpuModel,
  gpuModelsForMigProfile,
} from '../patterns/migProfiles';
import type { GpuPlacement } from './types';

/** GPU models by family, with the memory of the MIG-capable variant (for products whose name carries no size). */
const FAMILY = /(A30|A100|H100|H200|B200)/i;
const NO_SIZE_DEFAULT: Record<string, MigGpuModel> = {
  A30: 'A30-24GB',
  H200: 'H200-141GB',
  B200: 'B200-180GB',
};

/**
 * The MIG-capable GPU model of a product name: `NVIDIA-H100-80GB-HBM3`,
 * `NVIDIA-A100-SXM4-40GB`, `H100-80GB` (a plan's `gpuModel`), `NVIDIA-H200`,
 * `NVIDIA-H100-NVL` (94 GB). Undefined when the name does not say.
 */
export function migGpuModelOfProduct(product: string): MigGpuModel | undefined {
  if ((MIG_GPU_MODELS as string[]).includes(product))
    return product as MigGpuModel;
  const family = FAMILY.exec(product)?.[1]?.toUpperCase();
  if (!family) return undefined;
  const candidates = MIG_GPU_MODELS.filter(m => m.startsWith(`${family}-`));
  const memory = /(\d+)GB/i.exec(product.replace(/-MIG-.*$/i, ''))?.[1];
  if (memory) return candidates.find(m => m === `${family}-${memory}GB`);
  if (/NVL/i.test(product) && family === 'H100') return 'H100-94GB';
  return (
    NO_SIZE_DEFAULT[family] ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

/** The compute and memory shares of its GPU that a MIG slice holds, from `MIG_PROFILES_BY_GPU`. */
function migSliceShares(
  gpuModel: MigGpuModel,
  migProfile: string,
): { compute: number; memory: number } | undefined {
  const profiles = MIG_PROFILES_BY_GPU[gpuModel];
  const profile = profiles.find(p => p.profile === migProfile);
  if (!profile) return undefined;
  const whole = profiles[profiles.length - 1];
  return {
    compute: profile.computeSlices / whole.computeSlices,
    memory: profile.memoryGb / whole.memoryGb,
  };
}

/**
 * The share of one GPU that a MIG slice holds: the larger of its compute
 * share (compute slices over the GPU's, 7 on A100/H100/H200/B200, 4 on A30)
 * and its memory share (slice memory over the GPU's), from NVIDIA's MIG user
 * guide profile table (`MIG_PROFILES_BY_GPU`). 1g.10gb on an H100-80GB:
 * max(1/7, 10/80) = 1/7; 1g.20gb: max(1/7, 20/80) = 1/4; 3g.40gb: max(3/7, 40/80) = 1/2.
 */
export function migSliceShare(
  gpuModel: MigGpuModel,
  migProfile: string,
): number | undefined {
  const shares = migSliceShares(gpuModel, migProfile);
  return shares && Math.max(shares.compute, shares.memory);
}

/** The compute share of a MIG slice (compute slices over the GPU's). */
export function migComputeShare(
  gpuModel: MigGpuModel,
  migProfile: string,
): number | undefined {
  return migSliceShares(gpuModel, migProfile)?.compute;
}

/** The MIG GPU model of a placement: from its product, else the only model (or models agreeing) that offer the profile. */
export function migGpuModelOf(
  placement: Pick<GpuPlacement, 'product' | 'migProfile'>,
): { model: MigGpuModel } | { problem: string } {
  const byProduct = migGpuModelOfProduct(placement.product);
  if (byProduct) return { model: byProduct };
  const profile = placement.migProfile ?? '';
  const models = gpuModelsForMigProfile(profile);
  const shares = new Set(models.map(m => migSliceShare(m, profile)));
  if (models.length > 0 && shares.size === 1) return { model: models[0] };
  return {
    problem:
      models.length === 0
        ? `placement.migProfile: "${profile}" is not a MIG profile of any known GPU`
        : `placement.product: "${
            placement.product
          }" does not name one of the GPUs that offer ${profile} (${models.join(
            ', ',
          )}), whose slices hold different shares`,
  };
}

/**
 * Whole-GPU equivalents one pod holds: exclusive → `gpusPerPod`; MIG →
 * `gpusPerPod` × the slice's share of its GPU; time-slicing and MPS →
 * `gpusPerPod` / `sharedBy` (the device plugin advertises `sharedBy`
 * replicas per physical GPU, so each share is that fraction of it).
 */
export function gpuEquivalentPerPod(
  placement: GpuPlacement,
): { gpus: number } | { problem: string } {
  switch (placement.sharing) {
    case 'exclusive':
      return { gpus: placement.gpusPerPod };
    case 'time-slicing':
    case 'mps':
      if (!(placement.sharedBy! >= 1)) {
        return {
          problem: `placement.sharedBy: ${placement.sharing} needs the replicas per physical GPU (nvidia.com/gpu.replicas)`,
        };
      }
      return { gpus: placement.gpusPerPod / placement.sharedBy! };
    case 'mig': {
      const resolved = migGpuModelOf(placement);
      if ('problem' in resolved) return resolved;
      const share = migSliceShare(resolved.model, placement.migProfile ?? '');
      if (share === undefined) {
        return {
          problem: `placement.migProfile: "${placement.migProfile}" is not a MIG profile of ${resolved.model}`,
        };
      }
      return { gpus: placement.gpusPerPod * share };
    }
    default:
      return {
        problem: `placement.sharing: unknown mode "${String(
          (placement as GpuPlacement).sharing,
        )}"`,
      };
  }
}
