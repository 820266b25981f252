import { z } from 'zod';
import { PATTERN_IDS } from '../patterns/patternIds';
import { GPU_SHARING_CHOICES, QUEUE_TYPES } from '../patterns/presets';
import { MIG_GPU_MODELS } from '../patterns/migProfiles';
import type { PatternId } from '../types/status';

/**
 * An owner entity reference, `[<kind>:][<namespace>/]<name>` with kind group
 * or user, a DNS-label namespace and a Backstage entity name. Nothing else
 * may reach the generated catalog-info.yaml.
 */
export const OWNER_ENTITY_REF =
  /^(?:(?:[Gg]roup|[Uu]ser):)?(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\/)?[A-Za-z0-9](?:[-_.A-Za-z0-9]*[A-Za-z0-9])?$/;

/** A DNS-1123 label (RFC 1123): lower-case alphanumerics and `-`, at most 63 characters. */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const dnsLabel = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(63, 'must be at most 63 characters (DNS-1123 label)')
    .regex(
      DNS_1123_LABEL,
      'must be a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit',
    );

/** Model frameworks the template knows; each maps to a Triton backend. */
export const MODEL_FRAMEWORKS = [
  'onnx',
  'pytorch',
  'tensorflow',
  'tensorrt',
  'python',
  'sklearn',
  'xgboost',
] as const;

/** How requests arrive. */
export const TRAFFIC_SHAPES = ['steady', 'diurnal', 'bursty', 'queue'] as const;

/** Kafka SASL mechanisms the KEDA kafka scaler supports with a username and password. */
export const KAFKA_SASL_MODES = [
  'none',
  'plaintext',
  'scram_sha256',
  'scram_sha512',
] as const;

const positiveInt = z
  .number()
  .int('must be a whole number')
  .positive('must be greater than 0');
const percent = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1 (percent of the request)')
  .max(100, 'must be at most 100 (percent of the request)');

const hpaOptions = z
  .object({
    cpuTargetUtilization: percent.optional(),
    memoryTargetUtilization: percent.optional(),
  })
  .strict();

const replicaOptions = z
  .object({
    min: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(1000)
      .optional(),
    max: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1000)
      .optional(),
  })
  .strict();

const gpuOptions = z
  .object({
    sharing: z.enum(GPU_SHARING_CHOICES as [string, ...string[]]).optional(),
    migProfile: z.string().optional(),
    /** GPU model, to check that a MIG profile exists on it and the model fits. */
    model: z.enum(MIG_GPU_MODELS as [string, ...string[]]).optional(),
    /** GFD `nvidia.com/gpu.product` value to pin pods to, e.g. `NVIDIA-H200`. */
    product: z.string().min(1).optional(),
    /** Whole GPUs per pod; only exclusive sharing can give more than one. */
    count: positiveInt.max(8, 'must be at most 8 GPUs per pod').optional(),
  })
  .strict();

const batchingOptions = z
  .object({
    maxBatchSize: positiveInt.max(4096).optional(),
    preferredBatchSizes: z
      .array(positiveInt)
      .min(1, 'needs at least one batch size')
      .optional(),
    maxQueueDelayMicroseconds: z
      .number()
      .int('must be whole microseconds')
      .min(0, 'must not be negative')
      .optional(),
  })
  .strict();

const kedaOptions = z
  .object({
    /** Requests per second one pod should take. */
    threshold: z.number().positive('must be greater than 0').optional(),
    activationThreshold: z.number().min(0, 'must not be negative').optional(),
  })
  .strict();

const queueOptions = z
  .object({
    type: z.enum(QUEUE_TYPES as [string, ...string[]]).optional(),
    /** kafka: consumer-group lag per replica. */
    lagThreshold: z.number().positive('must be greater than 0').optional(),
    activationLagThreshold: z.number().min(0).optional(),
    bootstrapServers: z.string().min(1).optional(),
    topic: z.string().min(1).optional(),
    consumerGroup: z.string().min(1).optional(),
    sasl: z.enum(KAFKA_SASL_MODES).optional(),
    tls: z.boolean().optional(),
    /** aws-sqs-queue: visible messages per replica. */
    queueLength: z.number().positive('must be greater than 0').optional(),
    activationQueueLength: z.number().min(0).optional(),
    queueUrl: z
      .string()
      .url(
        'must be the queue URL, e.g. https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
      )
      .optional(),
    awsRegion: z.string().min(1).optional(),
    /** aws-sqs-queue: `pod-identity` (KEDA's AWS identity) or a Secret with keys. */
    awsAuth: z.enum(['pod-identity', 'secret']).optional(),
    /** Name of the Secret with queue credentials (Kafka SASL or AWS keys). */
    credentialsSecret: dnsLabel().optional(),
  })
  .strict();

const scaleToZeroOptions = z
  .object({
    activationThreshold: z.number().min(0, 'must not be negative').optional(),
    coldStartBudgetSeconds: z
      .number()
      .positive('must be greater than 0')
      .max(3600)
      .optional(),
  })
  .strict();

/** What the template asks about a new model service. Validated with zod; unknown top-level keys are dropped. */
export const modelServiceAnswersSchema = z.object({
  name: dnsLabel().regex(
    /^[a-z]/,
    'must start with a letter (the Service gets this name, and Service names are DNS-1035 labels)',
  ),
  owner: z
    .string()
    .max(200, 'must be at most 200 characters')
    .regex(
      OWNER_ENTITY_REF,
      'must be an entity reference of a group or user, e.g. group:default/ml-platform or ml-platform (letters, digits and "-", "_", "." only)',
    ),
  description: z.string().default(''),
  framework: z.enum(MODEL_FRAMEWORKS),
  /** Size of the model weights in GB. */
  modelSizeGb: z
    .number()
    .positive('must be greater than 0')
    .max(2000, 'must be at most 2000 GB'),
  needsGpu: z.boolean(),
  latencySloMs: z.number().positive('must be greater than 0').max(3_600_000),
  /** Expected peak requests (or messages) per second. */
  peakRps: z.number().min(0, 'must not be negative'),
  trafficShape: z.enum(TRAFFIC_SHAPES),
  pattern: z
    .union([
      z.literal('auto'),
      z.enum(PATTERN_IDS as [PatternId, ...PatternId[]]),
    ])
    .default('auto'),
  replicas: replicaOptions.optional(),
  hpa: hpaOptions.optional(),
  gpu: gpuOptions.optional(),
  batching: batchingOptions.optional(),
  keda: kedaOptions.optional(),
  queue: queueOptions.optional(),
  spot: z.boolean().optional(),
  /** Require spot capacity instead of preferring it. */
  spotRequired: z.boolean().optional(),
  scaleToZero: scaleToZeroOptions.optional(),
  image: z
    .string()
    .min(1)
    .regex(/^\S+$/, 'image must not contain spaces')
    .optional(),
  /** Triton image for GPU patterns; defaults to the pattern preset. */
  tritonImage: z
    .string()
    .min(1)
    .regex(/^\S+$/, 'tritonImage must not contain spaces')
    .optional(),
  namespace: dnsLabel().default('default'),
  tritonModelName: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]+$/,
      'tritonModelName may hold letters, digits, "_", "." and "-" only',
    )
    .optional(),
  /** Triton `--model-repository`: a path in the image or s3://, gs://, as:// storage. */
  modelRepository: z.string().min(1).optional(),
  /** Container port of a non-Triton server. */
  port: z.number().int().min(1).max(65535).optional(),
  /** Readiness path of a non-Triton server. */
  healthPath: z
    .string()
    .startsWith('/', 'healthPath must start with /')
    .optional(),
});

/** Answers as the template (or a test) provides them. */
export type ModelServiceAnswers = z.input<typeof modelServiceAnswersSchema>;

/** Answers after validation, with defaults applied. */
export type ParsedModelServiceAnswers = z.output<
  typeof modelServiceAnswersSchema
>;
