import type { PatternId } from '../types/status';

/** How a GPU is shared between pods. */
export type GpuSharingChoice = 'exclusive' | 'time-slicing' | 'mps' | 'mig';

/** The GPU sharing modes, in the order the template offers them. */
export const GPU_SHARING_CHOICES: readonly GpuSharingChoice[] = [
  'exclusive',
  'time-slicing',
  'mps',
  'mig',
];

/** The queue systems an async-batch consumer can scale on (KEDA trigger types). */
export type QueueType = 'kafka' | 'aws-sqs-queue';

/** The KEDA queue trigger types. */
export const QUEUE_TYPES: readonly QueueType[] = ['kafka', 'aws-sqs-queue'];

/** Minimum container resource requests; the plan raises memory for large models. */
export interface ResourcesPreset {
  /** CPU request, a Kubernetes quantity such as `500m`. */
  cpu: string;
  /** Memory request (and limit), a Kubernetes quantity such as `1Gi`. */
  memory: string;
}

/** The explicit `behavior` written into every HPA (or KEDA's HPA). */
export interface ScalingBehaviorPreset {
  /** `behavior.scaleUp.stabilizationWindowSeconds`. */
  scaleUpStabilizationWindowSeconds: number;
  /** `behavior.scaleDown.stabilizationWindowSeconds`; never leave it to the 300 s default. */
  scaleDownStabilizationWindowSeconds: number;
  /** At most this percent of the pods is removed per `scaleDownPeriodSeconds`. */
  scaleDownPercent: number;
  /** Period of the scale-down policy. */
  scaleDownPeriodSeconds: number;
}

/** Triton `dynamic_batching` and batch size settings. */
export interface BatchingPreset {
  /** `max_batch_size` of the model config. */
  maxBatchSize: number;
  /** `dynamic_batching.preferred_batch_size`, ascending. */
  preferredBatchSizes: number[];
  /** `dynamic_batching.max_queue_delay_microseconds`. */
  maxQueueDelayMicroseconds: number;
}

/** A KEDA `prometheus` trigger. */
export interface PrometheusTriggerPreset {
  /** `serverAddress` of the trigger. */
  serverAddress: string;
  /**
   * PromQL returning the service's total request rate (req/s). Placeholders:
   * `{{namespace}}`, `{{service}}`, `{{name}}`, `{{model}}`.
   */
  query: string;
  /** `threshold`: requests per second one pod should take. */
  threshold: number;
  /** `activationThreshold`: the trigger is active above this value. */
  activationThreshold: number;
}

/** KEDA ScaledObject timing. */
export interface KedaTimingPreset {
  pollingInterval: number;
  cooldownPeriod: number;
}

/** Presets of `realtime-cpu`: HPA on CPU and memory utilization. */
export interface RealtimeCpuPreset {
  minReplicas: number;
  maxReplicas: number;
  /** HPA `averageUtilization` target for CPU, percent of the request. */
  cpuTargetUtilization: number;
  /** HPA `averageUtilization` target for memory, percent of the request. */
  memoryTargetUtilization: number;
  behavior: ScalingBehaviorPreset;
  resources: ResourcesPreset;
}

/** Presets of `realtime-gpu`: Triton on a GPU, KEDA on request rate. */
export interface RealtimeGpuPreset {
  minReplicas: number;
  maxReplicas: number;
  gpuSharing: GpuSharingChoice;
  /** MIG profile used when `gpuSharing` is `mig` and the answers name none. */
  migProfile: string;
  /** Triton Inference Server image for GPU models. */
  tritonImage: string;
  prometheus: PrometheusTriggerPreset;
  keda: KedaTimingPreset;
  behavior: ScalingBehaviorPreset;
  batching: BatchingPreset;
  resources: ResourcesPreset;
}

/** Presets of `async-batch`: a queue consumer scaled by KEDA on spot capacity. */
export interface AsyncBatchPreset {
  minReplicas: number;
  maxReplicas: number;
  queueType: QueueType;
  /** kafka `lagThreshold`: consumer-group lag one replica should work off. */
  kafkaLagThreshold: number;
  /** kafka `activationLagThreshold`. */
  kafkaActivationLagThreshold: number;
  /** aws-sqs-queue `queueLength`: messages one replica should work off. */
  sqsQueueLength: number;
  /** aws-sqs-queue `activationQueueLength`. */
  sqsActivationQueueLength: number;
  /** Schedule on spot / preemptible nodes. */
  spot: boolean;
  /** Time a consumer gets to checkpoint before it is killed (spot notices are 30 s to 2 min). */
  terminationGracePeriodSeconds: number;
  gpuSharing: GpuSharingChoice;
  /** MIG profile used when `gpuSharing` is `mig` and the answers name none. */
  migProfile: string;
  /** Triton Inference Server image for GPU models. */
  tritonImage: string;
  keda: KedaTimingPreset;
  behavior: ScalingBehaviorPreset;
  batching: BatchingPreset;
  resources: ResourcesPreset;
}

/** Presets of `bursty`: KEDA scale to zero with an activation threshold. */
export interface BurstyPreset {
  /** Always 0 for this pattern; kept explicit so drift checks can compare it. */
  minReplicas: number;
  maxReplicas: number;
  /** Seconds from pod creation to Ready that callers are prepared to wait. */
  coldStartBudgetSeconds: number;
  gpuSharing: GpuSharingChoice;
  /** MIG profile used when `gpuSharing` is `mig` and the answers name none. */
  migProfile: string;
  /** Triton Inference Server image for GPU models. */
  tritonImage: string;
  prometheus: PrometheusTriggerPreset;
  keda: KedaTimingPreset;
  behavior: ScalingBehaviorPreset;
  batching: BatchingPreset;
  resources: ResourcesPreset;
}

/** Golden-path presets of all four patterns (`modelScaling.patterns` in app-config). */
export interface PatternPresets {
  'realtime-cpu': RealtimeCpuPreset;
  'realtime-gpu': RealtimeGpuPreset;
  'async-batch': AsyncBatchPreset;
  bursty: BurstyPreset;
}

/** A deep partial of {@link PatternPresets}, as app-config provides it. */
export type PatternPresetOverrides = {
  [P in PatternId]?: DeepPartial<PatternPresets[P]>;
};

/** Recursively optional object type; arrays are replaced whole. */
export type DeepPartial<T> = T extends (infer _U)[]
  ? T
  : T extends object
  ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

const REQUEST_RATE_QUERY =
  'sum(rate(nv_inference_request_success{namespace="{{namespace}}",model="{{model}}"}[1m]))';

/*
 * At zero replicas the service's own pods export nothing, so the bursty
 * trigger counts requests where they enter the mesh (the source side of the
 * Istio request metric), which exists while the service has no pods.
 */
const GATEWAY_REQUEST_RATE_QUERY =
  'sum(rate(istio_requests_total{reporter="source",destination_service_namespace="{{namespace}}",destination_service_name="{{service}}"}[1m]))';

const TRITON_IMAGE = 'nvcr.io/nvidia/tritonserver:25.10-py3';

const PROMETHEUS_SERVER = 'http://prometheus-operated.monitoring.svc:9090';

/** The built-in golden-path presets; app-config overrides are merged onto these. */
export const DEFAULT_PATTERN_PRESETS: PatternPresets = {
  'realtime-cpu': {
    minReplicas: 2,
    maxReplicas: 20,
    cpuTargetUtilization: 70,
    memoryTargetUtilization: 80,
    behavior: {
      scaleUpStabilizationWindowSeconds: 0,
      scaleDownStabilizationWindowSeconds: 60,
      scaleDownPercent: 50,
      scaleDownPeriodSeconds: 60,
    },
    resources: { cpu: '500m', memory: '1Gi' },
  },
  'realtime-gpu': {
    minReplicas: 1,
    maxReplicas: 8,
    gpuSharing: 'exclusive',
    tritonImage: TRITON_IMAGE,
    migProfile: '3g.40gb',
    prometheus: {
      serverAddress: PROMETHEUS_SERVER,
      query: REQUEST_RATE_QUERY,
      threshold: 100,
      activationThreshold: 0,
    },
    keda: { pollingInterval: 15, cooldownPeriod: 300 },
    behavior: {
      scaleUpStabilizationWindowSeconds: 0,
      scaleDownStabilizationWindowSeconds: 120,
      scaleDownPercent: 25,
      scaleDownPeriodSeconds: 60,
    },
    batching: {
      maxBatchSize: 32,
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayMicroseconds: 5000,
    },
    resources: { cpu: '2', memory: '8Gi' },
  },
  'async-batch': {
    minReplicas: 1,
    maxReplicas: 30,
    queueType: 'kafka',
    kafkaLagThreshold: 100,
    kafkaActivationLagThreshold: 0,
    sqsQueueLength: 20,
    sqsActivationQueueLength: 0,
    spot: true,
    terminationGracePeriodSeconds: 120,
    gpuSharing: 'time-slicing',
    tritonImage: TRITON_IMAGE,
    migProfile: '1g.10gb',
    keda: { pollingInterval: 30, cooldownPeriod: 300 },
    behavior: {
      scaleUpStabilizationWindowSeconds: 0,
      scaleDownStabilizationWindowSeconds: 300,
      scaleDownPercent: 50,
      scaleDownPeriodSeconds: 120,
    },
    batching: {
      maxBatchSize: 64,
      preferredBatchSizes: [16, 32, 64],
      maxQueueDelayMicroseconds: 50000,
    },
    resources: { cpu: '1', memory: '2Gi' },
  },
  bursty: {
    minReplicas: 0,
    maxReplicas: 10,
    coldStartBudgetSeconds: 120,
    gpuSharing: 'exclusive',
    tritonImage: TRITON_IMAGE,
    migProfile: '1g.10gb',
    prometheus: {
      serverAddress: PROMETHEUS_SERVER,
      query: GATEWAY_REQUEST_RATE_QUERY,
      threshold: 100,
      activationThreshold: 0,
    },
    keda: { pollingInterval: 15, cooldownPeriod: 300 },
    behavior: {
      scaleUpStabilizationWindowSeconds: 0,
      scaleDownStabilizationWindowSeconds: 60,
      scaleDownPercent: 100,
      scaleDownPeriodSeconds: 60,
    },
    batching: {
      maxBatchSize: 32,
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayMicroseconds: 5000,
    },
    resources: { cpu: '1', memory: '4Gi' },
  },
};
