import type {
  CapacityModel,
  LoadPoint,
  SimulationInput,
} from '../simulator/types';
import type {
  AutoscalerMetricView,
  HpaMetricSpec,
  HpaMetricTarget,
  KedaTrigger,
  WorkloadStatus,
} from '../types/status';
import { kedaTargetKey } from '../status/kedaTriggers';
import { withScaleDownWindow } from '../simulator/withScaleDownWindow';
import { DAY_SECONDS, loadCurve } from './loadShapes';
import { WhatIfModel, WhatIfSettings, whatIfDefaults } from './whatIfDefaults';

function metricTarget(targetType: string, value: number): HpaMetricTarget {
  if (targetType === 'Utilization') {
    return { type: 'Utilization', averageUtilization: value };
  }
  if (targetType === 'Value') {
    return { type: 'Value', value: String(value) };
  }
  return { type: 'AverageValue', averageValue: String(value) };
}

/** Rebuilds an HPA metric spec from its view, with the given target. */
export function toMetricSpec(
  metric: AutoscalerMetricView,
  target: number,
): HpaMetricSpec {
  const t = metricTarget(metric.targetType, target);
  switch (metric.sourceType) {
    case 'Resource':
    case 'ContainerResource':
      return { type: 'Resource', resource: { name: metric.name, target: t } };
    case 'Pods':
      return {
        type: 'Pods',
        pods: { metric: { name: metric.name }, target: t },
      };
    case 'Object':
      return {
        type: 'Object',
        object: {
          describedObject: { kind: 'Service', name: metric.name },
          metric: { name: metric.name },
          target: t,
        },
      };
    default:
      return {
        type: 'External',
        external: { metric: { name: metric.name }, target: t },
      };
  }
}

/**
 * What to simulate a workload with: the what-if's settings and, optionally, a
 * load curve of its own (a recorded day, a CSV) that replaces the settings'
 * shape and peak.
 */
export interface SimulationSettings extends WhatIfSettings {
  load?: LoadPoint[];
}

/**
 * The simulator input for a workload, the one derivation shared by the
 * Scaling tab's what-if and `model-scaling simulate`: the workload's
 * autoscaler with the given min/max, target and scale-down window, the load
 * (a day of the chosen shape, or the given curve), and a capacity model of
 * the kind the workload's metric calls for. `model` defaults to the one
 * {@link whatIfDefaults} reads from the workload.
 */
export function simulationInputFromWorkload(
  workload: WorkloadStatus,
  settings: SimulationSettings,
  model: WhatIfModel = whatIfDefaults(workload, {}).model,
): SimulationInput {
  const { hpa, keda } = workload.autoscaler;
  // A ScaledObject's HPA is KEDA's copy of its advanced behavior; from
  // manifests, before KEDA has made it, the ScaledObject's own is the same.
  const behavior = withScaleDownWindow(
    hpa?.behavior ?? keda?.hpaBehavior,
    settings.scaleDownWindowSeconds,
  );

  let autoscaler: SimulationInput['autoscaler'];
  if (model.autoscaler === 'keda' && keda) {
    const triggers: KedaTrigger[] = keda.triggers.map((trigger, index) => {
      const metadata = { ...trigger.metadata };
      if (index === model.primaryIndex) {
        metadata[kedaTargetKey(trigger.type, metadata)] = String(
          settings.target,
        );
      }
      return { type: trigger.type, name: trigger.name, metadata };
    });
    autoscaler = {
      kind: 'ScaledObject',
      minReplicaCount: settings.minReplicas,
      maxReplicaCount: settings.maxReplicas,
      idleReplicaCount:
        keda.idleReplicaCount !== undefined &&
        keda.idleReplicaCount < settings.minReplicas
          ? keda.idleReplicaCount
          : undefined,
      cooldownPeriod: keda.cooldownPeriod,
      pollingInterval: keda.pollingInterval,
      fallback: keda.fallback,
      hpaBehavior: behavior,
      triggers,
    };
  } else {
    const metrics =
      model.autoscaler === 'hpa' && hpa && hpa.metrics.length > 0
        ? hpa.metrics.map((metric, index) =>
            toMetricSpec(
              metric,
              index === model.primaryIndex ? settings.target : metric.target,
            ),
          )
        : [
            toMetricSpec(
              {
                name: 'cpu',
                sourceType: 'Resource',
                targetType: 'Utilization',
                target: settings.target,
              },
              settings.target,
            ),
          ];
    autoscaler = {
      kind: 'HorizontalPodAutoscaler',
      minReplicas: settings.minReplicas,
      maxReplicas: settings.maxReplicas,
      metrics,
      behavior,
    };
  }

  const capacity: CapacityModel = {
    maxRpsPerPod: settings.podCapacityRps,
    serviceTimeMs: settings.serviceTimeMs,
  };
  if (model.kind === 'cpu') {
    // A request costs 1/capacity of a pod's CPU request: at full capacity the
    // pod runs at 100 % of its request, whatever the target is set to.
    capacity.cpu = {
      requestMillicores: 1000,
      millicoresPerRps: 1000 / settings.podCapacityRps,
    };
  }
  const memory = hpa?.metrics.find(
    m =>
      m.sourceType === 'Resource' &&
      m.name === 'memory' &&
      m.targetType === 'Utilization',
  );
  if (memory?.current !== undefined) {
    capacity.memoryUtilizationPercent = memory.current;
  }

  const input: SimulationInput = {
    autoscaler,
    load:
      settings.load ?? loadCurve(settings.shape, settings.peakRps, DAY_SECONDS),
    capacity,
    coldStartSeconds: settings.coldStartSeconds,
  };
  if (!settings.load) input.durationSeconds = DAY_SECONDS;
  return input;
}
