import {
  EntityScalingStatus,
  Finding,
} from '@internal/plugin-model-scaling-common';

const findings: Finding[] = [
  {
    id: 'cold-start-over-budget',
    severity: 'warning',
    title: 'Cold start of 94 s exceeds the 60 s scale-from-zero budget',
    evidence:
      'Pods of Deployment/summarizer took 88–94 s from start to Ready (image pull and model load on a fresh MIG slice); the bursty pattern budgets 60 s.',
    fix: 'Pre-pull the image on GPU nodes and keep model weights on a local volume, or set minReplicaCount: 1 during business hours.',
    subject: 'Deployment/summarizer',
  },
  {
    id: 'dynamic-batching-off',
    severity: 'warning',
    title: 'Dynamic batching is off for summarizer-encoder',
    evidence:
      'config.pbtxt of summarizer-encoder has no dynamic_batching block; average batch size 1.0 over the last 15 s at 41 req/s.',
    fix: 'Add dynamic_batching { preferred_batch_size: [4, 8, 16] max_queue_delay_microseconds: 5000 }.',
    subject: 'Deployment/summarizer',
  },
];

/**
 * `summarizer` (bursty): KEDA ScaledObject with minReplicaCount 0 and an
 * activation threshold, on mixed-strategy MIG slices `nvidia.com/mig-1g.18gb`.
 * Scaled up for a burst; cold start above budget; dynamic batching off.
 */
export const summarizerStatus: EntityScalingStatus = {
  entityRef: 'component:default/summarizer',
  pattern: 'bursty',
  latencySloMs: 500,
  tritonModels: ['summarizer-encoder'],
  generatedAt: '2026-11-28T12:00:00.000Z',
  workloads: [
    {
      cluster: 'demo',
      kind: 'Deployment',
      namespace: 'ml-serving',
      name: 'summarizer',
      replicas: { spec: 2, current: 2, ready: 2, available: 2, updated: 2 },
      autoscaler: {
        type: 'keda',
        conflicting: [],
        keda: {
          name: 'summarizer',
          minReplicaCount: 0,
          maxReplicaCount: 10,
          cooldownPeriod: 600,
          pollingInterval: 10,
          triggers: [
            {
              type: 'prometheus',
              name: 'queue',
              threshold: 20,
              activationThreshold: 1,
              metadata: {
                serverAddress: 'http://prometheus.monitoring:9090',
                query:
                  'sum(rate(nv_inference_request_success{namespace="ml-serving",model="summarizer-encoder"}[1m]))',
                threshold: '20',
                activationThreshold: '1',
              },
            },
          ],
          ready: true,
          active: true,
          paused: false,
          fallbackActive: false,
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
                'Active: traffic is above the activation threshold of 1 req/s.',
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
          hpaName: 'keda-hpa-summarizer',
          lastActiveTime: '2026-11-28T11:59:55Z',
        },
        hpa: {
          name: 'keda-hpa-summarizer',
          minReplicas: 1,
          maxReplicas: 10,
          currentReplicas: 2,
          desiredReplicas: 3,
          metrics: [
            {
              name: 's0-prometheus',
              sourceType: 'External',
              targetType: 'AverageValue',
              target: 20,
              current: 20.6,
            },
          ],
          conditions: [
            {
              type: 'AbleToScale',
              status: 'True',
              reason: 'SucceededRescale',
              message:
                'the HPA controller was able to update the target scale to 3',
              plain:
                'Scaling works: the autoscaler just set the target to 3 replicas.',
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
          scaleDownStabilizationSeconds: 300,
          lastScaleTime: '2026-11-28T11:59:50Z',
          managedByKeda: true,
        },
      },
      gpu: {
        mode: 'mig',
        resourceName: 'nvidia.com/mig-1g.18gb',
        perPod: 1,
        migProfile: '1g.18gb',
        migStrategy: 'mixed',
        memoryIsolation: true,
        spot: false,
        nodes: [
          {
            name: 'gpu-h200-mig-a',
            product: 'NVIDIA-H200',
            memoryMiB: 143771,
            gpuCount: 8,
            replicas: 1,
            sharingStrategy: 'none',
            migStrategy: 'mixed',
            spot: false,
            capacityLabel: 'karpenter.sh/capacity-type=on-demand',
          },
        ],
      },
      pods: [
        {
          name: 'summarizer-84bd6c7f5-6wz9p',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-h200-mig-a',
          coldStartSeconds: 94.1,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'summarizer-84bd6c7f5-rk2hd',
          phase: 'Running',
          ready: true,
          nodeName: 'gpu-h200-mig-a',
          coldStartSeconds: 88.4,
          restartCount: 0,
          spot: false,
        },
      ],
      triton: {
        sampledAt: '2026-11-28T11:59:50Z',
        errors: [
          {
            pod: 'summarizer-84bd6c7f5-rk2hd',
            message:
              'GET /v2/models/summarizer-encoder/stats through the pod proxy timed out after 3000 ms',
          },
        ],
        models: [
          {
            model: 'summarizer-encoder',
            version: '1',
            source: 'metrics',
            intervalSeconds: 15,
            requestsPerSecond: 41.2,
            inferencesPerSecond: 41.2,
            executionsPerSecond: 41.2,
            averageBatchSize: 1,
            batchSizeHistogram: [],
            averageQueueUs: 310,
            averageComputeUs: 540,
            pendingRequests: 0,
            failuresPerSecond: 0.2,
            config: {
              name: 'summarizer-encoder',
              backend: 'onnxruntime',
              maxBatchSize: 16,
              instanceGroups: [{ kind: 'KIND_GPU', count: 1 }],
            },
          },
        ],
      },
      rescaleEvents: [
        {
          time: '2026-11-28T09:02:10Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-summarizer',
          newSize: 3,
          reason: 'external metric s0-prometheus above target',
          message:
            'New size: 3; reason: external metric s0-prometheus above target',
        },
        {
          time: '2026-11-28T09:20:00Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-summarizer',
          newSize: 1,
          reason: 'All metrics below target',
          message: 'New size: 1; reason: All metrics below target',
        },
        {
          time: '2026-11-28T11:57:40Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-summarizer',
          newSize: 2,
          reason: 'external metric s0-prometheus above target',
          message:
            'New size: 2; reason: external metric s0-prometheus above target',
        },
        {
          time: '2026-11-28T11:59:50Z',
          object: 'HorizontalPodAutoscaler/keda-hpa-summarizer',
          newSize: 3,
          reason: 'external metric s0-prometheus above target',
          message:
            'New size: 3; reason: external metric s0-prometheus above target',
        },
      ],
      findings,
    },
  ],
  findings,
  clusterErrors: [],
};
