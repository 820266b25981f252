import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '@internal/plugin-model-scaling-node';
import { z } from 'zod';

const backoffSchema = z
  .object({
    initialMs: z.number().int().min(10).default(1000),
    maxMs: z.number().int().min(10).default(30000),
    factor: z.number().min(1).default(2),
  })
  .strict()
  .refine(b => b.maxMs >= b.initialMs, {
    message: 'must be at least watch.backoff.initialMs',
    path: ['maxMs'],
  });

const prometheusSchema = z
  .object({
    url: z
      .string()
      .url()
      .refine(u => /^https?:\/\//.test(u), {
        message: 'must be an http or https URL',
      }),
    podLabel: z.string().min(1).default('pod'),
    namespaceLabel: z.string().min(1).default('namespace'),
    /** When one Prometheus serves several clusters: the label holding the cluster name. */
    clusterLabel: z.string().min(1).optional(),
  })
  .strict();

const NAMESPACE_PATTERN =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?|[a-z0-9][-a-z0-9]*\*)$/;

const entityNamespaceRuleSchema = z
  .object({
    catalogNamespace: z.string().min(1).optional(),
    owner: z
      .string()
      .min(1)
      .refine(ref => {
        try {
          parseEntityRef(ref, { defaultKind: 'group' });
          return true;
        } catch {
          return false;
        }
      }, 'must be an entity ref such as group:default/team-a')
      .optional(),
    clusterNamespaces: z
      .array(
        z
          .string()
          .max(63)
          .regex(
            NAMESPACE_PATTERN,
            "must be a namespace name or a prefix ending in '*'",
          ),
      )
      .min(1, 'must list at least one namespace'),
  })
  .strict()
  .refine(r => r.catalogNamespace !== undefined || r.owner !== undefined, {
    message: 'needs catalogNamespace or owner (or both)',
  });

/** Zod schema of the `modelScaling` keys this backend reads (presets are read by the common package). */
export const modelScalingOptionsSchema = z
  .object({
    namespaces: z.array(z.string().min(1)).default([]),
    /**
     * Which cluster namespaces an entity may select, by its catalog namespace
     * and/or owner. Unset: any namespace.
     */
    entityNamespaces: z.array(entityNamespaceRuleSchema).optional(),
    requestTimeoutMs: z
      .number()
      .int()
      .min(100)
      .default(DEFAULT_REQUEST_TIMEOUT_MS),
    watch: z
      .object({
        backoff: backoffSchema.default({}),
        timeoutSeconds: z.number().int().min(5).max(3600).default(300),
        /** Objects per list page (the API server's `limit`). */
        pageSize: z.number().int().min(10).max(10000).default(500),
        /** Deadline of each list page request; unset: requestTimeoutMs. */
        listTimeoutMs: z.number().int().min(100).optional(),
      })
      .strict()
      .default({}),
    triton: z
      .object({
        enabled: z.boolean().default(true),
        intervalSeconds: z.number().min(1).default(15),
        concurrency: z.number().int().min(1).max(256).default(8),
        timeoutMs: z.number().int().min(100).default(3000),
        configRefreshIntervals: z.number().int().min(1).default(20),
        maxModelsPerPod: z.number().int().min(1).max(1024).default(32),
        maxSeriesPerDocument: z.number().int().min(100).default(20000),
        maxErrorChars: z.number().int().min(80).default(1000),
        /** Deadline of each cluster's part of a round; see {@link roundDeadlineMs}. */
        roundDeadlineMs: z.number().int().min(100).optional(),
        /**
         * The collection task's lock timeout: a replica that dies while
         * collecting holds the task this long before another takes over.
         */
        taskTimeoutSeconds: z.number().int().min(5).default(60),
        /** Run the collector in a worker thread, off the event loop that serves the API. */
        workerThread: z.boolean().default(true),
        prometheus: prometheusSchema.optional(),
      })
      .strict()
      .default({})
      .refine(
        t =>
          t.roundDeadlineMs === undefined ||
          t.taskTimeoutSeconds * 1000 > t.roundDeadlineMs,
        {
          message: 'must be longer than triton.roundDeadlineMs',
          path: ['taskTimeoutSeconds'],
        },
      ),
    history: z
      .object({
        /** How long workload history is kept in the database and shown. */
        retentionMinutes: z
          .number()
          .min(1)
          .max(7 * 24 * 60)
          .default(60),
      })
      .strict()
      .default({}),
  })
  .passthrough();

/** The plain, typed options of the backend, read once from config. */
export type ModelScalingOptions = z.infer<typeof modelScalingOptionsSchema>;

/**
 * Reads the `modelScaling` section (everything except `patterns`, which
 * `resolvePatternPresets` reads) into typed options with defaults.
 * Throws an error naming the key and the rule when a value is wrong.
 */
export function readModelScalingOptions(config: Config): ModelScalingOptions {
  const raw = config.getOptional('modelScaling') ?? {};
  const result = modelScalingOptionsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = ['modelScaling', ...issue.path.map(String)].join('.');
    throw new Error(`Invalid config at ${key}: ${issue.message}`);
  }
  return result.data;
}

/**
 * The deadline of each cluster's part of a collection round: as configured,
 * else the interval but at least two request timeouts, and at most half the
 * task's lock timeout (so a round always ends before its lock expires).
 */
export function roundDeadlineMs(triton: ModelScalingOptions['triton']): number {
  return (
    triton.roundDeadlineMs ??
    Math.min(
      Math.max(triton.intervalSeconds * 1000, 2 * triton.timeoutMs),
      (triton.taskTimeoutSeconds * 1000) / 2,
    )
  );
}
