import {
  ClustersResponse,
  FleetResponse,
} from '@internal/plugin-model-scaling-common';

/** `GET /v1/services` for the four example services and one created by the template but never deployed. */
export const fleetResponse: FleetResponse = {
  generatedAt: '2026-11-28T12:00:00.000Z',
  services: [
    {
      entityRef: 'component:default/text-classifier',
      name: 'text-classifier',
      namespace: 'default',
      title: 'Text classifier',
      owner: 'group:default/team-nlp',
      pattern: 'realtime-cpu',
      clusters: ['demo'],
      autoscalerType: 'hpa',
      replicas: { current: 6, ready: 5, desired: 7, min: 2, max: 20 },
      gpuMode: 'none',
      findings: { error: 0, warning: 1, info: 0 },
      drift: [
        {
          field: 'hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
          expected: '60',
          actual: '300 (Kubernetes default)',
        },
      ],
      verdict: {
        level: 'at-risk',
        headline: 'Scale-down waits the default 300 s',
        reasons: [],
      },
      clusterErrors: [],
    },
    {
      entityRef: 'component:default/image-classifier',
      name: 'image-classifier',
      namespace: 'default',
      title: 'Image classifier (ResNet-50)',
      owner: 'group:default/team-vision',
      pattern: 'realtime-gpu',
      clusters: ['demo'],
      autoscalerType: 'keda',
      replicas: { current: 4, ready: 4, desired: 4, min: 1, max: 8 },
      gpuMode: 'exclusive',
      averageBatchSize: 7.13,
      findings: { error: 0, warning: 0, info: 0 },
      drift: [],
      verdict: {
        level: 'healthy',
        headline: 'On the golden path: no scaling problem found',
        reasons: [],
      },
      clusterErrors: [],
    },
    {
      entityRef: 'component:default/batch-embedder',
      name: 'batch-embedder',
      namespace: 'default',
      title: 'Batch embedder',
      owner: 'group:default/team-nlp',
      pattern: 'async-batch',
      clusters: ['demo'],
      autoscalerType: 'keda',
      replicas: { current: 6, ready: 4, desired: 6, min: 1, max: 12 },
      gpuMode: 'time-slicing',
      averageBatchSize: 31,
      findings: { error: 1, warning: 1, info: 1 },
      drift: [],
      verdict: {
        level: 'failing',
        headline: 'KEDA fallback is active: the Kafka trigger is failing',
        reasons: [],
      },
      clusterErrors: [],
    },
    {
      entityRef: 'component:default/summarizer',
      name: 'summarizer',
      namespace: 'default',
      title: 'Summarizer',
      owner: 'group:default/team-nlp',
      pattern: 'bursty',
      clusters: ['demo', 'gpu-west'],
      autoscalerType: 'keda',
      replicas: { current: 2, ready: 2, desired: 3, min: 0, max: 10 },
      gpuMode: 'mig',
      averageBatchSize: 1,
      findings: { error: 0, warning: 2, info: 0 },
      drift: [
        {
          field: 'triton.summarizer-encoder.dynamic_batching',
          expected: 'on',
          actual: 'off',
        },
        {
          field: 'scaledObject.spec.cooldownPeriod',
          expected: '300',
          actual: '600',
        },
      ],
      verdict: {
        level: 'at-risk',
        headline: 'Dynamic batching is off (and 2 more problems)',
        reasons: [],
      },
      clusterErrors: [
        {
          cluster: 'gpu-west',
          message: 'watch of Pods failed: connect ECONNREFUSED 10.20.0.4:443',
          stale: true,
          staleSince: '2026-11-28T11:41:00.000Z',
        },
      ],
    },
    {
      entityRef: 'component:default/speech-recognizer',
      name: 'speech-recognizer',
      namespace: 'default',
      title: 'Speech recognizer',
      owner: 'group:default/team-nlp',
      pattern: 'realtime-gpu',
      clusters: [],
      autoscalerType: 'none',
      replicas: { current: 0, ready: 0 },
      gpuMode: 'none',
      findings: { error: 0, warning: 0, info: 0 },
      drift: [],
      clusterErrors: [],
      verdict: {
        level: 'not-deployed',
        headline:
          'Not deployed: no Deployment matches this service in any cluster',
        reasons: [],
      },
    },
  ],
};

/** `GET /v1/clusters`: the demo cluster in sync. */
export const clustersResponse: ClustersResponse = {
  clusters: [
    {
      name: 'demo',
      url: 'http://127.0.0.1:7480',
      synced: true,
      stale: false,
      lastSyncAt: '2026-11-28T11:59:58.000Z',
      kedaAvailable: true,
      kinds: [
        {
          kind: 'Deployment',
          synced: true,
          count: 4,
          resourceVersion: '18231',
        },
        { kind: 'Pod', synced: true, count: 18, resourceVersion: '18240' },
        {
          kind: 'HorizontalPodAutoscaler',
          synced: true,
          count: 4,
          resourceVersion: '18236',
        },
        {
          kind: 'ScaledObject',
          synced: true,
          count: 3,
          resourceVersion: '18219',
        },
      ],
    },
  ],
};
