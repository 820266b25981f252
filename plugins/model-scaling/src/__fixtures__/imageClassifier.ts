import { EntityScalingStatus } from '@internal/plugin-model-scaling-common';

/**
 * `image-classifier` (realtime-gpu): ResNet-50 on Triton with dynamic batching,
 * one exclusive H200 per pod, KEDA ScaledObject on a Prometheus request rate
 * (threshold 100 req/s per pod). On the golden path: no findings.
 */
export const imageClassifierStatus: EntityScalingStatus = {
  entityRef: 'component:default/image-classifier',
  pattern: 'realtime-gpu',
  latencySloMs: 20,
  tritonModels: ['resnet50'],
  generatedAt: '2026-11-28T12:00:00.000Z',
  workloads: [
    {
      cluster: 'demo',
      kind: 'Deployment',
      namespace: 'ml-serving',
      name: 'image-classifier',
      replicas: { spec: 4, current: 4, ready: 4, available: 4, updated: 4 },
      autoscaler: {
        type: 'keda',
        conflicting: [],
        keda: {
          name: 'image-classifier',
          minReplicaCount: 1,
          maxReplicaCount: 8,
          cooldownPeriod: 300,
          pollingInterval: 15,
          triggers: [
            {
              type: 'prometheus',
              name: 'request-rate',
              threshold: 100,
              activationThreshold: 5,
              metadata: {
                serverAddress: 'http://prometheus.monitoring:9090',
                query:
                  'sum(rate(nv_inference_request_success{namespace="ml-serving",model="resnet50"}[1m]))',
                threshold: '100',
                activationThreshold: '5',
              },
            },
          ],
          ready: true,
          active: true,
          paused: false,
          fallbackActive: false,
          fallback: { failureThreshold: 3, replicas: 4 },
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'ScaledObjectReady',
              message:
                'ScaledObject is defined correctly and is ready for scaling',
              plain: 'Ready: the ScaledObject is valid and KEDA is scaling it.',
            },
            {
              type: 'Active',
              status: 'True',
              reason: 'ScalerActive',
              message: 'Scaling is performed because triggers are active',
              plain:
                'Active: the request rate is above the activation threshold.',
            },
            {
              type: 'Fallback',
              status: 'False',
              reason: 'NoFallbackFound',
              message: 'No fallbacks are active on this scaled object',
              plain: 'No fallback: the trigger is answering.',
            },
          ],
          health: {
            's0-prometheus': { numberOfFailures: 0, status: 'Happy' },
          },
          hpaName: 'keda-hpa-image-classifier',
          lastActiveTime: '2026-11-28T11:59:45Z',
        },
        hpa: {
          name: 'keda-hpa-image-classifier',
          minReplicas: 1,
          maxReplicas: 8,
          currentReplicas: 4,
          desiredReplicas: 4,
          metrics: [
            {
              name: 's0-prometheus',
              sourceType: 'External',
              targetType: 'AverageValue',
              target: 100,
              current: 92.7,
            },
          ],
          conditions: [
            {
              type: 'AbleToScale',
              status: 'True',
              reason: 'ReadyForNewScale',
              message: 'recommended size matches current size',
              plain:
                'Scaling works: the replica count already matches the recommendation.',
            },
            {
              type: 'ScalingActive',
              status: 'True',
              reason: 'ValidMetricFound',
              message:
                'the HPA was able to successfully calculate a replica count from external metric s0-prometheus',
              plain:
                'Metrics are being read: the Prometheus request rate drives the replica count.',
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
          behavior: {
            scaleDown: { stabilizationWindowSeconds: 120 },
          },
          scaleDownStabilizationSeconds: 120,
          lastScaleTime: '2026-11-28T10:15:02Z',
          managedByKeda: true,
        },
      },
      gpu: {
        mode: 'exclusive',
        resourceName: 'nvidia.com/gpu',
        perPod: 1,
        memoryIsolation: true,
        spot: false,
        nodes: [
          {
            name: 'gpu-h200-a',
            product: 'NVIDIA-H200',
            memoryMiB: 143771,
            gpuCount: 8,
            replicas: 1,
            sharingStrategy: 'none',
            migStrategy: 'none',
            spot: false,
            capacityLabel: 'karpenter.sh/capacity-type=on-demand',
          },
          {
            name: 'gpu-h200-b',
            product: 'NVIDIA-H200',
            memoryMiB: 143771,
            gpuCount: 8,
            replicas: 1,
            sharingStrategy: 'none',
            migStrategy: 'none',
            spot: false,
            capacityLabel: 'karpenter.sh/capacity-type=on-demand',
          },
        ],
      },
      pods: [
        {
          name: 'image-classifier-5c7b9d4f8-4nq7z',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-h200-a',
          coldStartSeconds: 48.6,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'image-classifier-5c7b9d4f8-9vd2c',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-h200-a',
          coldStartSeconds: 51.3,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'image-classifier-5c7b9d4f8-hj6tw',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-h200-b',
          coldStartSeconds: 47.9,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'image-classifier-5c7b9d4f8-xr3mb',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-h200-b',
          coldStartSeconds: 52.0,
          restartCount: 0,
          spot: false,
        },
      ],
      triton: {
        sampledAt: '2026-11-28T11:59:50Z',
        errors: [],
        models: [
          {
            model: 'resnet50',
            version: '1',
            source: 'stats',
            intervalSeconds: 15,
            requestsPerSecond: 370.7,
            inferencesPerSecond: 370.7,
            executionsPerSecond: 52,
            averageBatchSize: 7.13,
            batchSizeHistogram: [
              { batchSize: 1, executions: 40 },
              { batchSize: 2, executions: 60 },
              { batchSize: 4, executions: 170 },
              { batchSize: 8, executions: 430 },
              { batchSize: 16, executions: 80 },
            ],
            averageQueueUs: 2400,
            averageComputeUs: 1490,
            pendingRequests: 3,
            failuresPerSecond: 0,
            config: {
              name: 'resnet50',
              backend: 'onnxruntime',
              maxBatchSize: 32,
              dynamicBatching: {
                preferredBatchSize: [4, 8, 16],
                maxQueueDelayMicroseconds: 5000,
              },
              instanceGroups: [{ kind: 'KIND_GPU', count: 1, gpus: [0] }],
            },
          },
        ],
      },
      rescaleEvents: [
        {
          time: '2026-11-28T07:30:05Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-image-classifier',
          newSize: 2,
          reason:
            'external metric s0-prometheus(&LabelSelector{MatchLabels:map[string]string{scaledobject.keda.sh/name: image-classifier,},MatchExpressions:[]LabelSelectorRequirement{},}) above target',
          message:
            'New size: 2; reason: external metric s0-prometheus above target',
        },
        {
          time: '2026-11-28T08:45:20Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-image-classifier',
          newSize: 3,
          reason: 'external metric s0-prometheus above target',
          message:
            'New size: 3; reason: external metric s0-prometheus above target',
        },
        {
          time: '2026-11-28T10:15:02Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-image-classifier',
          newSize: 4,
          reason: 'external metric s0-prometheus above target',
          message:
            'New size: 4; reason: external metric s0-prometheus above target',
        },
      ],
      findings: [],
    },
  ],
  findings: [],
  clusterErrors: [],
};
