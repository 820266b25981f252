import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  PATTERN_IDS,
  PatternId,
  PatternPresets,
  PatternPresetsError,
  PresetChange,
  PATTERN_PRESETS_CONFIG_PATH,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import { z } from 'zod';
import { FleetWhatIfRuns } from './services/FleetWhatIf/FleetWhatIfRuns';
import { ModelScalingApiRouter } from './schema/createApiRouter';

/** Dependencies of {@link registerFleetWhatIfRoute}. */
export interface FleetWhatIfRouteOptions {
  httpAuth: HttpAuthService;
  runs: Pick<FleetWhatIfRuns, 'start' | 'get'>;
  /** Today's presets, which the body's partial preset is merged onto. */
  presets: PatternPresets;
}

const bodySchema = z
  .object({
    pattern: z.enum(PATTERN_IDS as [PatternId, ...PatternId[]], {
      errorMap: () => ({
        message: `must be one of ${PATTERN_IDS.join(', ')}`,
      }),
    }),
    preset: z.record(z.unknown(), {
      errorMap: () => ({
        message: 'must be an object of the preset fields to change',
      }),
    }),
  })
  .strict();

const idSchema = z.string().uuid('must be the id a POST returned');

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `patch` merged onto `base`: objects recursively, arrays and scalars replace (as app-config overrides do). */
function mergePreset(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = mergePreset(base[k], v);
  return out;
}

/**
 * `POST /v1/fleet/what-if` `{ pattern, preset }` (a partial preset of the
 * pattern, validated with the presets' schema: a bad field is a 400 naming
 * `preset.<field>`) starts a what-if of every model service of the pattern
 * the caller may read and answers `202 { id }`; `GET /v1/fleet/what-if/:id`
 * answers `{ state, done, total, result? }`. One run per caller at a time
 * (409), results kept for ten minutes.
 */
export function registerFleetWhatIfRoute(
  router: ModelScalingApiRouter,
  options: FleetWhatIfRouteOptions,
): void {
  const { httpAuth, runs, presets } = options;

  router.post('/v1/fleet/what-if', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const parsed = bodySchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'body';
      throw new InputError(
        issue.code === 'unrecognized_keys'
          ? `Invalid body: ${issue.message}`
          : `Invalid body field '${field}': ${issue.message}`,
      );
    }
    const { pattern, preset } = parsed.data;
    const before = presets[pattern];
    let after: PatternPresets[typeof pattern];
    try {
      after = resolvePatternPresets({
        ...presets,
        [pattern]: mergePreset(before, preset),
      } as Record<string, unknown>)[pattern];
    } catch (error) {
      if (!(error instanceof PatternPresetsError)) throw error;
      const prefix = `${PATTERN_PRESETS_CONFIG_PATH}.${pattern}.`;
      throw new InputError(
        `Invalid preset: ${error.problems
          .map(p =>
            p.startsWith(prefix) ? `preset.${p.slice(prefix.length)}` : p,
          )
          .join('; ')}`,
      );
    }
    const change = { pattern, before, after } as PresetChange;
    const { id } = runs.start(credentials, change);
    res.status(202).json({ id });
  });

  router.get('/v1/fleet/what-if/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const id = idSchema.safeParse(req.params.id);
    if (!id.success)
      throw new InputError(
        `Invalid path parameter 'id': ${id.error.issues[0].message}`,
      );
    res.json(runs.get(credentials, id.data));
  });
}
