import { createPlan, memoryForModel, parsePlan } from './createPlan';
import { PlanValidationError } from './PlanValidationError';
import { resolvePatternPresets } from '../patterns/resolvePatternPresets';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from './fixtures';
import type { ModelServiceAnswers } from './answersSchema';

function planError(answers: unknown): PlanValidationError {
  try {
    createPlan(answers as ModelServiceAnswers);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanValidationError);
    return e as PlanValidationError;
  }
  throw new Error('expected createPlan to refuse the answers');
}

describe('createPlan', () => {
  it('plans the realtime-cpu text classifier with the HPA presets', () => {
    const plan = createPlan(textClassifierAnswers);
    expect(plan.pattern).toBe('realtime-cpu');
    expect(plan.replicas).toEqual({ min: 2, max: 20 });
    expect(plan.autoscaler).toEqual({
      kind: 'hpa',
      cpuTargetUtilization: 70,
      memoryTargetUtilization: 80,
      behavior: {
        scaleUpStabilizationWindowSeconds: 0,
        scaleDownStabilizationWindowSeconds: 60,
        scaleDownPercent: 50,
        scaleDownPeriodSeconds: 60,
      },
    });
    expect(plan.app).toEqual({
      image: 'ghcr.io/acme-ml/text-classifier:1.8.2',
      port: 8080,
      healthPath: '/healthz',
      resources: { cpu: '500m', memory: '1280Mi' },
    });
    expect(plan.triton).toBeUndefined();
    expect(plan.gpu).toBeUndefined();
    expect(plan.rationale.join(' ')).toContain('explicitly');
  });

  it('plans the realtime-gpu image classifier with Triton and a request-rate trigger', () => {
    const plan = createPlan(imageClassifierAnswers);
    expect(plan.pattern).toBe('realtime-gpu');
    expect(plan.gpu).toEqual({
      sharing: 'exclusive',
      resourceName: 'nvidia.com/gpu',
      count: 1,
      gpuModel: 'H200-141GB',
      product: 'NVIDIA-H200',
    });
    expect(plan.triton).toMatchObject({
      modelName: 'resnet50',
      backend: 'onnxruntime',
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayMicroseconds: 5000,
      maxBatchSize: 32,
      instanceKind: 'KIND_GPU',
      modelRepository: 's3://acme-ml-models/image-classifier/model_repository',
    });
    expect(plan.app).toBeUndefined();
    expect(plan.autoscaler).toMatchObject({
      kind: 'keda',
      trigger: {
        type: 'prometheus',
        threshold: 100,
        query:
          'sum(rate(nv_inference_request_success{namespace="ml-serving",model="resnet50"}[1m]))',
      },
    });
    // 1200 req/s at 100 per pod with 25 % headroom: 15 replicas, above the preset's 8.
    expect(plan.replicas).toEqual({ min: 1, max: 15 });
    // While Prometheus cannot be read, hold what the peak needs: 1200 / 100.
    expect(plan.autoscaler.kind === 'keda' && plan.autoscaler.fallback).toEqual(
      {
        failureThreshold: 3,
        replicas: 12,
      },
    );
    expect(plan.rationale.join(' ')).toContain('raised from 8 to 15');
  });

  it('plans the async-batch embedder on spot with a kafka trigger and a consumer', () => {
    const plan = createPlan(batchEmbedderAnswers);
    expect(plan.pattern).toBe('async-batch');
    expect(plan.spot).toEqual({ required: false });
    expect(plan.gpu?.sharing).toBe('time-slicing');
    expect(plan.app?.image).toBe('ghcr.io/acme-ml/embedding-consumer:2.3.0');
    expect(plan.triton?.preferredBatchSizes).toEqual([16, 32, 64]);
    expect(plan.autoscaler).toMatchObject({
      kind: 'keda',
      trigger: {
        type: 'kafka',
        topic: 'documents-to-embed',
        consumerGroup: 'batch-embedder',
        lagThreshold: 2000,
        activationLagThreshold: 50,
        sasl: 'none',
      },
    });
    expect(plan.checkpointing).toMatch(/Commit consumer offsets/);
    expect(plan.terminationGracePeriodSeconds).toBe(120);
  });

  it('plans the bursty summarizer on a MIG slice with scale to zero', () => {
    const plan = createPlan(summarizerAnswers);
    expect(plan.pattern).toBe('bursty');
    expect(plan.replicas.min).toBe(0);
    expect(plan.gpu).toMatchObject({
      sharing: 'mig',
      resourceName: 'nvidia.com/mig-1g.18gb',
      migProfile: '1g.18gb',
    });
    expect(plan.coldStartBudgetSeconds).toBe(60);
    expect(plan.autoscaler).toMatchObject({
      trigger: { type: 'prometheus', threshold: 20, activationThreshold: 1 },
    });
  });

  it('uses resolved presets from app-config', () => {
    const presets = resolvePatternPresets({
      'realtime-cpu': {
        minReplicas: 3,
        behavior: { scaleDownStabilizationWindowSeconds: 45 },
      },
    });
    const plan = createPlan(textClassifierAnswers, presets);
    expect(plan.replicas.min).toBe(3);
    expect(plan.autoscaler.behavior.scaleDownStabilizationWindowSeconds).toBe(
      45,
    );
  });

  it('sizes memory so the weights take at most half the request', () => {
    expect(memoryForModel('1Gi', 0.2)).toBe('1Gi');
    expect(memoryForModel('1Gi', 0.26)).toBe('1280Mi');
    expect(memoryForModel('1Gi', 3)).toBe('6656Mi');
    expect(memoryForModel('8Gi', 10)).toBe('20992Mi');
    const plan = createPlan({ ...textClassifierAnswers, modelSizeGb: 3 });
    expect(plan.app?.resources.memory).toBe('6656Mi');
  });

  it('lowers the preset queue delay to fit a tight SLO', () => {
    const plan = createPlan({ ...imageClassifierAnswers, latencySloMs: 8 });
    expect(plan.triton?.maxQueueDelayMicroseconds).toBe(2000);
    expect(plan.rationale.join(' ')).toContain('lowered to 2000 µs');
  });

  it('honours an explicit pattern and says what was recommended', () => {
    const plan = createPlan({ ...textClassifierAnswers, pattern: 'bursty' });
    expect(plan.pattern).toBe('bursty');
    expect(plan.recommendedPattern).toBe('realtime-cpu');
    expect(plan.rationale[0]).toMatch(
      /^You chose bursty; the recommendation was realtime-cpu/,
    );
  });

  describe('refuses', () => {
    it('a name that is not a DNS-1123 label', () => {
      const e = planError({
        ...textClassifierAnswers,
        name: 'Text_Classifier',
      });
      expect(e.message).toContain('name: must be a DNS-1123 label');
      expect(e.problems[0].field).toBe('name');
      expect(
        planError({ ...textClassifierAnswers, name: 'a'.repeat(64) }).message,
      ).toContain('at most 63 characters');
      expect(
        planError({ ...textClassifierAnswers, name: '9lives' }).message,
      ).toContain('must start with a letter');
    });

    it('min replicas above max', () => {
      expect(
        planError({ ...textClassifierAnswers, replicas: { min: 5, max: 3 } })
          .message,
      ).toBe(
        'Invalid model service answers: replicas.min: must not exceed replicas.max (5 > 3)',
      );
      // A minimum above the preset's maximum raises the maximum with it.
      expect(
        createPlan({ ...textClassifierAnswers, replicas: { min: 25 } })
          .replicas,
      ).toEqual({ min: 25, max: 25 });
    });

    it('a queue delay at or above the latency SLO', () => {
      expect(
        planError({
          ...imageClassifierAnswers,
          batching: { maxQueueDelayMicroseconds: 20000 },
        }).problems[0].field,
      ).toBe('batching.maxQueueDelayMicroseconds');
      expect(
        planError({
          ...imageClassifierAnswers,
          batching: { maxQueueDelayMicroseconds: 25000 },
        }).message,
      ).toContain(
        'batching.maxQueueDelayMicroseconds: a queue delay of 25000 µs (25 ms) must be below the latency SLO of 20 ms',
      );
    });

    it('unknown MIG profiles and profiles of another GPU', () => {
      expect(
        planError({
          ...summarizerAnswers,
          gpu: { sharing: 'mig', migProfile: '1g.16gb' },
        }).message,
      ).toContain(
        'gpu.migProfile: "1g.16gb" is not a known NVIDIA MIG profile',
      );
      expect(
        planError({
          ...summarizerAnswers,
          gpu: { sharing: 'mig', migProfile: '1g.10gb', model: 'H200-141GB' },
        }).message,
      ).toContain(
        'gpu.migProfile: "1g.10gb" is not a MIG profile of H200-141GB',
      );
    });

    it('a model that does not fit its MIG slice', () => {
      expect(
        planError({ ...summarizerAnswers, modelSizeGb: 30 }).message,
      ).toContain('a 30 GB model does not fit the 18 GB of a 1g.18gb slice');
    });

    it('a GPU pattern for a CPU-only model', () => {
      const e = planError({
        ...textClassifierAnswers,
        pattern: 'realtime-gpu',
      });
      expect(e.message).toContain(
        'pattern: realtime-gpu runs the model on a GPU, but the model is marked CPU-only (needsGpu is false)',
      );
    });

    it('GPU options or spot where they do not belong', () => {
      expect(
        planError({ ...textClassifierAnswers, gpu: { sharing: 'mps' } })
          .message,
      ).toContain('gpu: GPU options are set, but needsGpu is false');
      expect(
        planError({ ...imageClassifierAnswers, spot: true }).message,
      ).toContain('spot: realtime-gpu serves callers who wait');
      expect(
        planError({
          ...imageClassifierAnswers,
          gpu: { sharing: 'time-slicing', count: 2 },
        }).message,
      ).toContain('gpu.count: 2 GPUs per pod needs exclusive sharing');
    });

    it('scale to zero settings that contradict the pattern', () => {
      expect(
        planError({ ...summarizerAnswers, replicas: { min: 1 } }).message,
      ).toContain('replicas.min: must be 0 for the bursty pattern');
      expect(
        planError({
          ...summarizerAnswers,
          scaleToZero: { activationThreshold: 20 },
        }).message,
      ).toContain(
        'scaleToZero.activationThreshold: the activation threshold (20) must be below the scaling threshold (20 req/s per pod)',
      );
    });

    it('queue settings that are missing', () => {
      const e = planError({
        ...batchEmbedderAnswers,
        queue: { type: 'kafka' },
      });
      expect(e.problems.map(p => p.field)).toEqual([
        'queue.bootstrapServers',
        'queue.topic',
      ]);
      expect(
        planError({ ...batchEmbedderAnswers, queue: { type: 'aws-sqs-queue' } })
          .message,
      ).toContain('queue.queueUrl: is required');
    });

    it('wrong types, naming the field', () => {
      const e = planError({ ...textClassifierAnswers, modelSizeGb: '2' });
      expect(e.message).toBe(
        'Invalid model service answers: modelSizeGb: Expected number, received string',
      );
      expect(
        planError({ ...textClassifierAnswers, trafficShape: 'spiky' })
          .problems[0].field,
      ).toBe('trafficShape');
      expect(
        planError({
          ...textClassifierAnswers,
          hpa: { cpuTargetUtilization: 150 },
        }).message,
      ).toContain('hpa.cpuTargetUtilization: must be at most 100');
    });
  });

  it('reads the SQS region from the queue URL and adds credentials when asked', () => {
    const plan = createPlan({
      ...batchEmbedderAnswers,
      queue: {
        type: 'aws-sqs-queue',
        queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/embed-jobs',
        awsAuth: 'secret',
      },
    });
    expect(plan.autoscaler).toMatchObject({
      trigger: {
        type: 'aws-sqs-queue',
        awsRegion: 'eu-west-1',
        queueLength: 20,
        credentialsSecret: 'batch-embedder-aws-credentials',
      },
    });
    expect(plan.checkpointing).toMatch(/Delete each message/);
  });

  it('parsePlan accepts a plan it produced and names a broken field', () => {
    const plan = createPlan(textClassifierAnswers);
    expect(parsePlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    expect(() => parsePlan({ ...plan, replicas: { min: 4, max: 2 } })).toThrow(
      'Invalid model service plan: replicas.min: must not exceed replicas.max (4 > 2)',
    );
  });
});
