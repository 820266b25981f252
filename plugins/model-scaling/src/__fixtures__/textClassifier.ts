import { EntityScalingStatus } from '@internal/plugin-model-scaling-common';

/**
 * `text-classifier` (realtime-cpu): HPA autoscaling/v2 on CPU 70 % and memory
 * 80 %, min 2 / max 20, without a `behavior` (so the 300 s default scale-down
 * window is in force). No GPU, no Triton.
 */
export const textClassifierStatus: EntityScalingStatus = {
  entityRef: 'component:default/text-classifier',
  pattern: 'realtime-cpu',
  latencySloMs: 100,
  tritonModels: [],
  generatedAt: '2026-11-28T12:00:00.000Z',
  workloads: [
    {
      cluster: 'demo',
      kind: 'Deployment',
      namespace: 'ml-serving',
      name: 'text-classifier',
      replicas: { spec: 6, current: 6, ready: 5, available: 5, updated: 6 },
      autoscaler: {
        type: 'hpa',
        conflicting: [],
        hpa: {
          name: 'text-classifier',
          minReplicas: 2,
          maxReplicas: 20,
          currentReplicas: 6,
          desiredReplicas: 7,
          metrics: [
            {
              name: 'cpu',
              sourceType: 'Resource',
              targetType: 'Utilization',
              target: 70,
              current: 81,
            },
            {
              name: 'memory',
              sourceType: 'Resource',
              targetType: 'Utilization',
              target: 80,
              current: 46,
            },
          ],
          conditions: [
            {
              type: 'AbleToScale',
              status: 'True',
              reason: 'SucceededRescale',
              message:
                'the HPA controller was able to update the target scale to 7',
              lastTransitionTime: '2026-11-28T11:58:30Z',
              plain:
                'Scaling works: the autoscaler just set the target to 7 replicas.',
            },
            {
              type: 'ScalingActive',
              status: 'True',
              reason: 'ValidMetricFound',
              message:
                'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
              lastTransitionTime: '2026-11-28T08:02:11Z',
              plain:
                'Metrics are being read: CPU utilization drives the replica count.',
            },
            {
              type: 'ScalingLimited',
              status: 'False',
              reason: 'DesiredWithinRange',
              message: 'the desired count is within the acceptable range',
              lastTransitionTime: '2026-11-28T09:40:00Z',
              plain:
                'Not limited: the wanted replica count is between min and max.',
            },
          ],
          scaleDownStabilizationSeconds: 300,
          lastScaleTime: '2026-11-28T11:58:30Z',
          managedByKeda: false,
        },
      },
      gpu: {
        mode: 'none',
        perPod: 0,
        memoryIsolation: true,
        spot: false,
        nodes: [],
      },
      pods: [
        {
          name: 'text-classifier-7d9f8c6b5-2xkqp',
          phase: 'Running',
          ready: true,
          nodeName: 'cpu-node-1',
          coldStartSeconds: 11.2,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'text-classifier-7d9f8c6b5-8mzvn',
          phase: 'Running',
          ready: true,
          nodeName: 'cpu-node-2',
          coldStartSeconds: 10.4,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'text-classifier-7d9f8c6b5-c4hlt',
          phase: 'Running',
          ready: true,
          nodeName: 'cpu-node-3',
          coldStartSeconds: 12.9,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'text-classifier-7d9f8c6b5-f7wq2',
          phase: 'Running',
          ready: true,
          nodeName: 'cpu-node-1',
          coldStartSeconds: 9.8,
          restartCount: 1,
          spot: false,
        },
        {
          name: 'text-classifier-7d9f8c6b5-kd9rx',
          phase: 'Running',
          ready: true,
          nodeName: 'cpu-node-2',
          coldStartSeconds: 10.1,
          restartCount: 0,
          spot: false,
        },
        {
          name: 'text-classifier-7d9f8c6b5-tq5jm',
          phase: 'Running',
          ready: false,
          nodeName: 'cpu-node-3',
          restartCount: 0,
          spot: false,
        },
      ],
      rescaleEvents: [
        {
          time: '2026-11-28T08:02:40Z',
          object: 'HorizontalPodAutoscaler/text-classifier',
          newSize: 3,
          reason:
            'cpu resource utilization (percentage of request) above target',
          message:
            'New size: 3; reason: cpu resource utilization (percentage of request) above target',
        },
        {
          time: '2026-11-28T08:30:10Z',
          object: 'HorizontalPodAutoscaler/text-classifier',
          newSize: 5,
          reason:
            'cpu resource utilization (percentage of request) above target',
          message:
            'New size: 5; reason: cpu resource utilization (percentage of request) above target',
        },
        {
          time: '2026-11-28T09:41:55Z',
          object: 'HorizontalPodAutoscaler/text-classifier',
          newSize: 4,
          reason: 'All metrics below target',
          message: 'New size: 4; reason: All metrics below target',
        },
        {
          time: '2026-11-28T11:12:25Z',
          object: 'HorizontalPodAutoscaler/text-classifier',
          newSize: 6,
          reason:
            'cpu resource utilization (percentage of request) above target',
          message:
            'New size: 6; reason: cpu resource utilization (percentage of request) above target',
        },
        {
          time: '2026-11-28T11:58:30Z',
          object: 'HorizontalPodAutoscaler/text-classifier',
          newSize: 7,
          reason:
            'cpu resource utilization (percentage of request) above target',
          message:
            'New size: 7; reason: cpu resource utilization (percentage of request) above target',
        },
      ],
      findings: [
        {
          id: 'default-scale-down-window',
          severity: 'warning',
          title: 'Scale-down waits the default 300 s',
          evidence:
            'HorizontalPodAutoscaler/text-classifier has no behavior.scaleDown.stabilizationWindowSeconds, so the controller default of 300 s applies; 4 scale-downs today each held surplus pods for 5 minutes.',
          fix: 'Set spec.behavior.scaleDown.stabilizationWindowSeconds explicitly (the realtime-cpu preset is 120).',
          subject: 'HorizontalPodAutoscaler/text-classifier',
        },
      ],
    },
  ],
  findings: [
    {
      id: 'default-scale-down-window',
      severity: 'warning',
      title: 'Scale-down waits the default 300 s',
      evidence:
        'HorizontalPodAutoscaler/text-classifier has no behavior.scaleDown.stabilizationWindowSeconds, so the controller default of 300 s applies; 4 scale-downs today each held surplus pods for 5 minutes.',
      fix: 'Set spec.behavior.scaleDown.stabilizationWindowSeconds explicitly (the realtime-cpu preset is 120).',
      subject: 'HorizontalPodAutoscaler/text-classifier',
    },
  ],
  clusterErrors: [],
};
