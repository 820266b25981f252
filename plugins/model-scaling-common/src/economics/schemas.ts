import { z } from 'zod';
import { formatZodIssues } from '../triton-live/zodIssues';
import type {
  CapacityRecommendation,
  CostSettings,
  GpuPlacement,
  TrafficSeries,
} from './types';

/** Bad economics input (settings, traffic, placement, change); the message names the field and the rule. */
export class EconomicsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EconomicsInputError';
  }
}

/** Defaults of `modelScaling.costs`: off, USD, no prices, 7 days, 10 % gaps, 60 s steps. */
export const DEFAULT_COST_SETTINGS: CostSettings = {
  enabled: false,
  currency: 'USD',
  gpuHourPrices: {},
  maxReplayDays: 7,
  maxGapPercent: 10,
  stepSeconds: 60,
};

const price = z.number().nonnegative().finite();

/** `modelScaling.costs` as written in app-config (every key optional). */
export const costSettingsConfigSchema = z
  .object({
    enabled: z.boolean().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or EUR')
      .optional(),
    gpuHourPrices: z
      .record(
        z.string().min(1),
        z
          .object({ onDemand: price.optional(), spot: price.optional() })
          .strict()
          .refine(p => p.onDemand !== undefined || p.spot !== undefined, {
            message: 'needs onDemand, spot or both',
          }),
      )
      .optional(),
    maxReplayDays: z.number().positive().max(31).optional(),
    maxGapPercent: z.number().min(0).max(100).optional(),
    stepSeconds: z.number().int().min(1).max(3600).optional(),
  })
  .strict();

/** Raw `modelScaling.costs` config. */
export type CostSettingsConfig = z.input<typeof costSettingsConfigSchema>;

function parseOrThrow<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  input: unknown,
  root: string,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new EconomicsInputError(formatZodIssues(result.error, root));
  }
  return result.data;
}

/** `modelScaling.costs` (or undefined) → settings with the documented defaults; throws naming the field. */
export function resolveCostSettings(raw: unknown): CostSettings {
  const parsed = parseOrThrow(
    costSettingsConfigSchema,
    raw ?? {},
    'modelScaling.costs',
  );
  return {
    ...DEFAULT_COST_SETTINGS,
    ...Object.fromEntries(
      Object.entries(parsed).filter(([, v]) => v !== undefined),
    ),
  } as CostSettings;
}

/** A traffic series (the shape; what makes it unreplayable is judged by `validateTraffic`). */
export const trafficSeriesSchema = z.object({
  startMs: z.number().finite(),
  stepSeconds: z.number().positive().finite(),
  values: z.array(z.number().finite().nonnegative().nullable()),
});

/** Checks the shape of a traffic series; throws an {@link EconomicsInputError} naming the field. */
export function parseTrafficSeries(input: unknown): TrafficSeries {
  return parseOrThrow(trafficSeriesSchema, input, 'traffic');
}

/** Where a pod's GPU time comes from. */
export const gpuPlacementSchema = z
  .object({
    product: z.string().min(1),
    gpusPerPod: z.number().positive().finite(),
    sharing: z.enum(['exclusive', 'mig', 'time-slicing', 'mps']),
    migProfile: z.string().min(1).optional(),
    sharedBy: z.number().int().min(1).optional(),
    capacity: z.enum(['on-demand', 'spot']),
  })
  .superRefine((p, ctx) => {
    if (p.sharing === 'mig' && !p.migProfile) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['migProfile'],
        message: 'is required when sharing is mig',
      });
    }
    if (
      (p.sharing === 'time-slicing' || p.sharing === 'mps') &&
      p.sharedBy === undefined
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['sharedBy'],
        message: `is required when sharing is ${p.sharing} (replicas per physical GPU)`,
      });
    }
  });

/** Checks a GPU placement; throws an {@link EconomicsInputError} naming the field. */
export function parseGpuPlacement(
  input: unknown,
  root = 'placement',
): GpuPlacement {
  return parseOrThrow(gpuPlacementSchema, input, root) as GpuPlacement;
}

const hour = z.number().int().min(0).max(23);

/** A capacity change (see `CapacityChange`). */
export const capacityChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('batching'),
    maxRpsPerPod: z.number().positive(),
    rpsPerPodAtTarget: z.number().positive().optional(),
    serviceTimeMs: z.number().positive().optional(),
    preferredBatchSizes: z.array(z.number().int().positive()).optional(),
    maxQueueDelayMicroseconds: z.number().int().nonnegative().optional(),
  }),
  z.object({
    kind: z.literal('night-min-replicas'),
    minReplicas: z.number().int().nonnegative(),
    fromHourUtc: hour,
    toHourUtc: hour,
  }),
  z.object({
    kind: z.literal('scale-to-zero'),
    activationThreshold: z.number().nonnegative().optional(),
    cooldownPeriod: z.number().int().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('spot') }),
  z.object({
    kind: z.literal('mig-slice'),
    migProfile: z
      .string()
      .regex(/^[1-8]g\.\d+gb$/, 'must be a MIG profile such as 1g.10gb'),
    maxRpsPerPod: z.number().positive().optional(),
  }),
  z.object({
    kind: z.literal('scale-down-window'),
    stabilizationWindowSeconds: z.number().int().min(0).max(3600),
  }),
]);

/** A recommendation that changes capacity. */
export const capacityRecommendationSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  findingId: z.string().min(1).optional(),
  change: capacityChangeSchema,
});

/** Checks a recommendation; throws an {@link EconomicsInputError} naming the field. */
export function parseCapacityRecommendation(
  input: unknown,
  root = 'recommendation',
): CapacityRecommendation {
  return parseOrThrow(capacityRecommendationSchema, input, root);
}
