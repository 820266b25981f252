import { z } from 'zod';
import { formatZodIssues } from './zodIssues';

const durationStat = z
  .object({
    count: z.number().nonnegative().default(0),
    ns: z.number().nonnegative().default(0),
  })
  .passthrough();

const zeroStat = { count: 0, ns: 0 };

/** One entry of `model_stats` in Triton's `/v2/models[/<m>]/stats` response. */
export const tritonModelStatsSchema = z
  .object({
    name: z.string().min(1),
    version: z.string().default(''),
    last_inference: z.number().nonnegative().default(0),
    inference_count: z.number().nonnegative().default(0),
    execution_count: z.number().nonnegative().default(0),
    inference_stats: z
      .object({
        success: durationStat.default(zeroStat),
        fail: durationStat.default(zeroStat),
        queue: durationStat.default(zeroStat),
        compute_input: durationStat.default(zeroStat),
        compute_infer: durationStat.default(zeroStat),
        compute_output: durationStat.default(zeroStat),
        cache_hit: durationStat.default(zeroStat),
        cache_miss: durationStat.default(zeroStat),
      })
      .passthrough()
      .default({}),
    batch_stats: z
      .array(
        z
          .object({
            batch_size: z.number().int().positive(),
            compute_input: durationStat.default(zeroStat),
            compute_infer: durationStat.default(zeroStat),
            compute_output: durationStat.default(zeroStat),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

/** Triton's statistics extension response body. */
export const tritonStatsDocumentSchema = z
  .object({ model_stats: z.array(tritonModelStatsSchema) })
  .passthrough();

/** The parsed `/v2/models/<m>/stats` document. */
export type TritonStatsDocument = z.infer<typeof tritonStatsDocumentSchema>;
/** One parsed model entry of it. */
export type TritonModelStats = z.infer<typeof tritonModelStatsSchema>;

/** Error for a stats body that does not have Triton's shape; the message names the field. */
export class TritonStatsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TritonStatsError';
  }
}

/** Validates a `/v2/models/<m>/stats` body (parsed JSON); throws a {@link TritonStatsError} naming the field. */
export function parseTritonStats(
  doc: unknown,
  label = 'stats',
): TritonStatsDocument {
  const result = tritonStatsDocumentSchema.safeParse(doc);
  if (!result.success) {
    throw new TritonStatsError(
      `Triton ${label} document is invalid: ${formatZodIssues(result.error)}`,
    );
  }
  return result.data;
}
