import {
  DriftItem,
  FixIntent,
  FleetServiceRow,
  PatternPresets,
  fixIntentForDrift,
} from '@internal/plugin-model-scaling-common';

/** The facts about a service that "Bring to preset" needs (a fleet row has them). */
export type PresetTarget = Pick<
  FleetServiceRow,
  'entityRef' | 'name' | 'title' | 'pattern' | 'drift'
>;

/** One service's change: the fixes for its drift, and the drift no file change can fix. */
export interface PresetChange {
  service: PresetTarget;
  fixes: FixIntent[];
  /** Drift the plan cannot express (autoscaler kind, GPU sharing, a second autoscaler). */
  unfixable: DriftItem[];
}

/**
 * What "Bring to preset" proposes for a service: one fix per drifted field,
 * each setting the plan field to the golden-path preset of the service's
 * pattern (`fixIntentForDrift`), all in one change.
 */
export function presetChangeFor(
  service: PresetTarget,
  presets: PatternPresets,
): PresetChange {
  const fixes: FixIntent[] = [];
  const unfixable: DriftItem[] = [];
  for (const item of service.drift) {
    const fix = service.pattern
      ? fixIntentForDrift(item, service.pattern, presets)
      : undefined;
    if (fix) fixes.push(fix);
    else unfixable.push(item);
  }
  return { service, fixes, unfixable };
}
