import { z } from 'zod';
import { PATTERN_IDS } from '../patterns/patternIds';
import { GPU_SHARING_CHOICES } from '../patterns/presets';
import { isQuantity } from '../patterns/quantity';
import type { PatternId } from '../types/status';
import {
  DNS_1123_LABEL,
  KAFKA_SASL_MODES,
  MODEL_FRAMEWORKS,
  TRAFFIC_SHAPES,
} from './answersSchema';

const quantity = z
  .string()
  .refine(isQuantity, 'must be a Kubernetes quantity such as 500m or 1Gi');
const dnsLabel = z
  .string()
  .max(63)
  .regex(DNS_1123_LABEL, 'must be a DNS-1123 label');
const patternId = z.enum(PATTERN_IDS as [PatternId, ...PatternId[]]);

const behavior = z.object({
  scaleUpStabilizationWindowSeconds: z.number().int().min(0).max(3600),
  scaleDownStabilizationWindowSeconds: z.number().int().min(0).max(3600),
  scaleDownPercent: z.number().int().min(1).max(100),
  scaleDownPeriodSeconds: z.number().int().min(1).max(1800),
});

const prometheusTrigger = z.object({
  type: z.literal('prometheus'),
  serverAddress: z.string().url(),
  query: z.string().min(1),
  threshold: z.number().positive(),
  activationThreshold: z.number().min(0),
});

const kafkaTrigger = z.object({
  type: z.literal('kafka'),
  bootstrapServers: z.string().min(1),
  topic: z.string().min(1),
  consumerGroup: z.string().min(1),
  lagThreshold: z.number().positive(),
  activationLagThreshold: z.number().min(0),
  offsetResetPolicy: z.enum(['earliest', 'latest']),
  sasl: z.enum(KAFKA_SASL_MODES),
  tls: z.boolean(),
  /** Secret with `username` and `password` when SASL is on. */
  credentialsSecret: dnsLabel.optional(),
});

const sqsTrigger = z.object({
  type: z.literal('aws-sqs-queue'),
  queueURL: z.string().url(),
  awsRegion: z.string().min(1),
  queueLength: z.number().positive(),
  activationQueueLength: z.number().min(0),
  awsAuth: z.enum(['pod-identity', 'secret']),
  /** Secret with `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` when awsAuth is `secret`. */
  credentialsSecret: dnsLabel.optional(),
});

const hpaAutoscaler = z.object({
  kind: z.literal('hpa'),
  cpuTargetUtilization: z.number().int().min(1).max(100),
  memoryTargetUtilization: z.number().int().min(1).max(100),
  behavior,
});

const kedaAutoscaler = z.object({
  kind: z.literal('keda'),
  pollingInterval: z.number().int().min(1),
  cooldownPeriod: z.number().int().min(0),
  behavior,
  trigger: z.discriminatedUnion('type', [
    prometheusTrigger,
    kafkaTrigger,
    sqsTrigger,
  ]),
  /** Replicas KEDA holds while the trigger's metric cannot be read. */
  fallback: z
    .object({
      failureThreshold: z.number().int().min(1),
      replicas: z.number().int().min(1),
    })
    .optional(),
});

/** A fully resolved, validated plan for one model service: what the renderers turn into files. */
export const modelServicePlanSchema = z
  .object({
    version: z.literal(1),
    name: dnsLabel,
    namespace: dnsLabel,
    owner: z.string().min(1),
    description: z.string(),
    pattern: patternId,
    recommendedPattern: patternId,
    /** Why this pattern and these settings, in plain sentences. */
    rationale: z.array(z.string()),
    model: z.object({
      framework: z.enum(MODEL_FRAMEWORKS),
      sizeGb: z.number().positive(),
      needsGpu: z.boolean(),
      latencySloMs: z.number().positive(),
      peakRps: z.number().min(0),
      trafficShape: z.enum(TRAFFIC_SHAPES),
    }),
    replicas: z.object({
      min: z.number().int().min(0),
      max: z.number().int().min(1),
    }),
    /** The application container: the model server (CPU) or the queue consumer. Absent when Triton serves alone. */
    app: z
      .object({
        image: z.string().min(1),
        port: z.number().int().min(1).max(65535).optional(),
        healthPath: z.string().optional(),
        resources: z.object({ cpu: quantity, memory: quantity }),
      })
      .optional(),
    triton: z
      .object({
        image: z.string().min(1),
        modelName: z.string().min(1),
        backend: z.string().min(1),
        modelRepository: z.string().min(1),
        maxBatchSize: z.number().int().min(1),
        preferredBatchSizes: z.array(z.number().int().min(1)).min(1),
        maxQueueDelayMicroseconds: z.number().int().min(0),
        instanceKind: z.enum(['KIND_GPU', 'KIND_CPU']),
        instanceCount: z.number().int().min(1),
        resources: z.object({ cpu: quantity, memory: quantity }),
      })
      .optional(),
    gpu: z
      .object({
        sharing: z.enum(GPU_SHARING_CHOICES as [string, ...string[]]),
        /** Extended resource each pod requests, e.g. `nvidia.com/gpu` or `nvidia.com/mig-1g.18gb`. */
        resourceName: z.string().min(1),
        count: z.number().int().min(1),
        migProfile: z.string().optional(),
        gpuModel: z.string().optional(),
        product: z.string().optional(),
      })
      .optional(),
    autoscaler: z.discriminatedUnion('kind', [hpaAutoscaler, kedaAutoscaler]),
    spot: z.object({ required: z.boolean() }).optional(),
    terminationGracePeriodSeconds: z.number().int().min(0),
    /** Scale-to-zero: seconds from pod creation to Ready that callers tolerate. */
    coldStartBudgetSeconds: z.number().positive().optional(),
    /** How the service survives interruption (async-batch). */
    checkpointing: z.string().optional(),
  })
  .superRefine((plan, ctx) => {
    if (plan.replicas.min > plan.replicas.max) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['replicas', 'min'],
        message: `must not exceed replicas.max (${plan.replicas.min} > ${plan.replicas.max})`,
      });
    }
    if (
      plan.autoscaler.kind === 'keda' &&
      plan.autoscaler.fallback &&
      (plan.autoscaler.fallback.replicas > plan.replicas.max ||
        plan.autoscaler.fallback.replicas < plan.replicas.min)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['autoscaler', 'fallback', 'replicas'],
        message: `must be within replicas.min and replicas.max (${plan.replicas.min}–${plan.replicas.max})`,
      });
    }
    if (!plan.app && !plan.triton) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['app'],
        message: 'a plan needs an app container, a Triton container or both',
      });
    }
    if (plan.pattern === 'realtime-cpu' && plan.autoscaler.kind !== 'hpa') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['autoscaler', 'kind'],
        message: 'realtime-cpu scales with an HPA',
      });
    }
    if (plan.pattern !== 'realtime-cpu' && plan.autoscaler.kind !== 'keda') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['autoscaler', 'kind'],
        message: `${plan.pattern} scales with a KEDA ScaledObject`,
      });
    }
    if (plan.triton) {
      const t = plan.triton;
      if (t.maxQueueDelayMicroseconds >= plan.model.latencySloMs * 1000) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['triton', 'maxQueueDelayMicroseconds'],
          message: `must be below the latency SLO (${t.maxQueueDelayMicroseconds} µs, SLO ${plan.model.latencySloMs} ms)`,
        });
      }
      t.preferredBatchSizes.forEach((size, i) => {
        if (
          size > t.maxBatchSize ||
          (i > 0 && size <= t.preferredBatchSizes[i - 1])
        ) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['triton', 'preferredBatchSizes', i],
            message:
              'preferred batch sizes must be strictly ascending and at most maxBatchSize',
          });
        }
      });
    }
    if (plan.gpu && !plan.model.needsGpu) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['gpu'],
        message: 'a GPU is planned for a model marked CPU-only',
      });
    }
    if (plan.pattern === 'realtime-gpu' && !plan.gpu) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['gpu'],
        message: 'realtime-gpu needs a GPU',
      });
    }
  });

/** A validated model service plan; see {@link modelServicePlanSchema}. */
export type ModelServicePlan = z.infer<typeof modelServicePlanSchema>;
