import { tryParseQuantity } from '../quantity/parseQuantity';
import type {
  AutoscalerMetricView,
  HpaMetricSpec,
  HpaMetricStatus,
  HpaMetricTarget,
  HpaView,
  SlimHpa,
} from '../types/status';
import { toConditionViews } from './conditionPlain';

/** The controller's `--horizontal-pod-autoscaler-downscale-stabilization` default, in seconds. */
export const DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS = 300;

/** The metric's display name: the resource (`cpu`), `resource (container)`, or the custom metric's name. */
export function hpaMetricName(m: HpaMetricSpec | HpaMetricStatus): string {
  if (m.resource) return m.resource.name;
  if (m.containerResource)
    return `${m.containerResource.name} (${m.containerResource.container})`;
  return (
    m.pods?.metric.name ??
    m.object?.metric.name ??
    m.external?.metric.name ??
    m.type
  );
}

/** The target of a metric spec, whatever its source type. */
export function hpaMetricTarget(m: HpaMetricSpec): HpaMetricTarget | undefined {
  return (m.resource ?? m.containerResource ?? m.pods ?? m.object ?? m.external)
    ?.target;
}

/** The target as a number: percent for `Utilization`, the quantity's value otherwise. */
export function hpaTargetNumber(
  target: HpaMetricTarget | undefined,
): number | undefined {
  if (!target) return undefined;
  if (target.type === 'Utilization') return target.averageUtilization;
  if (target.type === 'AverageValue')
    return tryParseQuantity(target.averageValue);
  if (target.type === 'Value') return tryParseQuantity(target.value);
  return undefined;
}

function currentOf(
  status: HpaMetricStatus | undefined,
  targetType: string,
): number | undefined {
  const current = (
    status?.resource ??
    status?.containerResource ??
    status?.pods ??
    status?.object ??
    status?.external
  )?.current;
  if (!current) return undefined;
  if (targetType === 'Utilization') return current.averageUtilization;
  if (targetType === 'Value')
    return (
      tryParseQuantity(current.value) ?? tryParseQuantity(current.averageValue)
    );
  return (
    tryParseQuantity(current.averageValue) ?? tryParseQuantity(current.value)
  );
}

/** True for an HPA that KEDA created for a ScaledObject. */
export function isKedaManagedHpa(hpa: SlimHpa): boolean {
  return (
    hpa.meta.labels['app.kubernetes.io/managed-by'] === 'keda-operator' ||
    hpa.meta.labels['scaledobject.keda.sh/name'] !== undefined ||
    hpa.meta.name.startsWith('keda-hpa-')
  );
}

/**
 * The autoscaler card's view of an HPA: each metric's target against its
 * current value (matched from `status.currentMetrics` by type and name),
 * conditions in plain words, and the scale-down stabilization window in
 * force (300 s unless `behavior.scaleDown.stabilizationWindowSeconds` is set).
 */
export function hpaView(hpa: SlimHpa): HpaView {
  const metrics: AutoscalerMetricView[] = hpa.metrics.map(spec => {
    const target = hpaMetricTarget(spec);
    const name = hpaMetricName(spec);
    const status = hpa.status.currentMetrics.find(
      s => s.type === spec.type && hpaMetricName(s) === name,
    );
    const view: AutoscalerMetricView = {
      name,
      sourceType: spec.type,
      targetType: target?.type ?? '',
      target: hpaTargetNumber(target) ?? Number.NaN,
    };
    const current = currentOf(status, target?.type ?? '');
    if (current !== undefined) view.current = current;
    return view;
  });
  const view: HpaView = {
    name: hpa.meta.name,
    minReplicas: hpa.minReplicas,
    maxReplicas: hpa.maxReplicas,
    currentReplicas: hpa.status.currentReplicas,
    desiredReplicas: hpa.status.desiredReplicas,
    metrics,
    conditions: toConditionViews(hpa.status.conditions),
    scaleDownStabilizationSeconds:
      hpa.behavior?.scaleDown?.stabilizationWindowSeconds ??
      DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS,
    managedByKeda: isKedaManagedHpa(hpa),
  };
  if (hpa.behavior) view.behavior = hpa.behavior;
  if (hpa.status.lastScaleTime) view.lastScaleTime = hpa.status.lastScaleTime;
  if (hpa.manifest) view.manifest = hpa.manifest;
  return view;
}
