import {
  WhatIfModel,
  WhatIfSettings,
} from '@internal/plugin-model-scaling-common';

/** Numeric fields of the what-if form. */
export type WhatIfNumberField = Exclude<keyof WhatIfSettings, 'shape'>;

/** Per-field problems of what-if settings; empty when they can be simulated. */
export type WhatIfErrors = Partial<Record<WhatIfNumberField, string>>;

function isInt(n: number): boolean {
  return Number.isInteger(n);
}

/**
 * Checks the what-if settings with the autoscalers' own rules (an HPA needs
 * at least one replica, KEDA may scale to zero; min ≤ max; windows up to an
 * hour), so the form names the field instead of the simulator failing.
 */
export function validateSettings(
  settings: WhatIfSettings,
  model: Pick<WhatIfModel, 'autoscaler' | 'kind'>,
): WhatIfErrors {
  const errors: WhatIfErrors = {};
  const minAllowed = model.autoscaler === 'keda' ? 0 : 1;
  const { peakRps, minReplicas, maxReplicas, target } = settings;
  if (!Number.isFinite(peakRps) || peakRps < 0) {
    errors.peakRps = 'must be a number ≥ 0';
  }
  if (!isInt(minReplicas) || minReplicas < minAllowed) {
    errors.minReplicas = `must be a whole number ≥ ${minAllowed}`;
  }
  if (!isInt(maxReplicas) || maxReplicas < 1) {
    errors.maxReplicas = 'must be a whole number ≥ 1';
  } else if (isInt(minReplicas) && maxReplicas < minReplicas) {
    errors.maxReplicas = 'must not be below min replicas';
  }
  if (!Number.isFinite(target) || target <= 0) {
    errors.target = 'must be greater than 0';
  } else if (model.kind === 'cpu' && target > 100) {
    errors.target = 'a CPU target above 100 % is never reached';
  }
  const window = settings.scaleDownWindowSeconds;
  if (!isInt(window) || window < 0 || window > 3600) {
    errors.scaleDownWindowSeconds =
      'must be a whole number of seconds from 0 to 3600';
  }
  if (
    !Number.isFinite(settings.podCapacityRps) ||
    settings.podCapacityRps <= 0
  ) {
    errors.podCapacityRps = 'must be greater than 0';
  }
  if (!Number.isFinite(settings.serviceTimeMs) || settings.serviceTimeMs <= 0) {
    errors.serviceTimeMs = 'must be greater than 0';
  }
  if (
    !Number.isFinite(settings.coldStartSeconds) ||
    settings.coldStartSeconds < 0
  ) {
    errors.coldStartSeconds = 'must be a number ≥ 0';
  }
  return errors;
}
