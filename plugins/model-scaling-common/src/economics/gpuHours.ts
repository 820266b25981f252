import { gpuEquivalentPerPod } from './gpuShare';
import { EconomicsInputError } from './schemas';
import type { GpuPlacement, ReplicaTimeline } from './types';

/** Pod-seconds of a replica timeline (each point holds until the next, the last until `endSeconds`). */
export function podSeconds(timeline: ReplicaTimeline): number {
  const { points, endSeconds } = timeline;
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const from = points[i].t;
    const to = Math.min(
      endSeconds,
      i + 1 < points.length ? points[i + 1].t : endSeconds,
    );
    if (to > from) total += points[i].replicas * (to - from);
  }
  return total;
}

/**
 * Whole-GPU-equivalent hours a replica timeline holds: pod-hours × the GPU
 * share of one pod (see `gpuEquivalentPerPod`). Pods that are starting hold
 * their GPU too. Throws an {@link EconomicsInputError} naming the field when
 * the placement cannot be turned into a share (an unknown MIG profile, a
 * shared mode without its replicas).
 */
export function gpuHours(
  timeline: ReplicaTimeline,
  placement: GpuPlacement,
): number {
  const share = gpuEquivalentPerPod(placement);
  if ('problem' in share) throw new EconomicsInputError(share.problem);
  return (podSeconds(timeline) / 3600) * share.gpus;
}
