import { ModelServiceAnswers } from '@internal/plugin-model-scaling-common';

/** The template's form data (`templates/model-service/template.yaml` parameters), as the form holds it. */
export type ModelServiceFormData = Record<string, unknown>;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

/** Drops undefined values; an object left empty becomes undefined, like an untouched optional section. */
function compact<T extends Record<string, unknown>>(o: T): T | undefined {
  const out = Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined),
  ) as T;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The `model-service:plan:create` input the template's `plan` step builds
 * from the form data, built the same way in the browser so the form can
 * resolve and check the plan before Create. Empty optional fields (an empty
 * batch-size list included) are left out, so the preset applies.
 */
export function formAnswers(data: ModelServiceFormData): ModelServiceAnswers {
  const needsGpu = data.needsGpu === true;
  const queueType = str(data.queueType);
  const sizes = Array.isArray(data.preferredBatchSizes)
    ? (data.preferredBatchSizes as unknown[]).filter(
        (v): v is number => typeof v === 'number',
      )
    : [];
  const answers: Record<string, unknown> = {
    name: str(data.name) ?? 'new-model-service',
    owner: str(data.owner) ?? 'group:default/unknown',
    description: str(data.description) ?? '',
    framework: str(data.framework) ?? 'onnx',
    modelSizeGb: num(data.modelSizeGb),
    needsGpu,
    latencySloMs: num(data.latencySloMs),
    peakRps: num(data.peakRps),
    trafficShape: str(data.trafficShape) ?? 'steady',
    pattern: str(data.pattern) ?? 'auto',
    tritonModelName: needsGpu ? str(data.tritonModelName) : undefined,
    replicas: compact({
      min: num(data.minReplicas),
      max: num(data.maxReplicas),
    }),
    hpa: compact({
      cpuTargetUtilization: num(data.cpuTargetUtilization),
      memoryTargetUtilization: num(data.memoryTargetUtilization),
    }),
    gpu: needsGpu
      ? compact({
          sharing: str(data.gpuSharing),
          migProfile: str(data.migProfile),
          model: str(data.gpuModel),
        })
      : undefined,
    batching: compact({
      maxBatchSize: num(data.maxBatchSize),
      preferredBatchSizes: sizes.length > 0 ? sizes : undefined,
      maxQueueDelayMicroseconds: num(data.maxQueueDelayMicroseconds),
    }),
    keda: compact({ threshold: num(data.kedaThreshold) }),
    queue:
      data.trafficShape === 'queue'
        ? compact({
            type: queueType,
            bootstrapServers: str(data.kafkaBootstrapServers),
            topic: str(data.kafkaTopic),
            consumerGroup: str(data.kafkaConsumerGroup),
            queueUrl: str(data.sqsQueueUrl),
            lagThreshold:
              queueType === 'kafka' ? num(data.queueThreshold) : undefined,
            queueLength:
              queueType === 'aws-sqs-queue'
                ? num(data.queueThreshold)
                : undefined,
          })
        : undefined,
    spot: typeof data.spot === 'boolean' ? data.spot : undefined,
    scaleToZero: compact({
      activationThreshold: num(data.activationThreshold),
      coldStartBudgetSeconds: num(data.coldStartBudgetSeconds),
    }),
  };
  return compact(answers) as unknown as ModelServiceAnswers;
}
