/*
 * What KEDA's metrics server answers for one failing external metric, after
 * kedacore/keda v2.21.0 pkg/fallback/fallback.go (GetMetricsWithFallback,
 * doFallback).
 */
import type { KedaFallback } from '../types/status';
import { kedaFallbackReplicas } from './kedaStep';

/** Input of {@link kedaFallbackMetric}. */
export interface KedaFallbackMetricInput {
  /** `spec.fallback`; undefined when none is set. */
  fallback?: KedaFallback;
  /** `status.health[metric].numberOfFailures` after this failure was counted. */
  failures: number;
  /** The trigger's HPA target type. */
  targetType: 'AverageValue' | 'Value';
  /** The trigger's target (threshold). */
  target: number;
  /** The scale target's `spec.replicas` (for the `currentReplicas*` behaviors). */
  currentReplicas: number;
  /** Running and Ready pods of the scale target (for `Value` targets). */
  readyReplicas: number;
}

/** Result of {@link kedaFallbackMetric}. */
export type KedaFallbackMetricResult =
  /** The fallback answers: the HPA reads `value` and lands on `replicas`. */
  | { kind: 'fallback'; value: number; replicas: number }
  /** The error goes to the HPA (and makes the ScaledObject's `isError`). */
  | {
      kind: 'error';
      reason: 'no-fallback' | 'below-threshold' | 'no-ready-replicas';
    };

/**
 * The failure count is compared with `failureThreshold` strictly (more
 * failures than the threshold); a valid fallback then answers `replicas ×
 * target` for `AverageValue` and `replicas ÷ ready pods × target` for `Value`
 * targets — which fails (an error, no fallback) while no pod is ready, e.g. at
 * zero replicas. `failureThreshold` or `replicas` below 0 is no valid fallback.
 */
export function kedaFallbackMetric(
  input: KedaFallbackMetricInput,
): KedaFallbackMetricResult {
  const fb = input.fallback;
  if (!fb || fb.failureThreshold < 0 || fb.replicas < 0)
    return { kind: 'error', reason: 'no-fallback' };
  if (!(input.failures > fb.failureThreshold))
    return { kind: 'error', reason: 'below-threshold' };
  const replicas = kedaFallbackReplicas(fb, input.currentReplicas);
  let perTarget = replicas;
  if (input.targetType === 'Value') {
    // doFallback: "readyReplicas is zero, cannot do fallback"
    if (input.readyReplicas <= 0)
      return { kind: 'error', reason: 'no-ready-replicas' };
    perTarget = replicas / input.readyReplicas;
  }
  // resource.NewMilliQuantity(int64(normalisationValue*1000*replicas))
  const value = Math.trunc(input.target * 1000 * perTarget) / 1000;
  return { kind: 'fallback', value, replicas };
}
