import { placementFromGpuSharing } from '../economics/placement';
import type { ReplayTarget } from '../economics/types';
import type { WorkloadStatus } from '../types/status';
import { simulationInputFromWorkload } from './simulationInputFromWorkload';
import { WhatIfContext, whatIfDefaults } from './whatIfDefaults';

/**
 * What a replay of a live workload runs: its live autoscaler (min/max,
 * target, scale-down window, KEDA triggers), the capacity model the
 * what-if derives from it (Triton compute time and batch size, or the
 * consume rate of a queue worker), its measured cold start and its GPU
 * placement. The Scaling tab's cost card, the savings and the fleet costs
 * all replay this one target. A problem when the workload holds no GPU or
 * its product is unknown.
 */
export function replayTargetForWorkload(
  workload: WorkloadStatus,
  context: WhatIfContext,
): { target: ReplayTarget } | { problem: string } {
  const placement = placementFromGpuSharing(workload.gpu);
  if ('problem' in placement) return placement;
  const { settings, model } = whatIfDefaults(workload, context);
  const input = simulationInputFromWorkload(workload, settings, model);
  return {
    target: {
      autoscaler: input.autoscaler,
      capacity: input.capacity,
      coldStartSeconds: input.coldStartSeconds,
      placement: placement.placement,
      ...(context.latencySloMs !== undefined && {
        latencySloMs: context.latencySloMs,
      }),
    },
  };
}
