import { z } from 'zod';
import { formatZodIssues } from '../triton-live/zodIssues';
import type { SimulationInput } from './types';

const nonNegInt = z.number().int().nonnegative();

const rules = z
  .object({
    stabilizationWindowSeconds: z.number().int().min(0).max(3600).optional(),
    selectPolicy: z.enum(['Max', 'Min', 'Disabled']).optional(),
    policies: z
      .array(
        z.object({
          type: z.enum(['Pods', 'Percent']),
          value: z.number().int().positive(),
          periodSeconds: z.number().int().positive().max(1800),
        }),
      )
      .min(1)
      .optional(),
    tolerance: z.string().optional(),
  })
  .passthrough();
const behavior = z
  .object({ scaleUp: rules.optional(), scaleDown: rules.optional() })
  .passthrough();

const hpaSpec = z
  .object({
    kind: z.literal('HorizontalPodAutoscaler'),
    minReplicas: nonNegInt.optional(),
    maxReplicas: z.number().int().positive(),
    metrics: z.array(z.object({ type: z.string() }).passthrough()).optional(),
    behavior: behavior.optional(),
  })
  .passthrough()
  .refine(s => (s.minReplicas ?? 1) <= s.maxReplicas, {
    message: 'minReplicas must not exceed maxReplicas',
    path: ['minReplicas'],
  });

const kedaSpec = z
  .object({
    kind: z.literal('ScaledObject'),
    minReplicaCount: nonNegInt.optional(),
    maxReplicaCount: z.number().int().positive().optional(),
    idleReplicaCount: nonNegInt.optional(),
    cooldownPeriod: nonNegInt.optional(),
    initialCooldownPeriod: nonNegInt.optional(),
    pollingInterval: z.number().positive().optional(),
    fallback: z
      .object({
        failureThreshold: z.number().int().nonnegative(),
        replicas: z.number().int().nonnegative(),
      })
      .passthrough()
      .optional(),
    hpaBehavior: behavior.optional(),
    triggers: z
      .array(
        z
          .object({ type: z.string().min(1), metadata: z.record(z.string()) })
          .passthrough(),
      )
      .min(1),
  })
  .passthrough()
  .refine(s => (s.minReplicaCount ?? 0) <= (s.maxReplicaCount ?? 100), {
    message: 'minReplicaCount must not exceed maxReplicaCount',
    path: ['minReplicaCount'],
  })
  .refine(
    s =>
      s.idleReplicaCount === undefined ||
      s.idleReplicaCount < (s.minReplicaCount ?? 0),
    {
      message: 'idleReplicaCount must be less than minReplicaCount',
      path: ['idleReplicaCount'],
    },
  );

const schema = z.object({
  autoscaler: z.union([hpaSpec, kedaSpec]),
  // One loop over the points instead of a zod object per point: a day of
  // load is hundreds of points and the fleet what-if validates thousands of
  // days (zod's per-element parse was a tenth of a simulation's time). The
  // rules and messages are zod's own: `load[3].t: Expected number, received
  // string`, `... must be greater than or equal to 0`.
  load: z
    .array(z.unknown())
    .min(1)
    .superRefine((points, ctx) => {
      let increasing = true;
      for (let i = 0; i < points.length; i++) {
        const p = points[i] as { t?: unknown; rps?: unknown } | null;
        if (typeof p !== 'object' || p === null || Array.isArray(p)) {
          ctx.addIssue({
            code: z.ZodIssueCode.invalid_type,
            expected: 'object',
            received: z.getParsedType(p),
            path: [i],
          });
          increasing = false;
          continue;
        }
        for (const key of ['t', 'rps'] as const) {
          const v = p[key];
          if (typeof v !== 'number' || Number.isNaN(v)) {
            ctx.addIssue({
              code: z.ZodIssueCode.invalid_type,
              expected: 'number',
              received: z.getParsedType(v),
              path: [i, key],
            });
            increasing = false;
          } else if (v < 0) {
            ctx.addIssue({
              code: z.ZodIssueCode.too_small,
              minimum: 0,
              type: 'number',
              inclusive: true,
              path: [i, key],
            });
          }
        }
        if (
          increasing &&
          i > 0 &&
          !((p.t as number) > (points[i - 1] as { t: number }).t)
        ) {
          increasing = false;
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: 'points must be in strictly increasing t',
          });
        }
      }
    }),
  capacity: z
    .object({
      rpsPerPodAtTarget: z.number().positive().optional(),
      cpu: z
        .object({
          millicoresPerRps: z.number().nonnegative(),
          idleMillicores: z.number().nonnegative().optional(),
          requestMillicores: z.number().positive(),
        })
        .optional(),
      memoryUtilizationPercent: z.number().nonnegative().optional(),
      maxRpsPerPod: z.number().positive().optional(),
      serviceTimeMs: z.number().positive().optional(),
    })
    .refine(
      c =>
        c.rpsPerPodAtTarget !== undefined ||
        c.cpu !== undefined ||
        c.maxRpsPerPod !== undefined,
      {
        message: 'needs rpsPerPodAtTarget, cpu or maxRpsPerPod',
      },
    ),
  coldStartSeconds: z.number().nonnegative(),
  durationSeconds: z
    .number()
    .positive()
    .max(31 * 24 * 3600)
    .optional(),
  initialReplicas: nonNegInt.optional(),
  metricFailures: z
    .array(
      z.object({
        from: z.number().nonnegative(),
        to: z.number().nonnegative(),
        metrics: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  kedaStatus: z
    .object({
      createdAt: z.number().optional(),
      lastActiveTime: z.number().optional(),
    })
    .optional(),
  resourceMetricsDelaySeconds: z.number().nonnegative().max(600).optional(),
  syncPeriodSeconds: z.number().positive().optional(),
  tolerance: z.number().nonnegative().max(1).optional(),
  downscaleStabilizationSeconds: z.number().nonnegative().optional(),
});

/** Error for simulator input that breaks a rule; the message names the field. */
export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

/** Validates simulator input; throws a {@link SimulationInputError} naming each offending field. */
export function validateSimulationInput(input: unknown): SimulationInput {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new SimulationInputError(
      `Invalid simulation input: ${formatZodIssues(result.error)}`,
    );
  }
  return input as SimulationInput;
}
