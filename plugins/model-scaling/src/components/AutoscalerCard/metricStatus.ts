import {
  AutoscalerMetricView,
  DEFAULT_HPA_TOLERANCE,
} from '@internal/plugin-model-scaling-common';
import { Health } from '../shared/HealthStatus';

/** Where a metric stands against its target, as the HPA controller sees it. */
export interface MetricStatus {
  health: Health;
  /** `current / target`, when both are known. */
  ratio?: number;
  label: string;
}

/**
 * Reads one autoscaler metric: missing, above target (scaling up), below
 * target (scaling down), or inside the ±10 % tolerance band.
 */
export function metricStatus(metric: AutoscalerMetricView): MetricStatus {
  if (metric.current === undefined) {
    return { health: 'error', label: 'missing: the autoscaler cannot read it' };
  }
  if (!(metric.target > 0)) {
    return { health: 'neutral', label: 'no target' };
  }
  const ratio = metric.current / metric.target;
  if (ratio > 1 + DEFAULT_HPA_TOLERANCE) {
    return { health: 'warning', ratio, label: 'above target: scaling up' };
  }
  if (ratio < 1 - DEFAULT_HPA_TOLERANCE) {
    return { health: 'ok', ratio, label: 'below target: may scale down' };
  }
  return { health: 'ok', ratio, label: 'within tolerance' };
}

/** A metric value with the unit of its target type. */
export function formatMetricValue(
  value: number | undefined,
  targetType: string,
): string {
  if (value === undefined) {
    return '—';
  }
  const text = value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (targetType === 'Utilization') {
    return `${text} %`;
  }
  if (targetType === 'AverageValue') {
    return `${text} per pod`;
  }
  return text;
}
