import { manifestWorkloads } from '../lint/manifestWorkloads';
import { readManifests } from '../lint/readManifests';
import { estimateColdStartSeconds } from '../plan/coldStart';
import type { ModelServicePlan } from '../plan/planSchema';
import { renderManifests } from '../render/renderManifests';
import type {
  CapacityModel,
  SimulatorHpaSpec,
  SimulatorKedaSpec,
} from '../simulator/types';
import { isQueueTrigger, kedaTriggerThresholds } from '../status/kedaTriggers';
import { placementFromPlan } from './placement';
import type { ReplayTarget } from './types';

/** What a plan does not say and a replay needs. */
export interface PlanReplayOptions {
  /** Overrides of the capacity model (e.g. measured in a load test). */
  capacity?: Partial<CapacityModel>;
  coldStartSeconds?: number;
  product?: string;
  sharedBy?: number;
  spot?: boolean;
}

/**
 * The replay target of a plan: the autoscaler its rendered manifests carry
 * (the same HPA or ScaledObject the template writes), its GPU placement and
 * its latency SLO. A request-rate trigger's threshold is the per-pod load the
 * golden path aims for, about 2/3 of what a pod serves, so without a measured
 * `maxRpsPerPod` a pod serves 1.5 × the threshold (as `model-scaling
 * simulate` assumes); queue consumers need their consume rate given.
 */
export function replayTargetFromPlan(
  plan: ModelServicePlan,
  options: PlanReplayOptions = {},
): { target: ReplayTarget } | { problem: string } {
  const placed = placementFromPlan(plan, {
    product: options.product,
    sharedBy: options.sharedBy,
  });
  if ('problem' in placed) return placed;
  const placement =
    options.spot === undefined
      ? placed.placement
      : {
          ...placed.placement,
          capacity: options.spot ? ('spot' as const) : ('on-demand' as const),
        };
  const [workload] = manifestWorkloads(readManifests(renderManifests(plan)));
  const autoscaler = (workload?.scaledObjects[0] ?? workload?.hpas[0]) as
    | SimulatorKedaSpec
    | SimulatorHpaSpec
    | undefined;
  if (!autoscaler)
    return { problem: `plan ${plan.name} renders no HPA or ScaledObject` };
  const capacity: CapacityModel = Object.fromEntries(
    Object.entries(options.capacity ?? {}).filter(([, v]) => v !== undefined),
  );
  if (
    autoscaler.kind === 'ScaledObject' &&
    capacity.maxRpsPerPod === undefined
  ) {
    const trigger = autoscaler.triggers[0];
    const { threshold } = kedaTriggerThresholds(trigger);
    if (isQueueTrigger(trigger.type)) {
      return {
        problem: `capacity.maxRpsPerPod: a ${trigger.type} consumer needs the messages per second one pod processes`,
      };
    }
    if (threshold !== undefined && threshold > 0)
      capacity.maxRpsPerPod = threshold * 1.5;
  }
  if (
    autoscaler.kind === 'HorizontalPodAutoscaler' &&
    capacity.rpsPerPodAtTarget === undefined
  ) {
    return {
      problem:
        'capacity.rpsPerPodAtTarget: an HPA on CPU/memory needs the request rate at which one pod sits at its target',
    };
  }
  if (
    capacity.maxRpsPerPod === undefined &&
    capacity.rpsPerPodAtTarget === undefined
  ) {
    return {
      problem:
        'capacity.maxRpsPerPod: the requests per second one pod serves are unknown',
    };
  }
  return {
    target: {
      autoscaler,
      capacity,
      coldStartSeconds:
        options.coldStartSeconds ??
        plan.coldStartBudgetSeconds ??
        estimateColdStartSeconds(plan.model.sizeGb, plan.model.needsGpu),
      placement,
      latencySloMs: plan.model.latencySloMs,
    },
  };
}
