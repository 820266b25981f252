/*
 * Raw Kubernetes objects as the API server returns them (`kubectl get -o json`),
 * for the image-classifier (ResNet-50 on Triton, KEDA) and text-classifier (HPA)
 * example services.
 */

export const rawDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'image-classifier',
    namespace: 'ml-serving',
    uid: '5c1f0b8e-2f8e-4a6b-9d0e-7c3b1a9e4f21',
    resourceVersion: '184467',
    generation: 7,
    creationTimestamp: '2026-11-20T09:12:44Z',
    labels: {
      'app.kubernetes.io/name': 'image-classifier',
      'backstage.io/kubernetes-id': 'image-classifier',
    },
    annotations: { 'deployment.kubernetes.io/revision': '3' },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'image-classifier' } },
    template: {
      metadata: {
        labels: {
          'app.kubernetes.io/name': 'image-classifier',
          'backstage.io/kubernetes-id': 'image-classifier',
        },
        annotations: { 'prometheus.io/port': '8002' },
      },
      spec: {
        nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H200' },
        tolerations: [
          { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    {
                      key: 'karpenter.sh/capacity-type',
                      operator: 'In',
                      values: ['on-demand'],
                    },
                    { key: 'nvidia.com/gpu.present', operator: 'Exists' },
                    {
                      key: 'topology.kubernetes.io/zone',
                      operator: 'In',
                      values: ['us-east-1a', 'us-east-1b'],
                    },
                  ],
                },
              ],
            },
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 50,
                preference: {
                  matchExpressions: [
                    {
                      key: 'node.kubernetes.io/instance-type',
                      operator: 'In',
                      values: ['p5en.48xlarge'],
                    },
                  ],
                },
              },
            ],
          },
        },
        containers: [
          {
            name: 'triton',
            image: 'nvcr.io/nvidia/tritonserver:25.10-py3',
            args: [
              'tritonserver',
              '--model-repository=/models',
              '--metrics-port=8002',
            ],
            ports: [
              { name: 'http', containerPort: 8000, protocol: 'TCP' },
              { name: 'grpc', containerPort: 8001, protocol: 'TCP' },
              { name: 'metrics', containerPort: 8002, protocol: 'TCP' },
            ],
            env: [
              { name: 'CUDA_MODULE_LOADING', value: 'LAZY' },
              {
                name: 'HF_TOKEN',
                valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } },
              },
            ],
            resources: {
              requests: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' },
              limits: { memory: '16Gi', 'nvidia.com/gpu': '1' },
            },
          },
        ],
      },
    },
  },
  status: {
    observedGeneration: 7,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    unavailableReplicas: 1,
    conditions: [
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    ],
  },
};

export const rawReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'image-classifier-7d9c6b5f4d',
    namespace: 'ml-serving',
    labels: {
      'app.kubernetes.io/name': 'image-classifier',
      'pod-template-hash': '7d9c6b5f4d',
    },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'image-classifier',
        uid: '5c1f0b8e',
        controller: true,
      },
    ],
  },
  spec: { replicas: 3 },
  status: {
    replicas: 3,
    readyReplicas: 2,
    availableReplicas: 2,
    fullyLabeledReplicas: 3,
  },
};

export const rawPodRunning = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'image-classifier-7d9c6b5f4d-x2x9p',
    namespace: 'ml-serving',
    labels: {
      'app.kubernetes.io/name': 'image-classifier',
      'pod-template-hash': '7d9c6b5f4d',
    },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'image-classifier-7d9c6b5f4d',
        controller: true,
      },
    ],
    creationTimestamp: '2026-11-28T10:00:00Z',
  },
  spec: {
    nodeName: 'gpu-h200-a',
    containers: rawDeployment.spec.template.spec.containers,
    nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H200' },
  },
  status: {
    phase: 'Running',
    podIP: '10.42.3.17',
    startTime: '2026-11-28T10:00:02Z',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'True',
        lastTransitionTime: '2026-11-28T10:00:00Z',
      },
      {
        type: 'Initialized',
        status: 'True',
        lastTransitionTime: '2026-11-28T10:00:03Z',
      },
      {
        type: 'ContainersReady',
        status: 'True',
        lastTransitionTime: '2026-11-28T10:01:34Z',
      },
      {
        type: 'Ready',
        status: 'True',
        lastTransitionTime: '2026-11-28T10:01:34Z',
      },
    ],
    containerStatuses: [
      {
        name: 'triton',
        ready: true,
        restartCount: 1,
        state: { running: { startedAt: '2026-11-28T10:00:40Z' } },
      },
    ],
  },
};

export const rawPodPending = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'image-classifier-7d9c6b5f4d-q8w7z',
    namespace: 'ml-serving',
    labels: { 'app.kubernetes.io/name': 'image-classifier' },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'image-classifier-7d9c6b5f4d',
      },
    ],
    creationTimestamp: '2026-11-28T10:05:00Z',
  },
  spec: { containers: rawDeployment.spec.template.spec.containers },
  status: {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message:
          "0/4 nodes are available: 2 Insufficient nvidia.com/gpu, 2 node(s) didn't match Pod's node affinity/selector.",
        lastTransitionTime: '2026-11-28T10:05:00Z',
      },
    ],
    qosClass: 'Burstable',
  },
};

export const rawGpuNode = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'gpu-h200-a',
    labels: {
      'kubernetes.io/hostname': 'gpu-h200-a',
      'karpenter.sh/capacity-type': 'on-demand',
      'nvidia.com/gpu.present': 'true',
      'nvidia.com/gpu.product': 'NVIDIA-H200',
      'nvidia.com/gpu.count': '8',
      'nvidia.com/gpu.memory': '143771',
      'nvidia.com/gpu.replicas': '1',
      'nvidia.com/gpu.sharing-strategy': 'none',
      'nvidia.com/mig.capable': 'true',
      'nvidia.com/mig.strategy': 'single',
    },
  },
  spec: {
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
  },
  status: {
    capacity: {
      cpu: '192',
      memory: '2113361540Ki',
      'nvidia.com/gpu': '8',
      pods: '110',
    },
    allocatable: {
      cpu: '191450m',
      memory: '2100000000Ki',
      'nvidia.com/gpu': '8',
      pods: '110',
    },
    conditions: [
      {
        type: 'MemoryPressure',
        status: 'False',
        reason: 'KubeletHasSufficientMemory',
      },
      {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
      },
    ],
  },
};

export const rawHpa = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: {
    name: 'text-classifier',
    namespace: 'ml-serving',
    labels: { 'app.kubernetes.io/name': 'text-classifier' },
  },
  spec: {
    scaleTargetRef: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'text-classifier',
    },
    minReplicas: 2,
    maxReplicas: 20,
    metrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ],
    behavior: {
      scaleDown: {
        stabilizationWindowSeconds: 120,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }],
      },
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
    },
  },
  status: {
    observedGeneration: 2,
    lastScaleTime: '2026-11-28T09:58:13Z',
    currentReplicas: 4,
    desiredReplicas: 4,
    currentMetrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: { averageValue: '412m', averageUtilization: 82 },
        },
      },
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          current: { averageValue: '700Mi', averageUtilization: 68 },
        },
      },
    ],
    conditions: [
      {
        type: 'AbleToScale',
        status: 'True',
        lastTransitionTime: '2026-11-28T09:00:00Z',
        reason: 'ReadyForNewScale',
        message: 'recommended size matches current size',
      },
      {
        type: 'ScalingActive',
        status: 'True',
        lastTransitionTime: '2026-11-28T09:00:00Z',
        reason: 'ValidMetricFound',
        message:
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      },
      {
        type: 'ScalingLimited',
        status: 'False',
        lastTransitionTime: '2026-11-28T09:00:00Z',
        reason: 'DesiredWithinRange',
        message: 'the desired count is within the acceptable range',
      },
    ],
  },
};

export const rawScaledObject = {
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: {
    name: 'image-classifier',
    namespace: 'ml-serving',
    labels: { 'scaledobject.keda.sh/name': 'image-classifier' },
    annotations: {},
    creationTimestamp: '2026-11-20T09:12:45Z',
  },
  spec: {
    scaleTargetRef: { name: 'image-classifier' },
    pollingInterval: 15,
    cooldownPeriod: 300,
    minReplicaCount: 1,
    maxReplicaCount: 8,
    fallback: { failureThreshold: 3, replicas: 4 },
    advanced: {
      horizontalPodAutoscalerConfig: {
        behavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
      },
    },
    triggers: [
      {
        type: 'prometheus',
        name: 'rps',
        metadata: {
          serverAddress: 'http://prometheus.monitoring:9090',
          query:
            'sum(rate(nv_inference_request_success{model="resnet50",namespace="ml-serving"}[1m]))',
          threshold: '100',
          activationThreshold: '5',
        },
      },
    ],
  },
  status: {
    scaleTargetKind: 'apps/v1.Deployment',
    scaleTargetGVKR: {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      resource: 'deployments',
    },
    originalReplicaCount: 1,
    lastActiveTime: '2026-11-28T10:06:00Z',
    externalMetricNames: ['s0-prometheus'],
    hpaName: 'keda-hpa-image-classifier',
    health: { 's0-prometheus': { numberOfFailures: 0, status: 'Happy' } },
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ScaledObjectReady',
        message: 'ScaledObject is defined correctly and is ready for scaling',
      },
      {
        type: 'Active',
        status: 'True',
        reason: 'ScalerActive',
        message: 'Scaling is performed because triggers are active',
      },
      {
        type: 'Fallback',
        status: 'False',
        reason: 'NoFallbackFound',
        message: 'No fallbacks are active on this scaled object',
      },
      { type: 'Paused', status: 'False' },
    ],
  },
};

export const rawRescaleEvent = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: {
    name: 'text-classifier.187a2c3d4e5f6a7b',
    namespace: 'ml-serving',
    creationTimestamp: '2026-11-28T09:50:01Z',
  },
  involvedObject: {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    name: 'text-classifier',
    namespace: 'ml-serving',
  },
  reason: 'SuccessfulRescale',
  message:
    'New size: 4; reason: cpu resource utilization (percentage of request) above target',
  source: { component: 'horizontal-pod-autoscaler' },
  firstTimestamp: '2026-11-28T09:50:01Z',
  lastTimestamp: '2026-11-28T09:58:13Z',
  count: 2,
  type: 'Normal',
};
