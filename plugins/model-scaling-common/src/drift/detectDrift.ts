import type {
  AutoscalerMetricView,
  DriftItem,
  HpaView,
  KedaView,
  PatternId,
  WorkloadStatus,
} from '../types/status';
import type {
  BatchingPreset,
  PatternPresets,
  ScalingBehaviorPreset,
} from '../patterns/presets';

type Push = (field: string, expected: unknown, actual: unknown) => void;

function show(value: unknown): string {
  if (value === undefined || value === null) return 'unset';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

function compareScaleDown(
  hpa: HpaView | undefined,
  behavior: ScalingBehaviorPreset,
  field: string,
  push: Push,
) {
  if (!hpa) return;
  const explicit = hpa.behavior?.scaleDown?.stabilizationWindowSeconds;
  const actual =
    explicit === undefined
      ? `${hpa.scaleDownStabilizationSeconds} (Kubernetes default)`
      : explicit;
  if (explicit !== behavior.scaleDownStabilizationWindowSeconds) {
    push(field, behavior.scaleDownStabilizationWindowSeconds, actual);
  }
}

function utilizationTarget(metrics: AutoscalerMetricView[], resource: string) {
  return metrics.find(
    m =>
      m.name === resource &&
      m.sourceType === 'Resource' &&
      m.targetType === 'Utilization',
  )?.target;
}

function compareKeda(
  keda: KedaView,
  preset: {
    minReplicas: number;
    maxReplicas: number;
    keda: { pollingInterval: number; cooldownPeriod: number };
  },
  push: Push,
) {
  const so = 'scaledObject.spec';
  if (keda.minReplicaCount !== preset.minReplicas) {
    push(`${so}.minReplicaCount`, preset.minReplicas, keda.minReplicaCount);
  }
  if (keda.maxReplicaCount !== preset.maxReplicas) {
    push(`${so}.maxReplicaCount`, preset.maxReplicas, keda.maxReplicaCount);
  }
  if (keda.pollingInterval !== preset.keda.pollingInterval) {
    push(
      `${so}.pollingInterval`,
      preset.keda.pollingInterval,
      keda.pollingInterval,
    );
  }
  if (keda.cooldownPeriod !== preset.keda.cooldownPeriod) {
    push(
      `${so}.cooldownPeriod`,
      preset.keda.cooldownPeriod,
      keda.cooldownPeriod,
    );
  }
}

function comparePrometheusTrigger(
  keda: KedaView,
  preset: { threshold: number; activationThreshold: number },
  push: Push,
) {
  const trigger = keda.triggers.find(t => t.type === 'prometheus');
  if (!trigger) {
    push(
      'scaledObject.spec.triggers',
      'prometheus',
      keda.triggers.map(t => t.type).join(', ') || 'none',
    );
    return;
  }
  const at = `scaledObject.spec.triggers[prometheus].metadata`;
  if (trigger.threshold !== preset.threshold) {
    push(`${at}.threshold`, preset.threshold, trigger.threshold);
  }
  if ((trigger.activationThreshold ?? 0) !== preset.activationThreshold) {
    push(
      `${at}.activationThreshold`,
      preset.activationThreshold,
      trigger.activationThreshold ?? 0,
    );
  }
}

function compareQueueTrigger(
  keda: KedaView,
  preset: PatternPresets['async-batch'],
  push: Push,
) {
  const kafka = keda.triggers.find(
    t => t.type === 'kafka' || t.type === 'apache-kafka',
  );
  const sqs = keda.triggers.find(t => t.type === 'aws-sqs-queue');
  if (kafka) {
    if (kafka.threshold !== preset.kafkaLagThreshold) {
      push(
        `scaledObject.spec.triggers[${kafka.type}].metadata.lagThreshold`,
        preset.kafkaLagThreshold,
        kafka.threshold,
      );
    }
    return;
  }
  if (sqs) {
    if (sqs.threshold !== preset.sqsQueueLength) {
      push(
        'scaledObject.spec.triggers[aws-sqs-queue].metadata.queueLength',
        preset.sqsQueueLength,
        sqs.threshold,
      );
    }
    return;
  }
  push(
    'scaledObject.spec.triggers',
    'kafka or aws-sqs-queue',
    keda.triggers.map(t => t.type).join(', ') || 'none',
  );
}

function compareBatching(
  workload: WorkloadStatus,
  batching: BatchingPreset,
  push: Push,
) {
  for (const model of workload.triton?.models ?? []) {
    const config = model.config;
    if (!config) continue;
    const at = `triton.${model.model}.dynamic_batching`;
    const db = config.dynamicBatching;
    if (!db) {
      push(at, 'on', 'off');
      continue;
    }
    if (show(db.preferredBatchSize) !== show(batching.preferredBatchSizes)) {
      push(
        `${at}.preferred_batch_size`,
        batching.preferredBatchSizes,
        db.preferredBatchSize,
      );
    }
    if (db.maxQueueDelayMicroseconds !== batching.maxQueueDelayMicroseconds) {
      push(
        `${at}.max_queue_delay_microseconds`,
        batching.maxQueueDelayMicroseconds,
        db.maxQueueDelayMicroseconds,
      );
    }
  }
}

/**
 * How a live workload's scaling settings differ from the golden-path
 * presets of its pattern: autoscaler kind, replica bounds, targets and
 * thresholds, KEDA timing, the scale-down window, GPU sharing, spot
 * placement and Triton batching. Values the workload does not show (no
 * pods, no Triton config) are not compared.
 */
export function detectDrift(
  workload: WorkloadStatus,
  pattern: PatternId,
  presets: PatternPresets,
): DriftItem[] {
  const items: DriftItem[] = [];
  const push: Push = (field, expected, actual) =>
    items.push({ field, expected: show(expected), actual: show(actual) });
  const { autoscaler } = workload;
  const wantedKind = pattern === 'realtime-cpu' ? 'hpa' : 'keda';
  if (autoscaler.type !== wantedKind) {
    push('autoscaler.type', wantedKind, autoscaler.type);
  }
  if (autoscaler.conflicting.length > 0) {
    push('autoscaler.count', 1, autoscaler.conflicting.length);
  }

  if (pattern === 'realtime-cpu') {
    const preset = presets['realtime-cpu'];
    const hpa = autoscaler.type === 'hpa' ? autoscaler.hpa : undefined;
    if (hpa) {
      if (hpa.minReplicas !== preset.minReplicas) {
        push('hpa.spec.minReplicas', preset.minReplicas, hpa.minReplicas);
      }
      if (hpa.maxReplicas !== preset.maxReplicas) {
        push('hpa.spec.maxReplicas', preset.maxReplicas, hpa.maxReplicas);
      }
      const cpu = utilizationTarget(hpa.metrics, 'cpu');
      if (cpu !== preset.cpuTargetUtilization) {
        push(
          'hpa.spec.metrics[cpu].target.averageUtilization',
          preset.cpuTargetUtilization,
          cpu,
        );
      }
      const memory = utilizationTarget(hpa.metrics, 'memory');
      if (memory !== preset.memoryTargetUtilization) {
        push(
          'hpa.spec.metrics[memory].target.averageUtilization',
          preset.memoryTargetUtilization,
          memory,
        );
      }
      compareScaleDown(
        hpa,
        preset.behavior,
        'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
        push,
      );
    }
    if (workload.gpu.mode !== 'none')
      push('gpu.sharing', 'none', workload.gpu.mode);
  } else {
    const preset = presets[pattern];
    const keda = autoscaler.type === 'keda' ? autoscaler.keda : undefined;
    if (keda) {
      compareKeda(keda, preset, push);
      if (pattern === 'async-batch') {
        compareQueueTrigger(keda, presets['async-batch'], push);
      } else {
        comparePrometheusTrigger(keda, presets[pattern].prometheus, push);
      }
      compareScaleDown(
        autoscaler.hpa,
        preset.behavior,
        'scaledObject.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds',
        push,
      );
    }
    const gpuMode = workload.gpu.mode;
    if (pattern === 'realtime-gpu' || gpuMode !== 'none') {
      if (gpuMode !== preset.gpuSharing) {
        push('gpu.sharing', preset.gpuSharing, gpuMode);
      }
      compareBatching(workload, preset.batching, push);
    }
  }

  const expectSpot =
    pattern === 'async-batch' ? presets['async-batch'].spot : false;
  if (workload.pods.length > 0 && workload.gpu.spot !== expectSpot) {
    push('spot', expectSpot, workload.gpu.spot);
  }
  return items;
}
