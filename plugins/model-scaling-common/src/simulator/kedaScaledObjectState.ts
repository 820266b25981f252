/*
 * Whether a ScaledObject is active or in error in one poll, after kedacore/keda
 * v2.21.0 pkg/scaling/scale_handler.go (scaleHandler.getScaledObjectState,
 * getScalerState), without scaling modifiers.
 */

/** One trigger's outcome in a poll. */
export interface KedaTriggerReading {
  /** The trigger type (`prometheus`, `cpu`, `memory`, …). */
  type: string;
  /** The query failed and no fallback answered for it. */
  error?: boolean;
  /** The fallback answered for the failing query. */
  fallbackActive?: boolean;
  /** The metric value the fallback answered with. */
  value?: number;
  /** The value is above the trigger's activation threshold. */
  aboveActivation?: boolean;
}

/** Result of {@link kedaScaledObjectState}. */
export interface KedaScaledObjectState {
  isActive: boolean;
  isError: boolean;
  isFallbackActive: boolean;
}

/** Triggers that become HPA Resource metrics and have no external metric (`spec.External == nil`). */
export function isResourceTrigger(type: string): boolean {
  return type === 'cpu' || type === 'memory';
}

/**
 * cpu/memory triggers are skipped (they report neither activity nor errors);
 * an external trigger is active when its value is above the activation
 * threshold or its fallback answers; any error makes `isError`. When every
 * trigger is cpu/memory and none failed, the ScaledObject is always active
 * (such a workload never scales to zero).
 */
export function kedaScaledObjectState(
  triggers: KedaTriggerReading[],
): KedaScaledObjectState {
  let isActive = false;
  let isError = false;
  let isFallbackActive = false;
  let resourceTriggers = 0;
  for (const t of triggers) {
    if (isResourceTrigger(t.type)) {
      resourceTriggers++;
      continue;
    }
    if (t.error) {
      isError = true;
      continue;
    }
    if (t.fallbackActive) isFallbackActive = true;
    // getScalerState: isActiveOrFallback := fallbackActive || isMetricActive
    if (t.fallbackActive || t.aboveActivation) isActive = true;
  }
  if (triggers.length <= resourceTriggers && !isError) isActive = true;
  return { isActive, isError, isFallbackActive };
}
