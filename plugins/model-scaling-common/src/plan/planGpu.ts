import type { GpuSharingChoice } from '../patterns/presets';
import { MigGpuModel, checkMigProfile } from '../patterns/migProfiles';
import type { ParsedModelServiceAnswers } from './answersSchema';
import type { ModelServicePlan } from './planSchema';
import type { ProblemList } from './problems';

/** Memory of one whole GPU in GB, from the model name (`H200-141GB` → 141). */
export function gpuMemoryGb(gpuModel: MigGpuModel): number {
  return Number(/-(\d+)GB$/.exec(gpuModel)![1]);
}

/**
 * The GPU part of a plan: sharing mode, the extended resource to request and
 * checks that the model fits the chosen MIG slice or GPU.
 */
export function planGpu(
  answers: ParsedModelServiceAnswers,
  preset: { gpuSharing: GpuSharingChoice; migProfile: string },
  problems: ProblemList,
): ModelServicePlan['gpu'] {
  const options = answers.gpu ?? {};
  const sharing = (options.sharing ??
    (options.migProfile ? 'mig' : preset.gpuSharing)) as GpuSharingChoice;
  const count = options.count ?? 1;
  const gpuModel = options.model as MigGpuModel | undefined;
  const size = answers.modelSizeGb;

  if (count > 1 && sharing !== 'exclusive') {
    problems.add(
      'gpu.count',
      `${count} GPUs per pod needs exclusive sharing; with ${sharing} a pod gets one shared device`,
    );
  }
  if (options.migProfile && sharing !== 'mig') {
    problems.add(
      'gpu.migProfile',
      `only applies when gpu.sharing is mig (it is ${sharing})`,
    );
  }

  if (sharing === 'mig') {
    const profile = options.migProfile ?? preset.migProfile;
    const check = checkMigProfile(profile, gpuModel);
    if (!check.ok) {
      problems.add('gpu.migProfile', check.reason);
      return undefined;
    }
    if (size > check.profile.memoryGb) {
      problems.add(
        'gpu.migProfile',
        `a ${size} GB model does not fit the ${check.profile.memoryGb} GB of a ${profile} slice; choose a larger profile`,
      );
    }
    return {
      sharing,
      resourceName: `nvidia.com/mig-${profile}`,
      count: 1,
      migProfile: profile,
      ...(gpuModel ? { gpuModel } : {}),
      ...(options.product ? { product: options.product } : {}),
    };
  }

  if (gpuModel && sharing === 'exclusive') {
    const memory = gpuMemoryGb(gpuModel) * count;
    if (size > memory) {
      problems.add(
        'modelSizeGb',
        `a ${size} GB model does not fit ${count} × ${gpuModel} (${memory} GB)`,
      );
    }
  }
  return {
    sharing,
    resourceName: 'nvidia.com/gpu',
    count,
    ...(gpuModel ? { gpuModel } : {}),
    ...(options.product ? { product: options.product } : {}),
  };
}
