import { WorkloadHistoryPoint } from '@internal/plugin-model-scaling-common';

/** Where a recorded request rate came from. */
export type RateOrigin = 'triton' | 'autoscaler-metric';

/** Autoscaler metrics that are a request rate: KEDA Prometheus triggers and metrics named for requests. */
const RATE_METRIC = /(^s\d+-prometheus$)|request|rps/i;

/**
 * A workload's request rate at one collection round, from its history
 * point: Triton's served requests (the collector's counter delta over the
 * round, resets handled by `counterDelta`) when every pod was sampled, else
 * the sum over its models, else the autoscaler's request-rate metric
 * (per pod × current replicas for an `AverageValue` target, the value itself
 * otherwise). CPU, memory and queue metrics are not request rates:
 * undefined then.
 */
export function rateFromPoint(
  point: WorkloadHistoryPoint,
): { rps: number; origin: RateOrigin } | undefined {
  if (point.throughput) {
    return { rps: point.throughput.requestsPerSecond, origin: 'triton' };
  }
  if (point.triton.length > 0) {
    return {
      rps: point.triton.reduce((sum, m) => sum + m.requestsPerSecond, 0),
      origin: 'triton',
    };
  }
  const metric = point.metrics.find(
    m => m.v !== undefined && m.unit !== '%' && RATE_METRIC.test(m.name),
  );
  if (!metric) return undefined;
  const rps =
    metric.unit === 'per pod' ? metric.v! * point.replicas.current : metric.v!;
  return Number.isFinite(rps) && rps >= 0
    ? { rps, origin: 'autoscaler-metric' }
    : undefined;
}
