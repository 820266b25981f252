import type { KubeObject } from '../api/ObjectStore';

/** Options of {@link syntheticObjects}. */
export interface SyntheticOptions {
  /** Number of model services. */
  services: number;
  /** Pods per service (the min and the starting replicas). */
  podsPerService: number;
  /** Namespace they live in. Default `synthetic`. */
  namespace?: string;
  /** Every n-th service serves on GPU with Triton and a KEDA ScaledObject. Default 5. */
  gpuEvery?: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Objects for a large fleet (e.g. 1,000 services × 5 pods for the backend benchmark):
 * CPU services with an HPA, every `gpuEvery`-th a Triton service on a whole H200 with a
 * KEDA ScaledObject, and enough nodes for all pods. Min = max = `podsPerService` keeps the
 * fleet steady, so a benchmark measures the backend, not the churn.
 */
export function syntheticObjects(options: SyntheticOptions): KubeObject[] {
  const ns = options.namespace ?? 'synthetic';
  const every = options.gpuEvery ?? 5;
  const width = String(options.services).length;
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
    },
  ];
  let gpuPods = 0;
  let cpuPods = 0;
  for (let i = 0; i < options.services; i++) {
    const name = `model-${pad(i, width)}`;
    const gpu = every > 0 && i % every === every - 1;
    if (gpu) gpuPods += options.podsPerService;
    else cpuPods += options.podsPerService;
    const labels = {
      'backstage.io/kubernetes-id': name,
      'app.kubernetes.io/name': name,
    };
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: ns,
        labels,
        annotations: {
          'model-scaling.io/pattern': gpu ? 'realtime-gpu' : 'realtime-cpu',
          ...(gpu ? { 'model-scaling.io/triton-models': `${name}-model` } : {}),
        },
      },
      spec: {
        replicas: options.podsPerService,
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
        template: {
          metadata: { labels },
          spec: {
            ...(gpu
              ? {
                  nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-H200' },
                  tolerations: [
                    {
                      key: 'nvidia.com/gpu',
                      operator: 'Exists',
                      effect: 'NoSchedule',
                    },
                  ],
                }
              : {}),
            containers: [
              gpu
                ? {
                    name: 'triton',
                    image: 'nvcr.io/nvidia/tritonserver:25.10-py3',
                    ports: [8000, 8001, 8002].map(containerPort => ({
                      containerPort,
                    })),
                    resources: {
                      requests: {
                        cpu: '2',
                        memory: '8Gi',
                        'nvidia.com/gpu': '1',
                      },
                      limits: { memory: '8Gi', 'nvidia.com/gpu': '1' },
                    },
                  }
                : {
                    name: 'server',
                    image: 'ghcr.io/acme-ml/synthetic-model:1.0.0',
                    ports: [{ containerPort: 8080 }],
                    resources: {
                      requests: { cpu: '250m', memory: '512Mi' },
                      limits: { memory: '512Mi' },
                    },
                  },
            ],
          },
        },
      },
    });
    objects.push(
      gpu
        ? {
            apiVersion: 'keda.sh/v1alpha1',
            kind: 'ScaledObject',
            metadata: { name, namespace: ns, labels },
            spec: {
              scaleTargetRef: { name },
              minReplicaCount: options.podsPerService,
              maxReplicaCount: options.podsPerService,
              triggers: [
                {
                  type: 'prometheus',
                  metadata: {
                    serverAddress:
                      'http://prometheus-operated.monitoring.svc:9090',
                    query: `sum(rate(nv_inference_request_success{model="${name}-model"}[1m]))`,
                    threshold: '100',
                  },
                },
              ],
            },
          }
        : {
            apiVersion: 'autoscaling/v2',
            kind: 'HorizontalPodAutoscaler',
            metadata: { name, namespace: ns, labels },
            spec: {
              scaleTargetRef: {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name,
              },
              minReplicas: options.podsPerService,
              maxReplicas: options.podsPerService,
              metrics: [
                {
                  type: 'Resource',
                  resource: {
                    name: 'cpu',
                    target: { type: 'Utilization', averageUtilization: 70 },
                  },
                },
              ],
            },
          },
    );
  }
  const cpuNodes = Math.ceil(cpuPods / 100) + 1;
  const gpuNodes = Math.ceil(gpuPods / 8);
  for (let i = 0; i < cpuNodes; i++)
    objects.push(node(`synthetic-cpu-${pad(i, 3)}`, false));
  for (let i = 0; i < gpuNodes; i++)
    objects.push(node(`synthetic-gpu-${pad(i, 3)}`, true));
  return objects;
}

function node(name: string, gpu: boolean): KubeObject {
  const capacity: Record<string, string> = gpu
    ? { cpu: '192', memory: '2048Gi', pods: '110', 'nvidia.com/gpu': '8' }
    : { cpu: '64', memory: '256Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        type: 'kwok',
        ...(gpu
          ? {
              'nvidia.com/gpu.product': 'NVIDIA-H200',
              'nvidia.com/gpu.count': '8',
              'nvidia.com/gpu.memory': '143771',
              'nvidia.com/gpu.replicas': '1',
              'nvidia.com/gpu.sharing-strategy': 'none',
            }
          : {}),
      },
    },
    ...(gpu
      ? {
          spec: {
            taints: [
              { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
            ],
          },
        }
      : {}),
    status: { capacity, allocatable: capacity },
  };
}
