import {
  EntityScalingStatus,
  Finding,
} from '@internal/plugin-model-scaling-common';

const findings: Finding[] = [
  {
    id: 'keda-fallback-active',
    severity: 'error',
    title: 'KEDA fallback is active: the Kafka trigger is failing',
    evidence:
      'ScaledObject/batch-embedder reports 7 consecutive failures of s0-kafka-embeddings (failureThreshold 3); replicas are pinned to the fallback of 4 while the consumer lag is unknown.',
    fix: 'Fix the trigger (bootstrap servers or TriggerAuthentication kafka-credentials); the fallback holds 4 replicas until the lag can be read again.',
    subject: 'ScaledObject/batch-embedder',
  },
  {
    id: 'pending-pods-no-capacity',
    severity: 'warning',
    title: '2 pods Pending while the autoscaler wants more',
    evidence:
      "0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 4 node(s) didn't match Pod's node affinity/selector. No node autoscaler added capacity in 10 minutes.",
    fix: 'Let the node autoscaler (Karpenter NodePool gpu-spot) add GPU nodes, or raise its limits.',
    subject: 'Deployment/batch-embedder',
  },
  {
    id: 'time-slicing-no-memory-isolation',
    severity: 'info',
    title: 'Time-sliced GPUs share memory without isolation',
    evidence:
      "Pods request nvidia.com/gpu on nodes with time-slicing ×4; up to 4 processes share one H200's 140 GiB with no memory limit.",
    fix: 'Fine for BERT-base (≈1 GiB); for larger models use a MIG profile instead.',
    subject: 'Deployment/batch-embedder',
  },
];

/**
 * `batch-embedder` (async-batch): a Kafka consumer on time-sliced (×4) H200s
 * on spot nodes, KEDA kafka trigger with lagThreshold. The trigger is failing
 * and KEDA's fallback holds the replicas; two pods wait for GPU capacity.
 */
export const batchEmbedderStatus: EntityScalingStatus = {
  entityRef: 'component:default/batch-embedder',
  pattern: 'async-batch',
  latencySloMs: 2000,
  tritonModels: ['bert-embedder'],
  generatedAt: '2026-11-28T12:00:00.000Z',
  workloads: [
    {
      cluster: 'demo',
      kind: 'Deployment',
      namespace: 'ml-batch',
      name: 'batch-embedder',
      replicas: { spec: 6, current: 6, ready: 4, available: 4, updated: 6 },
      autoscaler: {
        type: 'keda',
        conflicting: [],
        keda: {
          name: 'batch-embedder',
          minReplicaCount: 1,
          maxReplicaCount: 12,
          cooldownPeriod: 300,
          pollingInterval: 30,
          triggers: [
            {
              type: 'kafka',
              name: 'embeddings',
              threshold: 500,
              activationThreshold: 10,
              metadata: {
                bootstrapServers: 'kafka.data:9092',
                consumerGroup: 'batch-embedder',
                topic: 'documents-to-embed',
                lagThreshold: '500',
                activationLagThreshold: '10',
                offsetResetPolicy: 'latest',
              },
            },
          ],
          ready: false,
          active: true,
          paused: false,
          fallbackActive: true,
          fallback: { failureThreshold: 3, replicas: 4 },
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'TriggerError',
              message:
                'Triggers defined in ScaledObject are not working correctly',
              plain: 'Not ready: the Kafka trigger cannot be read.',
            },
            {
              type: 'Active',
              status: 'True',
              reason: 'ScalerActive',
              message: 'Scaling is performed because triggers are active',
              plain: 'Active: KEDA keeps the workload scaled up.',
            },
            {
              type: 'Fallback',
              status: 'True',
              reason: 'FallbackExists',
              message:
                'At least one trigger is falling back on this scaled object',
              plain:
                'Fallback in force: replicas are held at 4 while the trigger fails.',
            },
          ],
          health: {
            's0-kafka-embeddings': { numberOfFailures: 7, status: 'Failing' },
          },
          hpaName: 'keda-hpa-batch-embedder',
          lastActiveTime: '2026-11-28T11:59:30Z',
        },
        hpa: {
          name: 'keda-hpa-batch-embedder',
          minReplicas: 1,
          maxReplicas: 12,
          currentReplicas: 6,
          desiredReplicas: 6,
          metrics: [
            {
              name: 's0-kafka-embeddings',
              sourceType: 'External',
              targetType: 'AverageValue',
              target: 500,
            },
          ],
          conditions: [
            {
              type: 'AbleToScale',
              status: 'True',
              reason: 'ScaleDownStabilized',
              message:
                'recent recommendations were higher than current one, applying the highest recent recommendation',
              plain:
                'Holding: a recent higher recommendation keeps the replicas up (scale-down window).',
            },
            {
              type: 'ScalingActive',
              status: 'False',
              reason: 'FailedGetExternalMetric',
              message:
                'the HPA was unable to compute the replica count: unable to get external metric ml-batch/s0-kafka-embeddings',
              plain:
                'Metric missing: the HPA cannot read the Kafka lag, so it does not scale.',
            },
            {
              type: 'ScalingLimited',
              status: 'False',
              reason: 'DesiredWithinRange',
              message: 'the desired count is within the acceptable range',
              plain:
                'Not limited: the wanted replica count is between min and max.',
            },
          ],
          scaleDownStabilizationSeconds: 300,
          lastScaleTime: '2026-11-28T11:20:00Z',
          managedByKeda: true,
        },
      },
      gpu: {
        mode: 'time-slicing',
        resourceName: 'nvidia.com/gpu',
        perPod: 1,
        replicas: 4,
        memoryIsolation: false,
        spot: true,
        nodes: [
          {
            name: 'gpu-spot-1',
            product: 'NVIDIA-H200-SHARED',
            memoryMiB: 143771,
            gpuCount: 1,
            replicas: 4,
            sharingStrategy: 'time-slicing',
            migStrategy: 'none',
            spot: true,
            capacityLabel: 'karpenter.sh/capacity-type=spot',
          },
        ],
      },
      pods: [
        {
          name: 'batch-embedder-66d5f7c9b-2lq8d',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-spot-1',
          coldStartSeconds: 34.2,
          restartCount: 0,
          spot: true,
        },
        {
          name: 'batch-embedder-66d5f7c9b-7fz4k',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-spot-1',
          coldStartSeconds: 36.8,
          restartCount: 0,
          spot: true,
        },
        {
          name: 'batch-embedder-66d5f7c9b-b9xwp',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-spot-1',
          coldStartSeconds: 33.5,
          restartCount: 2,
          spot: true,
        },
        {
          name: 'batch-embedder-66d5f7c9b-m2cvh',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-spot-1',
          coldStartSeconds: 35.0,
          restartCount: 0,
          spot: true,
        },
        {
          name: 'batch-embedder-66d5f7c9b-q8rjt',
          phase: 'Pending',
          ready: false,
          pendingReason: 'Unschedulable',
          pendingMessage:
            "0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 4 node(s) didn't match Pod's node affinity/selector.",
          restartCount: 0,
          spot: false,
        },
        {
          name: 'batch-embedder-66d5f7c9b-zt6ns',
          phase: 'Pending',
          ready: false,
          pendingReason: 'Unschedulable',
          pendingMessage:
            "0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 4 node(s) didn't match Pod's node affinity/selector.",
          restartCount: 0,
          spot: false,
        },
      ],
      triton: {
        sampledAt: '2026-11-28T11:59:45Z',
        errors: [],
        models: [
          {
            model: 'bert-embedder',
            version: '1',
            source: 'stats',
            intervalSeconds: 15,
            requestsPerSecond: 330.7,
            inferencesPerSecond: 330.7,
            executionsPerSecond: 10.67,
            averageBatchSize: 31,
            batchSizeHistogram: [
              { batchSize: 16, executions: 30 },
              { batchSize: 32, executions: 120 },
              { batchSize: 64, executions: 10 },
            ],
            averageQueueUs: 38000,
            averageComputeUs: 2100,
            pendingRequests: 41,
            failuresPerSecond: 0,
            config: {
              name: 'bert-embedder',
              backend: 'onnxruntime',
              maxBatchSize: 64,
              dynamicBatching: {
                preferredBatchSize: [16, 32],
                maxQueueDelayMicroseconds: 50000,
              },
              instanceGroups: [{ kind: 'KIND_GPU', count: 1 }],
            },
          },
        ],
      },
      rescaleEvents: [
        {
          time: '2026-11-28T06:10:00Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-batch-embedder',
          newSize: 3,
          reason: 'external metric s0-kafka-embeddings above target',
          message:
            'New size: 3; reason: external metric s0-kafka-embeddings above target',
        },
        {
          time: '2026-11-28T07:40:30Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-batch-embedder',
          newSize: 8,
          reason: 'external metric s0-kafka-embeddings above target',
          message:
            'New size: 8; reason: external metric s0-kafka-embeddings above target',
        },
        {
          time: '2026-11-28T09:05:00Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-batch-embedder',
          newSize: 5,
          reason: 'All metrics below target',
          message: 'New size: 5; reason: All metrics below target',
        },
        {
          time: '2026-11-28T11:20:00Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-batch-embedder',
          newSize: 6,
          reason: 'external metric s0-kafka-embeddings above target',
          message:
            'New size: 6; reason: external metric s0-kafka-embeddings above target',
        },
      ],
      findings,
    },
  ],
  findings,
  clusterErrors: [],
};
