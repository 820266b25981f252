import { z } from 'zod';
import type { TritonModelConfig } from '../types/status';
import { formatZodIssues } from './zodIssues';

// int64 fields may be printed as numbers (Triton's ModelConfigToJson) or strings (plain protobuf JSON).
const int = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const configSchema = z
  .object({
    name: z.string().optional(),
    platform: z.string().optional(),
    backend: z.string().optional(),
    max_batch_size: int.default(0),
    dynamic_batching: z
      .object({
        preferred_batch_size: z.array(int).default([]),
        max_queue_delay_microseconds: int.default(0),
        preserve_ordering: z.boolean().optional(),
      })
      .passthrough()
      .optional(),
    instance_group: z
      .array(
        z
          .object({
            kind: z.string().optional(),
            count: int.optional(),
            gpus: z.array(int).optional(),
          })
          .passthrough(),
      )
      .default([]),
  })
  .passthrough();

/** Error for a `/config` body that does not have Triton's shape; the message names the field. */
export class TritonConfigJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TritonConfigJsonError';
  }
}

/**
 * The batching-relevant part of Triton's `GET /v2/models/<m>/config` JSON
 * (snake_case `ModelConfig`). `dynamicBatching` is absent when the key is
 * absent, i.e. when dynamic batching is not enabled.
 */
export function tritonConfigFromJson(json: unknown): TritonModelConfig {
  const result = configSchema.safeParse(json);
  if (!result.success) {
    throw new TritonConfigJsonError(
      `Triton model config is invalid: ${formatZodIssues(result.error)}`,
    );
  }
  const c = result.data;
  const config: TritonModelConfig = {
    maxBatchSize: c.max_batch_size,
    instanceGroups: c.instance_group.map(g => ({
      ...(g.kind !== undefined ? { kind: g.kind } : {}),
      ...(g.count !== undefined ? { count: g.count } : {}),
      ...(g.gpus !== undefined ? { gpus: g.gpus } : {}),
    })),
  };
  if (c.name) config.name = c.name;
  if (c.platform) config.platform = c.platform;
  if (c.backend) config.backend = c.backend;
  if (c.dynamic_batching) {
    config.dynamicBatching = {
      preferredBatchSize: c.dynamic_batching.preferred_batch_size,
      maxQueueDelayMicroseconds:
        c.dynamic_batching.max_queue_delay_microseconds,
    };
    if (c.dynamic_batching.preserve_ordering !== undefined) {
      config.dynamicBatching.preserveOrdering =
        c.dynamic_batching.preserve_ordering;
    }
  }
  return config;
}
