import { z } from 'zod';
import { GPU_SHARING_CHOICES, QUEUE_TYPES } from './presets';
import { isQuantity } from './quantity';
import { checkMigProfile } from './migProfiles';

const quantity = z
  .string()
  .refine(isQuantity, 'must be a Kubernetes quantity such as 500m or 1Gi');

const replicas = z.number().int('must be a whole number').min(0).max(1000);
const seconds = (max: number) =>
  z.number().int('must be whole seconds').min(0).max(max);
const positive = z.number().positive('must be greater than 0');

const resources = z.object({ cpu: quantity, memory: quantity }).strict();

// HPA limits: stabilization window 0–3600 s, policy period 1–1800 s.
const behavior = z
  .object({
    scaleUpStabilizationWindowSeconds: seconds(3600),
    scaleDownStabilizationWindowSeconds: seconds(3600),
    scaleDownPercent: z.number().int().min(1).max(100),
    scaleDownPeriodSeconds: z.number().int().min(1).max(1800),
  })
  .strict();

const batching = z
  .object({
    maxBatchSize: z.number().int().min(1).max(4096),
    preferredBatchSizes: z
      .array(z.number().int().min(1))
      .min(1, 'needs at least one batch size'),
    maxQueueDelayMicroseconds: z
      .number()
      .int('must be whole microseconds')
      .min(0)
      .max(10_000_000, 'must be at most 10 s (10000000 µs)'),
  })
  .strict()
  .superRefine((b, ctx) => {
    b.preferredBatchSizes.forEach((size, i) => {
      if (i > 0 && size <= b.preferredBatchSizes[i - 1]) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['preferredBatchSizes', i],
          message: 'preferred batch sizes must be strictly ascending',
        });
      }
      if (size > b.maxBatchSize) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['preferredBatchSizes', i],
          message: `preferred batch size ${size} exceeds maxBatchSize ${b.maxBatchSize}`,
        });
      }
    });
  });

const prometheus = z
  .object({
    serverAddress: z
      .string()
      .url('must be a URL such as http://prometheus:9090'),
    query: z.string().min(1, 'must be a PromQL query'),
    threshold: positive,
    activationThreshold: z.number().min(0),
  })
  .strict()
  .refine(p => p.activationThreshold < p.threshold, {
    message: 'activationThreshold must be below threshold',
    path: ['activationThreshold'],
  });

const keda = z
  .object({
    pollingInterval: z.number().int().min(1).max(3600),
    cooldownPeriod: seconds(86400),
  })
  .strict();

const migProfile = z.string().superRefine((profile, ctx) => {
  const check = checkMigProfile(profile);
  if (!check.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: check.reason });
  }
});

const gpuSharing = z.enum(GPU_SHARING_CHOICES as [string, ...string[]]);

function minBelowMax<T extends { minReplicas: number; maxReplicas: number }>(
  schema: z.ZodType<T>,
) {
  return schema.refine(p => p.minReplicas <= p.maxReplicas, {
    message: 'minReplicas must not exceed maxReplicas',
    path: ['minReplicas'],
  });
}

const realtimeCpu = z
  .object({
    minReplicas: replicas.min(
      1,
      'a real-time service needs at least 1 replica',
    ),
    maxReplicas: replicas.min(1),
    cpuTargetUtilization: z.number().int().min(1).max(100),
    memoryTargetUtilization: z.number().int().min(1).max(100),
    behavior,
    resources,
  })
  .strict();

const realtimeGpu = z
  .object({
    minReplicas: replicas.min(
      1,
      'a real-time service needs at least 1 replica',
    ),
    maxReplicas: replicas.min(1),
    gpuSharing,
    migProfile,
    tritonImage: z
      .string()
      .min(1)
      .regex(/^\S+$/, 'must be an image reference without spaces'),
    prometheus,
    keda,
    behavior,
    batching,
    resources,
  })
  .strict();

const asyncBatch = z
  .object({
    minReplicas: replicas,
    maxReplicas: replicas.min(1),
    queueType: z.enum(QUEUE_TYPES as [string, ...string[]]),
    kafkaLagThreshold: positive,
    kafkaActivationLagThreshold: z.number().min(0),
    sqsQueueLength: positive,
    sqsActivationQueueLength: z.number().min(0),
    spot: z.boolean(),
    terminationGracePeriodSeconds: seconds(3600),
    gpuSharing,
    migProfile,
    tritonImage: z
      .string()
      .min(1)
      .regex(/^\S+$/, 'must be an image reference without spaces'),
    keda,
    behavior,
    batching,
    resources,
  })
  .strict();

const bursty = z
  .object({
    minReplicas: z.literal(0, {
      errorMap: () => ({
        message: 'the bursty pattern scales to zero; minReplicas must be 0',
      }),
    }),
    maxReplicas: replicas.min(1),
    coldStartBudgetSeconds: z.number().positive().max(3600),
    gpuSharing,
    migProfile,
    tritonImage: z
      .string()
      .min(1)
      .regex(/^\S+$/, 'must be an image reference without spaces'),
    prometheus,
    keda,
    behavior,
    batching,
    resources,
  })
  .strict();

/** zod schema of the complete {@link PatternPresets} (after defaults are merged in). */
export const patternPresetsSchema = z
  .object({
    'realtime-cpu': minBelowMax(realtimeCpu),
    'realtime-gpu': minBelowMax(realtimeGpu),
    'async-batch': minBelowMax(asyncBatch),
    bursty: minBelowMax(bursty),
  })
  .strict();
