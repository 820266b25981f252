/*
 * Golden-path presets of the four scaling patterns. The built-in defaults
 * live in `DEFAULT_PATTERN_PRESETS`; anything set here is deep-merged onto
 * them by `resolvePatternPresets` (arrays replace whole). They are visible to
 * the frontend because the what-if simulator and the fleet drift view use them.
 */

/** Explicit HPA `behavior` written into every autoscaler of a pattern. */
interface ScalingBehaviorConfig {
  /** `behavior.scaleUp.stabilizationWindowSeconds` (0–3600). */
  scaleUpStabilizationWindowSeconds?: number;
  /** `behavior.scaleDown.stabilizationWindowSeconds` (0–3600); the Kubernetes default is 300. */
  scaleDownStabilizationWindowSeconds?: number;
  /** Remove at most this percent of pods per `scaleDownPeriodSeconds` (1–100). */
  scaleDownPercent?: number;
  /** Period of the scale-down policy in seconds (1–1800). */
  scaleDownPeriodSeconds?: number;
}

/** Minimum container resource requests; memory is raised for large models. */
interface ResourcesConfig {
  /** CPU request, e.g. `500m`. */
  cpu?: string;
  /** Memory request and limit, e.g. `1Gi`. */
  memory?: string;
}

/** Triton dynamic batching. */
interface BatchingConfig {
  /** `max_batch_size` of config.pbtxt. */
  maxBatchSize?: number;
  /** `dynamic_batching.preferred_batch_size`, strictly ascending, each at most maxBatchSize. */
  preferredBatchSizes?: number[];
  /** `dynamic_batching.max_queue_delay_microseconds`. */
  maxQueueDelayMicroseconds?: number;
}

/** A KEDA `prometheus` trigger on the service's request rate. */
interface PrometheusTriggerConfig {
  /** Prometheus base URL that KEDA queries. */
  serverAddress?: string;
  /** PromQL of the total request rate; placeholders `{{namespace}}`, `{{service}}`, `{{name}}`, `{{model}}`. */
  query?: string;
  /** Requests per second per pod (the trigger's `threshold`). */
  threshold?: number;
  /** The trigger is active above this value (`activationThreshold`). */
  activationThreshold?: number;
}

/** KEDA ScaledObject timing. */
interface KedaTimingConfig {
  /** Seconds between trigger polls. */
  pollingInterval?: number;
  /** Seconds after the last active trigger before scaling to zero / minimum. */
  cooldownPeriod?: number;
}

export interface Config {
  /** Model Scaling for Backstage. */
  modelScaling?: {
    /**
     * Golden-path presets per scaling pattern.
     * @visibility frontend
     * @deepVisibility frontend
     */
    patterns?: {
      /** Real-time, CPU only: HPA autoscaling/v2 on CPU and memory utilization. */
      'realtime-cpu'?: {
        minReplicas?: number;
        maxReplicas?: number;
        /** Percent of the CPU request. */
        cpuTargetUtilization?: number;
        /** Percent of the memory request. */
        memoryTargetUtilization?: number;
        behavior?: ScalingBehaviorConfig;
        resources?: ResourcesConfig;
      };
      /** Real-time on GPU: Triton, KEDA on the request rate. */
      'realtime-gpu'?: {
        minReplicas?: number;
        maxReplicas?: number;
        /** GPU sharing mode when the answers choose none. */
        gpuSharing?: 'exclusive' | 'time-slicing' | 'mps' | 'mig';
        /** MIG profile when sharing is `mig` and the answers name none, e.g. `3g.40gb`. */
        migProfile?: string;
        /** Triton Inference Server image for GPU models. */
        tritonImage?: string;
        prometheus?: PrometheusTriggerConfig;
        keda?: KedaTimingConfig;
        behavior?: ScalingBehaviorConfig;
        batching?: BatchingConfig;
        resources?: ResourcesConfig;
      };
      /** Asynchronous or batch work from a queue, on spot capacity. */
      'async-batch'?: {
        minReplicas?: number;
        maxReplicas?: number;
        /** KEDA trigger type of the queue. */
        queueType?: 'kafka' | 'aws-sqs-queue';
        /** kafka `lagThreshold`. */
        kafkaLagThreshold?: number;
        /** kafka `activationLagThreshold`. */
        kafkaActivationLagThreshold?: number;
        /** aws-sqs-queue `queueLength`. */
        sqsQueueLength?: number;
        /** aws-sqs-queue `activationQueueLength`. */
        sqsActivationQueueLength?: number;
        /** Schedule consumers on spot / preemptible nodes. */
        spot?: boolean;
        /** Seconds a consumer gets to checkpoint on shutdown. */
        terminationGracePeriodSeconds?: number;
        gpuSharing?: 'exclusive' | 'time-slicing' | 'mps' | 'mig';
        migProfile?: string;
        /** Triton Inference Server image for GPU models. */
        tritonImage?: string;
        keda?: KedaTimingConfig;
        behavior?: ScalingBehaviorConfig;
        batching?: BatchingConfig;
        resources?: ResourcesConfig;
      };
      /** Bursty traffic, cold start tolerable: KEDA scale to zero. */
      bursty?: {
        /** Must be 0: this pattern scales to zero. */
        minReplicas?: number;
        maxReplicas?: number;
        /** Seconds from pod creation to Ready that callers tolerate. */
        coldStartBudgetSeconds?: number;
        gpuSharing?: 'exclusive' | 'time-slicing' | 'mps' | 'mig';
        migProfile?: string;
        /** Triton Inference Server image for GPU models. */
        tritonImage?: string;
        prometheus?: PrometheusTriggerConfig;
        keda?: KedaTimingConfig;
        behavior?: ScalingBehaviorConfig;
        batching?: BatchingConfig;
        resources?: ResourcesConfig;
      };
    };
  };
}
