import { Config } from '@backstage/config';
import { z } from 'zod';
import { DURATION_PATTERN, durationSeconds } from './duration';

const querySchema = z.union([
  z.string().min(1, 'must not be empty'),
  z
    .object({
      query: z.string().min(1, 'must not be empty'),
      /**
       * The query returns a counter of requests (e.g. Triton's
       * `nv_inference_request_success`) instead of a rate: the reader takes
       * per-step differences itself and leaves a step with a reset empty.
       */
      counter: z.boolean().default(false),
    })
    .strict(),
]);

const urlSchema = z
  .string()
  .url()
  .refine(u => /^https?:\/\//.test(u), {
    message: 'must be an http or https URL',
  });

/** Zod schema of `modelScaling.traffic`. */
export const trafficOptionsSchema = z
  .object({
    /** The longest range the traffic route answers (`24h`, `7d`, …); default 7 days. */
    maxRange: z
      .string()
      .regex(DURATION_PATTERN, "must be a duration such as '24h' or '7d'")
      .default('7d'),
    /**
     * Hours of request rate each backend keeps in memory per workload, at
     * the collector's step (default 24).
     */
    recordHours: z.number().min(1).max(168).default(24),
    prometheus: z
      .object({
        /** Default: `modelScaling.triton.prometheus.url`. */
        url: urlSchema.optional(),
        timeoutMs: z.number().int().min(100).default(10000),
        /** Points per query_range answer; the step grows to stay below it (Prometheus refuses more than 11,000). */
        maxPoints: z.number().int().min(100).max(11000).default(11000),
        /**
         * One PromQL query per pattern id, with `$namespace` and `$workload`
         * (the Deployment's name) replaced per workload; it must return one
         * series of requests per second.
         */
        queries: z.record(querySchema).default({}),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A configured traffic query, normalised. */
export interface TrafficQuery {
  query: string;
  counter: boolean;
}

/** The plain options of the traffic service. */
export interface TrafficOptions {
  maxRangeSeconds: number;
  recordHours: number;
  prometheus?: {
    url: string;
    timeoutMs: number;
    maxPoints: number;
    queries: Record<string, TrafficQuery>;
  };
}

/**
 * Reads `modelScaling.traffic` once. Prometheus is used when a URL is set
 * here or for Triton collection (`modelScaling.triton.prometheus.url`) and
 * at least one query is configured. Throws naming the key and the rule.
 */
export function readTrafficOptions(config: Config): TrafficOptions {
  const raw = config.getOptional('modelScaling.traffic') ?? {};
  const result = trafficOptionsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = ['modelScaling', 'traffic', ...issue.path.map(String)].join(
      '.',
    );
    throw new Error(`Invalid config at ${key}: ${issue.message}`);
  }
  const o = result.data;
  const queries = Object.fromEntries(
    Object.entries(o.prometheus?.queries ?? {}).map(([pattern, q]) => [
      pattern,
      typeof q === 'string' ? { query: q, counter: false } : q,
    ]),
  );
  const url =
    o.prometheus?.url ??
    config.getOptionalString('modelScaling.triton.prometheus.url');
  return {
    maxRangeSeconds: durationSeconds(o.maxRange)!,
    recordHours: o.recordHours,
    ...(url &&
      Object.keys(queries).length > 0 && {
        prometheus: {
          url,
          timeoutMs: o.prometheus?.timeoutMs ?? 10000,
          maxPoints: o.prometheus?.maxPoints ?? 11000,
          queries,
        },
      }),
  };
}
