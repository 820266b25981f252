import { readFileSync } from 'node:fs';

/** One measured point of a batch-latency profile. */
export interface BatchProfilePoint {
  batchSize: number;
  latencyUsP50: number;
  latencyUsP90: number;
}

/** A measured batch-latency profile of one model on one GPU. */
export interface BatchProfile {
  model: string;
  gpu: string;
  points: BatchProfilePoint[];
}

function fail(path: string, field: string, rule: string): never {
  throw new Error(`Invalid batch profile file ${path}: ${field} ${rule}`);
}

/**
 * Reads a batch-profile file (the shape of `batch-profile-h200.json`: `gpu` and
 * `models[].profile[]` with `batch_size`, `latency_us_p50`, `latency_us_p90`).
 * Errors name the file and the field.
 */
export function parseBatchProfiles(
  text: string,
  path = '(batch profiles)',
): BatchProfile[] {
  let data: any;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(path, '(file)', `is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data?.models)) fail(path, 'models', 'must be an array');
  const gpu = typeof data.gpu === 'string' ? data.gpu : 'unknown GPU';
  return data.models.map((m: any, i: number) => {
    if (typeof m?.model !== 'string')
      fail(path, `models[${i}].model`, 'must be a string');
    if (!Array.isArray(m.profile) || m.profile.length === 0) {
      fail(path, `models[${i}].profile`, 'must be a non-empty array');
    }
    const points = m.profile.map((p: any, j: number) => {
      for (const key of ['batch_size', 'latency_us_p50', 'latency_us_p90']) {
        if (typeof p?.[key] !== 'number' || !(p[key] > 0)) {
          fail(
            path,
            `models[${i}].profile[${j}].${key}`,
            'must be a positive number',
          );
        }
      }
      return {
        batchSize: p.batch_size,
        latencyUsP50: p.latency_us_p50,
        latencyUsP90: p.latency_us_p90,
      };
    });
    points.sort(
      (a: BatchProfilePoint, b: BatchProfilePoint) => a.batchSize - b.batchSize,
    );
    return { model: m.model, gpu, points };
  });
}

/** Reads and parses a batch-profile file. */
export function loadBatchProfiles(path: string): BatchProfile[] {
  return parseBatchProfiles(readFileSync(path, 'utf8'), path);
}

/** p50 latency of one execution at `batchSize`, interpolated linearly between measured sizes. */
export function latencyUs(profile: BatchProfile, batchSize: number): number {
  const pts = profile.points;
  if (batchSize <= pts[0].batchSize) return pts[0].latencyUsP50;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (batchSize <= b.batchSize) {
      const f = (batchSize - a.batchSize) / (b.batchSize - a.batchSize);
      return a.latencyUsP50 + f * (b.latencyUsP50 - a.latencyUsP50);
    }
  }
  const last = pts[pts.length - 1];
  const prev = pts[pts.length - 2] ?? last;
  const slope =
    last.batchSize === prev.batchSize
      ? 0
      : (last.latencyUsP50 - prev.latencyUsP50) /
        (last.batchSize - prev.batchSize);
  return last.latencyUsP50 + slope * (batchSize - last.batchSize);
}
