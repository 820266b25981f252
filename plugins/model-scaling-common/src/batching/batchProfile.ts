import { z } from 'zod';
import { formatZodIssues } from '../triton-live/zodIssues';

/** Measured latency of one execution at one batch size. */
export interface BatchProfilePoint {
  batchSize: number;
  /** Median execution time, µs. */
  latencyUs: number;
  /** 90th percentile, µs, when measured. */
  latencyP90Us?: number;
}

/** A model's batch-latency profile on one GPU: execution time per batch size. */
export interface BatchProfile {
  model: string;
  gpu?: string;
  dtype?: string;
  /** Sorted by batch size, unique sizes. */
  points: BatchProfilePoint[];
}

const pointSchema = z
  .object({
    batch_size: z.number().int().positive(),
    latency_us_p50: z.number().positive(),
    latency_us_p90: z.number().positive().optional(),
    throughput_per_s: z.number().positive().optional(),
  })
  .passthrough();

const modelSchema = z
  .object({
    model: z.string().min(1),
    dtype: z.string().optional(),
    profile: z
      .array(pointSchema)
      .min(1)
      .refine(
        points => new Set(points.map(p => p.batch_size)).size === points.length,
        {
          message: 'batch_size values must be unique',
        },
      ),
  })
  .passthrough();

const fileSchema = z
  .object({
    gpu: z.string().optional(),
    models: z
      .array(modelSchema)
      .min(1)
      .refine(
        models => new Set(models.map(m => m.model)).size === models.length,
        { message: 'model names must be unique' },
      ),
  })
  .passthrough();

/** Error for a batch-profile file that does not have the expected shape; the message names the field. */
export class BatchProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchProfileError';
  }
}

/**
 * Validates a batch-profile file (the shape of `batch-profile-h200.json`:
 * `{ gpu, models: [{ model, dtype, profile: [{ batch_size, latency_us_p50,
 * latency_us_p90, throughput_per_s }] }] }`) and returns one profile per model.
 */
export function loadBatchProfiles(json: unknown): BatchProfile[] {
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    throw new BatchProfileError(
      `Invalid batch profile file: ${formatZodIssues(result.error)}`,
    );
  }
  const { gpu, models } = result.data;
  return models.map(m => ({
    model: m.model,
    ...(gpu ? { gpu } : {}),
    ...(m.dtype ? { dtype: m.dtype } : {}),
    points: [...m.profile]
      .sort((a, b) => a.batch_size - b.batch_size)
      .map(p => ({
        batchSize: p.batch_size,
        latencyUs: p.latency_us_p50,
        ...(p.latency_us_p90 !== undefined
          ? { latencyP90Us: p.latency_us_p90 }
          : {}),
      })),
  }));
}

/**
 * A profile measured live from Triton's `batch_stats`: mean execution time
 * (compute input + infer + output) per executed batch size.
 */
export function batchProfileFromTritonBatchStats(
  model: string,
  batchStats: ReadonlyArray<{
    batch_size: number;
    compute_input?: { count?: number; ns?: number };
    compute_infer: { count?: number; ns?: number };
    compute_output?: { count?: number; ns?: number };
  }>,
): BatchProfile {
  const points = batchStats
    .filter(b => (b.compute_infer.count ?? 0) > 0)
    .map(b => ({
      batchSize: b.batch_size,
      latencyUs:
        ((b.compute_input?.ns ?? 0) +
          (b.compute_infer.ns ?? 0) +
          (b.compute_output?.ns ?? 0)) /
        (b.compute_infer.count ?? 1) /
        1000,
    }))
    .sort((a, b) => a.batchSize - b.batchSize);
  if (points.length === 0) {
    throw new BatchProfileError(
      `batch_stats of ${model}: no executed batch sizes to build a profile from`,
    );
  }
  return { model, points };
}

/**
 * Execution time (µs) of a batch of `batchSize` from the profile: linear
 * between measured sizes, proportional below the smallest, and extrapolated
 * along the last segment above the largest.
 */
export function batchLatencyUs(
  profile: BatchProfile,
  batchSize: number,
): number {
  const pts = profile.points;
  if (batchSize <= pts[0].batchSize) {
    return pts[0].latencyUs;
  }
  for (let i = 1; i < pts.length; i++) {
    if (batchSize <= pts[i].batchSize) {
      const a = pts[i - 1];
      const b = pts[i];
      return (
        a.latencyUs +
        ((b.latencyUs - a.latencyUs) * (batchSize - a.batchSize)) /
          (b.batchSize - a.batchSize)
      );
    }
  }
  const last = pts[pts.length - 1];
  if (pts.length === 1) return (last.latencyUs * batchSize) / last.batchSize;
  const prev = pts[pts.length - 2];
  const slope = Math.max(
    0,
    (last.latencyUs - prev.latencyUs) / (last.batchSize - prev.batchSize),
  );
  return last.latencyUs + slope * (batchSize - last.batchSize);
}
