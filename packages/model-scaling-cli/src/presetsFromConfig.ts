import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import {
  PatternPresets,
  PatternPresetsError,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import { CliError } from './CliError';

/**
 * The golden-path presets: the built-in defaults, with
 * `modelScaling.patterns` of an app-config file merged in when one is given.
 */
export async function presetsFromConfig(
  path?: string,
): Promise<PatternPresets> {
  if (!path) return resolvePatternPresets();
  let config: unknown;
  try {
    config = parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new CliError(
      `app-config ${path} cannot be read: ${(e as Error).message}`,
    );
  }
  const patterns = (config as { modelScaling?: { patterns?: unknown } } | null)
    ?.modelScaling?.patterns;
  try {
    return resolvePatternPresets(
      patterns as Record<string, unknown> | undefined,
    );
  } catch (e) {
    if (e instanceof PatternPresetsError) {
      throw new CliError(`${path}: ${e.problems.join('; ')}`);
    }
    throw e;
  }
}
