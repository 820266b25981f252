/*
 * Slim records of the example services, as the watch cache holds them, for
 * the findings tests. Builders take overrides so each test states only what
 * matters to it.
 */
import type {
  HpaBehavior,
  HpaMetricSpec,
  SlimCondition,
  SlimContainer,
  SlimDeployment,
  SlimHpa,
  SlimNode,
  SlimPod,
  SlimPodSpec,
  SlimScaledObject,
  TritonModelConfig,
  TritonModelFigures,
} from '../../types/status';

const CLUSTER = 'demo';

export function container(
  overrides: Partial<SlimContainer> = {},
): SlimContainer {
  return {
    name: 'server',
    image: 'ghcr.io/acme/text-classifier:1.4.2',
    requests: { cpu: '500m', memory: '1Gi' },
    limits: { memory: '1Gi' },
    ports: [8080],
    args: [],
    env: {},
    ...overrides,
  };
}

export function tritonContainer(
  gpuResources: Record<string, string> = { 'nvidia.com/gpu': '1' },
): SlimContainer {
  return container({
    name: 'triton',
    image: 'nvcr.io/nvidia/tritonserver:25.10-py3',
    requests: { cpu: '2', memory: '8Gi', ...gpuResources },
    limits: { memory: '8Gi', ...gpuResources },
    ports: [8000, 8001, 8002],
    args: ['tritonserver', '--model-repository=/models'],
  });
}

export function podSpec(
  containers: SlimContainer[] = [container()],
  overrides: Partial<SlimPodSpec> = {},
): SlimPodSpec {
  return {
    containers,
    nodeSelector: {},
    tolerations: [],
    requiredNodeLabels: {},
    preferredNodeLabels: {},
    ...overrides,
  };
}

export function deployment(
  name: string,
  spec: SlimPodSpec = podSpec(),
  overrides: Partial<SlimDeployment> = {},
): SlimDeployment {
  return {
    kind: 'Deployment',
    meta: {
      cluster: CLUSTER,
      namespace: 'ml-serving',
      name,
      labels: { 'app.kubernetes.io/name': name },
      annotations: {},
    },
    specReplicas: 2,
    selector: { 'app.kubernetes.io/name': name },
    template: {
      labels: { 'app.kubernetes.io/name': name },
      annotations: {},
      spec,
    },
    status: {
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      updatedReplicas: 2,
      unavailableReplicas: 0,
    },
    ...overrides,
  };
}

export const CPU_70: HpaMetricSpec = {
  type: 'Resource',
  resource: {
    name: 'cpu',
    target: { type: 'Utilization', averageUtilization: 70 },
  },
};
export const MEMORY_80: HpaMetricSpec = {
  type: 'Resource',
  resource: {
    name: 'memory',
    target: { type: 'Utilization', averageUtilization: 80 },
  },
};

export function hpa(
  name: string,
  opts: {
    target?: string;
    min?: number;
    max?: number;
    metrics?: HpaMetricSpec[];
    behavior?: HpaBehavior;
    current?: number;
    desired?: number;
    conditions?: SlimCondition[];
    currentMetrics?: SlimHpa['status']['currentMetrics'];
    labels?: Record<string, string>;
  } = {},
): SlimHpa {
  const h: SlimHpa = {
    kind: 'HorizontalPodAutoscaler',
    meta: {
      cluster: CLUSTER,
      namespace: 'ml-serving',
      name,
      labels: opts.labels ?? {},
      annotations: {},
    },
    scaleTargetRef: {
      kind: 'Deployment',
      name: opts.target ?? name,
      apiVersion: 'apps/v1',
    },
    minReplicas: opts.min ?? 2,
    maxReplicas: opts.max ?? 20,
    metrics: opts.metrics ?? [CPU_70, MEMORY_80],
    status: {
      currentReplicas: opts.current ?? 0,
      desiredReplicas: opts.desired ?? 0,
      currentMetrics: opts.currentMetrics ?? [],
      conditions: opts.conditions ?? [],
    },
  };
  if (opts.behavior) h.behavior = opts.behavior;
  return h;
}

export function scaledObject(
  name: string,
  overrides: Partial<SlimScaledObject> = {},
): SlimScaledObject {
  return {
    kind: 'ScaledObject',
    meta: {
      cluster: CLUSTER,
      namespace: 'ml-serving',
      name,
      labels: {},
      annotations: {},
    },
    scaleTargetRef: { name },
    pollingInterval: 15,
    cooldownPeriod: 300,
    minReplicaCount: 1,
    maxReplicaCount: 8,
    hpaBehavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
    triggers: [
      {
        type: 'prometheus',
        metadata: {
          serverAddress: 'http://prometheus.monitoring:9090',
          query: `sum(rate(nv_inference_request_success{model="resnet50"}[1m]))`,
          threshold: '100',
        },
      },
    ],
    paused: false,
    status: {
      conditions: [],
      health: {},
      externalMetricNames: ['s0-prometheus'],
      hpaName: `keda-hpa-${name}`,
    },
    ...overrides,
  };
}

export function kedaHpa(
  so: string,
  opts: Parameters<typeof hpa>[1] = {},
): SlimHpa {
  return hpa(`keda-hpa-${so}`, {
    target: so,
    min: 1,
    max: 8,
    metrics: [
      {
        type: 'External',
        external: {
          metric: { name: 's0-prometheus' },
          target: { type: 'AverageValue', averageValue: '100' },
        },
      },
    ],
    labels: {
      'app.kubernetes.io/managed-by': 'keda-operator',
      'scaledobject.keda.sh/name': so,
    },
    ...opts,
  });
}

export function pod(
  name: string,
  opts: {
    spec?: SlimPodSpec;
    phase?: string;
    nodeName?: string;
    created?: string;
    startTime?: string;
    readyTime?: string;
    pendingReason?: string;
    pendingMessage?: string;
  } = {},
): SlimPod {
  const p: SlimPod = {
    kind: 'Pod',
    meta: {
      cluster: CLUSTER,
      namespace: 'ml-serving',
      name,
      labels: {},
      annotations: {},
      creationTimestamp: opts.created ?? '2026-11-28T10:00:00Z',
    },
    phase: opts.phase ?? 'Running',
    spec: opts.spec ?? podSpec(),
    conditions: [],
    ready: opts.readyTime !== undefined,
    restartCount: 0,
  };
  if (opts.nodeName) p.nodeName = opts.nodeName;
  if (opts.startTime) p.startTime = opts.startTime;
  if (opts.readyTime) p.readyTime = opts.readyTime;
  if (opts.pendingReason) p.pendingReason = opts.pendingReason;
  if (opts.pendingMessage) p.pendingMessage = opts.pendingMessage;
  return p;
}

export function node(
  name: string,
  labels: Record<string, string>,
  allocatable: Record<string, string> = {},
): SlimNode {
  return {
    kind: 'Node',
    meta: { cluster: CLUSTER, name, labels, annotations: {} },
    capacity: allocatable,
    allocatable,
    ready: true,
    unschedulable: false,
    taints: [],
  };
}

export const TRITON_BATCHING: TritonModelConfig = {
  name: 'resnet50',
  backend: 'onnxruntime',
  maxBatchSize: 32,
  dynamicBatching: {
    preferredBatchSize: [4, 8, 16],
    maxQueueDelayMicroseconds: 5000,
  },
  instanceGroups: [{ kind: 'KIND_GPU', count: 1 }],
};

export function figures(
  overrides: Partial<TritonModelFigures> = {},
): TritonModelFigures {
  return {
    model: 'resnet50',
    version: '1',
    source: 'stats',
    intervalSeconds: 15,
    requestsPerSecond: 800,
    inferencesPerSecond: 800,
    executionsPerSecond: 110,
    averageBatchSize: 7.27,
    batchSizeHistogram: [
      { batchSize: 4, executions: 300 },
      { batchSize: 8, executions: 1350 },
    ],
    averageQueueUs: 1800,
    averageComputeUs: 1560,
    pendingRequests: 3,
    failuresPerSecond: 0,
    ...overrides,
  };
}
