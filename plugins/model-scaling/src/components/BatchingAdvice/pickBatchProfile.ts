import {
  BatchProfile,
  TritonModelFigures,
  batchLatencyUs,
} from '@internal/plugin-model-scaling-common';

/** The profile chosen for a model, and why. */
export interface ProfileChoice {
  profile: BatchProfile;
  reason: 'name' | 'compute-time' | 'default';
}

/** `resnet50-224` → `resnet50`, `bert-base-seq128` → `bert`. */
function family(profileModel: string): string {
  return profileModel.split('-')[0].toLocaleLowerCase('en-US');
}

/**
 * Picks the measured profile that stands for a Triton model: one whose family
 * is in the model's name (`bert-embedder` → `bert-base-seq128`), otherwise the
 * one whose latency at the observed average batch size is closest to the
 * observed compute time, otherwise the first.
 */
export function pickBatchProfile(
  model: TritonModelFigures,
  profiles: BatchProfile[],
): ProfileChoice | undefined {
  if (profiles.length === 0) {
    return undefined;
  }
  const name = model.model.toLocaleLowerCase('en-US');
  const byName = profiles.find(p => name.includes(family(p.model)));
  if (byName) {
    return { profile: byName, reason: 'name' };
  }
  const computeUs = model.averageComputeUs;
  if (computeUs !== undefined && computeUs > 0) {
    const batch = Math.max(1, Math.round(model.averageBatchSize ?? 1));
    const distance = (p: BatchProfile) =>
      Math.abs(Math.log(batchLatencyUs(p, batch) / computeUs));
    const closest = [...profiles].sort((a, b) => distance(a) - distance(b))[0];
    return { profile: closest, reason: 'compute-time' };
  }
  return { profile: profiles[0], reason: 'default' };
}
