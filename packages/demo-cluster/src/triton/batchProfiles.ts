import {
  BatchProfile,
  loadBatchProfiles,
} from '@internal/plugin-model-scaling-common';
import { readFileSync } from 'node:fs';

/**
 * Reads a batch-profile file (the shape of `batch-profile-h200.json`) with the common
 * package's validating loader; errors name the file and the field.
 */
export function readBatchProfiles(path: string): BatchProfile[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(
      `Cannot read the batch profiles ${path}: ${(e as Error).message}`,
    );
  }
  try {
    return loadBatchProfiles(json);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}
