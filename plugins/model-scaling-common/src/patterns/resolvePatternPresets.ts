import {
  DEFAULT_PATTERN_PRESETS,
  PatternPresetOverrides,
  PatternPresets,
} from './presets';
import { patternPresetsSchema } from './presetsSchema';
import { formatIssues } from './formatIssues';

/** The app-config path of the presets; errors name fields below it. */
export const PATTERN_PRESETS_CONFIG_PATH = 'modelScaling.patterns';

/** Thrown when `modelScaling.patterns` overrides do not make valid presets. */
export class PatternPresetsError extends Error {
  /** One line per problem, each starting with the config path of the field. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid pattern presets: ${problems.join('; ')}`);
    this.name = 'PatternPresetsError';
    this.problems = problems;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges `override` onto `base`: objects recursively, arrays and scalars replace. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) {
    return base;
  }
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      out[key] = deepMerge(base[key], value);
    }
    return out;
  }
  return override;
}

/**
 * The golden-path presets with app-config overrides (the content of
 * `modelScaling.patterns`) deep-merged onto {@link DEFAULT_PATTERN_PRESETS}.
 * Validates the result; a {@link PatternPresetsError} names the config path
 * of each bad field, e.g. `modelScaling.patterns.bursty.minReplicas`.
 */
export function resolvePatternPresets(
  overrides?: PatternPresetOverrides | Record<string, unknown> | null,
): PatternPresets {
  if (
    overrides !== undefined &&
    overrides !== null &&
    !isPlainObject(overrides)
  ) {
    throw new PatternPresetsError([
      `${PATTERN_PRESETS_CONFIG_PATH}: must be an object keyed by pattern id`,
    ]);
  }
  const merged = deepMerge(DEFAULT_PATTERN_PRESETS, overrides ?? undefined);
  const result = patternPresetsSchema.safeParse(merged);
  if (!result.success) {
    throw new PatternPresetsError(
      formatIssues(result.error.issues, PATTERN_PRESETS_CONFIG_PATH),
    );
  }
  return result.data as PatternPresets;
}
