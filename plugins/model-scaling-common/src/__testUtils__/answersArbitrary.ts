import fc from 'fast-check';
import type { ModelServiceAnswers } from '../plan/answersSchema';
import { MIG_PROFILES_BY_GPU, MIG_GPU_MODELS } from '../patterns/migProfiles';

/*
 * Answers a platform user could give the template: realistic ranges, every
 * pattern and sharing mode, optional overrides. Not every combination is
 * valid (createPlan refuses some); tests filter with createPlan.
 */

const name = fc
  .tuple(
    fc.constantFrom(
      'text',
      'image',
      'batch',
      'summary',
      'fraud',
      'rank',
      'embed',
    ),
    fc.constantFrom(
      'classifier',
      'embedder',
      'scorer',
      'encoder',
      'ranker',
      'detector',
    ),
    fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
  )
  .map(([a, b, n]) => (n ? `${a}-${b}-${n}` : `${a}-${b}`));

const ascendingSizes = fc
  .uniqueArray(fc.constantFrom(1, 2, 4, 8, 16, 32, 64, 128), {
    minLength: 1,
    maxLength: 4,
  })
  .map(a => [...a].sort((x, y) => x - y));

const gpuArb = fc.oneof(
  fc.record(
    {
      sharing: fc.constantFrom('exclusive', 'time-slicing', 'mps'),
      model: fc.constantFrom(...MIG_GPU_MODELS),
      product: fc.constantFrom('NVIDIA-H200', 'NVIDIA-A100-SXM4-80GB'),
    },
    { requiredKeys: [] },
  ),
  fc.constantFrom(...MIG_GPU_MODELS).chain(model =>
    fc.record({
      sharing: fc.constant('mig'),
      model: fc.constant(model),
      migProfile: fc.constantFrom(
        ...MIG_PROFILES_BY_GPU[model].map(p => p.profile),
      ),
    }),
  ),
);

const queueArb = fc.oneof(
  fc.record(
    {
      type: fc.constant('kafka' as const),
      bootstrapServers: fc.constant('kafka-bootstrap.kafka.svc:9092'),
      topic: fc.constantFrom(
        'documents-to-embed',
        'images',
        'scoring-requests',
      ),
      lagThreshold: fc.integer({ min: 1, max: 5000 }),
      activationLagThreshold: fc.integer({ min: 0, max: 100 }),
      sasl: fc.constantFrom(
        'none',
        'plaintext',
        'scram_sha256',
        'scram_sha512',
      ),
      tls: fc.boolean(),
    },
    { requiredKeys: ['type', 'bootstrapServers', 'topic'] },
  ),
  fc.record(
    {
      type: fc.constant('aws-sqs-queue' as const),
      queueUrl: fc.constantFrom(
        'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
        'https://sqs.us-east-2.amazonaws.com/210987654321/embed-requests.fifo',
      ),
      queueLength: fc.integer({ min: 1, max: 500 }),
      awsAuth: fc.constantFrom('pod-identity', 'secret'),
    },
    { requiredKeys: ['type', 'queueUrl'] },
  ),
);

/** Answers across all patterns with realistic values. */
export const answersArbitrary: fc.Arbitrary<ModelServiceAnswers> = fc
  .record(
    {
      name,
      owner: fc.constantFrom('group:default/ml-platform', 'user:default/jdoe'),
      framework: fc.constantFrom(
        'onnx',
        'pytorch',
        'tensorflow',
        'tensorrt',
        'python',
        'sklearn',
        'xgboost',
      ),
      modelSizeGb: fc.double({ min: 0.01, max: 80, noNaN: true }),
      needsGpu: fc.boolean(),
      latencySloMs: fc.integer({ min: 1, max: 10000 }),
      peakRps: fc.double({ min: 0, max: 20000, noNaN: true }),
      trafficShape: fc.constantFrom('steady', 'diurnal', 'bursty', 'queue'),
      pattern: fc.constantFrom(
        'auto',
        'realtime-cpu',
        'realtime-gpu',
        'async-batch',
        'bursty',
      ),
      namespace: fc.constantFrom('ml-serving', 'ml-batch', 'default'),
      replicas: fc.record(
        {
          min: fc.integer({ min: 0, max: 10 }),
          max: fc.integer({ min: 1, max: 60 }),
        },
        { requiredKeys: [] },
      ),
      hpa: fc.record(
        {
          cpuTargetUtilization: fc.integer({ min: 30, max: 95 }),
          memoryTargetUtilization: fc.integer({ min: 50, max: 95 }),
        },
        { requiredKeys: [] },
      ),
      gpu: gpuArb,
      batching: fc.record(
        {
          preferredBatchSizes: ascendingSizes,
          maxQueueDelayMicroseconds: fc.integer({ min: 0, max: 200000 }),
        },
        { requiredKeys: [] },
      ),
      keda: fc.record(
        {
          threshold: fc.integer({ min: 5, max: 500 }),
          activationThreshold: fc.integer({ min: 0, max: 4 }),
        },
        { requiredKeys: [] },
      ),
      queue: queueArb,
      spot: fc.boolean(),
      spotRequired: fc.boolean(),
      scaleToZero: fc.record(
        {
          activationThreshold: fc.double({ min: 0, max: 4, noNaN: true }),
          coldStartBudgetSeconds: fc.integer({ min: 10, max: 600 }),
        },
        { requiredKeys: [] },
      ),
      image: fc.constantFrom(
        'ghcr.io/acme-ml/server:1.0.0',
        'registry.internal/ml/consumer:2.3',
      ),
      tritonModelName: fc.constantFrom(
        'resnet50',
        'bert-embedder',
        'summarizer-encoder',
      ),
      modelRepository: fc.constantFrom('/models', 's3://acme-ml-models/repo'),
    },
    {
      requiredKeys: [
        'name',
        'owner',
        'framework',
        'modelSizeGb',
        'needsGpu',
        'latencySloMs',
        'peakRps',
        'trafficShape',
      ],
    },
  )
  .map(a => {
    // A form never sends GPU options for a CPU-only model.
    if (!a.needsGpu) {
      const { gpu: _gpu, ...rest } = a;
      return rest as ModelServiceAnswers;
    }
    return a as ModelServiceAnswers;
  });
