import type { ModelServicePlan } from '../plan/planSchema';
import {
  ANNOTATION_CHECKPOINTING,
  ANNOTATION_COLD_START_BUDGET_SECONDS,
  ANNOTATION_LATENCY_SLO_MS,
  ANNOTATION_PATTERN,
  ANNOTATION_TRITON_MODELS,
} from '../annotations';
import { componentLabel, selectorLabels, serviceLabels } from './labels';
import { nodePlacement } from './nodePlacement';
import type { KubernetesObject } from './types';

const PROBE_PERIOD_SECONDS = 5;

function queueEnv(plan: ModelServicePlan): { name: string; value: string }[] {
  if (plan.autoscaler.kind !== 'keda') return [];
  const t = plan.autoscaler.trigger;
  if (t.type === 'kafka') {
    return [
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: t.bootstrapServers },
      { name: 'KAFKA_TOPIC', value: t.topic },
      { name: 'KAFKA_CONSUMER_GROUP', value: t.consumerGroup },
    ];
  }
  if (t.type === 'aws-sqs-queue') {
    return [
      { name: 'SQS_QUEUE_URL', value: t.queueURL },
      { name: 'AWS_REGION', value: t.awsRegion },
    ];
  }
  return [];
}

function appContainer(plan: ModelServicePlan) {
  const app = plan.app!;
  const env = [
    ...queueEnv(plan),
    ...(plan.triton
      ? [
          { name: 'TRITON_GRPC_URL', value: 'localhost:8001' },
          { name: 'TRITON_MODEL_NAME', value: plan.triton.modelName },
        ]
      : []),
  ];
  return {
    name: plan.pattern === 'async-batch' ? 'consumer' : 'server',
    image: app.image,
    ...(app.port
      ? { ports: [{ name: 'http', containerPort: app.port, protocol: 'TCP' }] }
      : {}),
    ...(env.length ? { env } : {}),
    resources: {
      requests: { cpu: app.resources.cpu, memory: app.resources.memory },
      limits: { memory: app.resources.memory },
    },
    ...(app.port && app.healthPath
      ? {
          readinessProbe: {
            httpGet: { path: app.healthPath, port: 'http' },
            periodSeconds: PROBE_PERIOD_SECONDS,
          },
        }
      : {}),
  };
}

function tritonContainer(plan: ModelServicePlan) {
  const t = plan.triton!;
  const gpu = plan.gpu;
  const gpuResources = gpu ? { [gpu.resourceName]: String(gpu.count) } : {};
  // Loading a model can take minutes; the startup probe allows the cold-start budget (or 5 min).
  const startupSeconds = plan.coldStartBudgetSeconds ?? 300;
  return {
    name: 'triton',
    image: t.image,
    command: ['tritonserver'],
    args: [
      `--model-repository=${t.modelRepository}`,
      '--http-port=8000',
      '--grpc-port=8001',
      '--allow-metrics=true',
      '--metrics-port=8002',
    ],
    ports: [
      { name: 'http', containerPort: 8000, protocol: 'TCP' },
      { name: 'grpc', containerPort: 8001, protocol: 'TCP' },
      { name: 'metrics', containerPort: 8002, protocol: 'TCP' },
    ],
    resources: {
      requests: {
        cpu: t.resources.cpu,
        memory: t.resources.memory,
        ...gpuResources,
      },
      limits: { memory: t.resources.memory, ...gpuResources },
    },
    startupProbe: {
      httpGet: { path: '/v2/health/ready', port: 'http' },
      periodSeconds: PROBE_PERIOD_SECONDS,
      failureThreshold: Math.max(
        1,
        Math.ceil(startupSeconds / PROBE_PERIOD_SECONDS),
      ),
    },
    readinessProbe: {
      httpGet: { path: '/v2/health/ready', port: 'http' },
      periodSeconds: PROBE_PERIOD_SECONDS,
    },
    livenessProbe: {
      httpGet: { path: '/v2/health/live', port: 'http' },
      periodSeconds: 10,
    },
  };
}

/**
 * The service's Deployment. `spec.replicas` is left out: the autoscaler owns
 * the replica count, and a value here would reset it on every apply.
 */
export function renderDeployment(plan: ModelServicePlan): KubernetesObject {
  const labels = {
    ...serviceLabels(plan),
    'app.kubernetes.io/component': componentLabel(plan),
  };
  const annotations: Record<string, string> = {
    [ANNOTATION_PATTERN]: plan.pattern,
    [ANNOTATION_LATENCY_SLO_MS]: String(plan.model.latencySloMs),
  };
  if (plan.triton)
    annotations[ANNOTATION_TRITON_MODELS] = plan.triton.modelName;
  if (plan.coldStartBudgetSeconds !== undefined) {
    annotations[ANNOTATION_COLD_START_BUDGET_SECONDS] = String(
      plan.coldStartBudgetSeconds,
    );
  }
  if (plan.checkpointing)
    annotations[ANNOTATION_CHECKPOINTING] = plan.checkpointing;

  // Queue consumers may drain in parallel; request-serving pods roll one at a time without losing capacity.
  const rollingUpdate =
    plan.pattern === 'async-batch'
      ? { maxSurge: '25%', maxUnavailable: '25%' }
      : { maxSurge: 1, maxUnavailable: 0 };

  const containers = [
    ...(plan.app ? [appContainer(plan)] : []),
    ...(plan.triton ? [tritonContainer(plan)] : []),
  ];

  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      labels,
      annotations,
    },
    spec: {
      revisionHistoryLimit: 3,
      selector: { matchLabels: selectorLabels(plan) },
      strategy: { type: 'RollingUpdate', rollingUpdate },
      template: {
        metadata: {
          labels,
          ...(plan.triton
            ? {
                annotations: {
                  'prometheus.io/scrape': 'true',
                  'prometheus.io/port': '8002',
                },
              }
            : {}),
        },
        spec: {
          terminationGracePeriodSeconds: plan.terminationGracePeriodSeconds,
          ...nodePlacement(plan),
          containers,
        },
      },
    },
  };
}
