import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EntityScalingStatus,
  FleetWhatIfService,
  placementFromGpuSharing,
  simulationInputFromWorkload,
  TrafficSeries,
  whatIfDefaults,
  WorkloadStatus,
} from '@internal/plugin-model-scaling-common';

/**
 * The fleet what-if's inputs of one model service, one per workload: its
 * live autoscaler and capacity model as the Scaling tab's what-if derives
 * them (`whatIfDefaults` + `simulationInputFromWorkload`), its GPU placement when
 * its pods hold GPUs, its latency SLO, and its recorded day when there is
 * one (else the peak and shape of the synthetic day the what-if starts
 * from).
 */
export function whatIfInputsOf(
  entity: Entity,
  status: Pick<EntityScalingStatus, 'pattern' | 'latencySloMs' | 'workloads'>,
  trafficOf?: (workload: WorkloadStatus) => TrafficSeries | undefined,
): FleetWhatIfService[] {
  const entityRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const context = {
    pattern: status.pattern,
    latencySloMs: status.latencySloMs,
  };
  return status.workloads.map(w => {
    const { settings, model } = whatIfDefaults(w, context);
    const input = simulationInputFromWorkload(w, settings, model);
    const placement = placementFromGpuSharing(w.gpu);
    const traffic = trafficOf?.(w);
    return {
      entityRef,
      title:
        status.workloads.length > 1
          ? `${name} (${w.cluster}/${w.namespace}/${w.name})`
          : name,
      ...(status.pattern && { pattern: status.pattern }),
      target: {
        autoscaler: input.autoscaler,
        capacity: input.capacity,
        coldStartSeconds: input.coldStartSeconds,
        ...('placement' in placement && { placement: placement.placement }),
        ...(status.latencySloMs !== undefined && {
          latencySloMs: status.latencySloMs,
        }),
      },
      ...(traffic
        ? { traffic }
        : { peakRps: settings.peakRps, shape: settings.shape }),
    };
  });
}
