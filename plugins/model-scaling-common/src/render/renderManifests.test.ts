import { parseAllDocuments } from 'yaml';
import { createPlan } from '../plan/createPlan';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from '../plan/fixtures';
import { renderManifests, renderServiceFiles } from './renderManifests';
import type { KubernetesObject, RenderedFile } from './types';

function byKind(files: RenderedFile[], kind: string): any {
  const found = files.flatMap(f => f.objects).find(o => o.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
}

function podSpec(files: RenderedFile[]): any {
  return byKind(files, 'Deployment').spec.template.spec;
}

describe('renderManifests', () => {
  it('writes YAML whose documents are the objects', () => {
    for (const answers of [
      textClassifierAnswers,
      imageClassifierAnswers,
      batchEmbedderAnswers,
      summarizerAnswers,
    ]) {
      for (const file of renderServiceFiles(createPlan(answers))) {
        if (!file.path.endsWith('.yaml')) continue;
        // Plain YAML: no anchors or aliases for the label maps that repeat.
        expect(file.content).not.toMatch(/[&*]a\d/);
        const docs = parseAllDocuments(file.content).map(d => d.toJS());
        expect(docs).toEqual(file.objects as KubernetesObject[]);
      }
    }
  });

  it('renders the realtime-cpu service with an autoscaling/v2 HPA and explicit behavior', () => {
    const files = renderManifests(createPlan(textClassifierAnswers));
    expect(files.map(f => f.path)).toEqual([
      'k8s/deployment.yaml',
      'k8s/service.yaml',
      'k8s/hpa.yaml',
    ]);
    const hpa = files[2];
    expect(hpa.content)
      .toBe(`# HPA of realtime-cpu: CPU 70 % and memory 80 % of requests, 2–20 replicas,
# scale-down stabilization 60 s (not the 300 s default).
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: text-classifier
  namespace: ml-serving
  labels:
    backstage.io/kubernetes-id: text-classifier
    app.kubernetes.io/name: text-classifier
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: text-classifier
  minReplicas: 2
  maxReplicas: 20
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: 80
  behavior:
    scaleUp:
      stabilizationWindowSeconds: 0
      selectPolicy: Max
      policies:
        - type: Pods
          value: 4
          periodSeconds: 15
        - type: Percent
          value: 100
          periodSeconds: 15
    scaleDown:
      stabilizationWindowSeconds: 60
      selectPolicy: Max
      policies:
        - type: Percent
          value: 50
          periodSeconds: 60
`);
    const deployment = byKind(files, 'Deployment');
    expect(deployment.metadata.labels).toMatchObject({
      'backstage.io/kubernetes-id': 'text-classifier',
      'app.kubernetes.io/name': 'text-classifier',
    });
    expect(deployment.spec.replicas).toBeUndefined();
    expect(
      deployment.spec.template.metadata.labels['backstage.io/kubernetes-id'],
    ).toBe('text-classifier');
    const [server] = podSpec(files).containers;
    expect(server.resources).toEqual({
      requests: { cpu: '500m', memory: '1280Mi' },
      limits: { memory: '1280Mi' },
    });
    expect(podSpec(files).tolerations).toBeUndefined();
    expect(byKind(files, 'Service').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
    ]);
  });

  it('renders Triton on a whole GPU with a Prometheus ScaledObject for realtime-gpu', () => {
    const files = renderManifests(createPlan(imageClassifierAnswers));
    const spec = podSpec(files);
    expect(spec.containers).toHaveLength(1);
    const triton = spec.containers[0];
    expect(triton.name).toBe('triton');
    expect(triton.ports.map((p: any) => p.containerPort)).toEqual([
      8000, 8001, 8002,
    ]);
    expect(triton.args).toContain(
      '--model-repository=s3://acme-ml-models/image-classifier/model_repository',
    );
    expect(triton.resources.requests['nvidia.com/gpu']).toBe('1');
    expect(triton.resources.limits['nvidia.com/gpu']).toBe('1');
    expect(spec.nodeSelector).toEqual({
      'nvidia.com/gpu.product': 'NVIDIA-H200',
    });
    expect(
      spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution,
    ).toEqual({
      nodeSelectorTerms: [
        {
          matchExpressions: [
            {
              key: 'nvidia.com/gpu.sharing-strategy',
              operator: 'In',
              values: ['none'],
            },
          ],
        },
      ],
    });
    expect(spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const so = byKind(files, 'ScaledObject');
    expect(so.apiVersion).toBe('keda.sh/v1alpha1');
    expect(so.spec).toMatchObject({
      scaleTargetRef: { name: 'image-classifier', kind: 'Deployment' },
      minReplicaCount: 1,
      maxReplicaCount: 15,
      fallback: { failureThreshold: 3, replicas: 12 },
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
        },
      },
    });
    expect(so.spec.triggers).toEqual([
      {
        type: 'prometheus',
        name: 'request-rate',
        metadata: {
          serverAddress: 'http://prometheus-operated.monitoring.svc:9090',
          query:
            'sum(rate(nv_inference_request_success{namespace="ml-serving",model="resnet50"}[1m]))',
          threshold: '100',
          activationThreshold: '0',
        },
      },
    ]);
    expect(files[2].content).toContain('threshold: "100"');
    expect(files.flatMap(f => f.objects).map(o => o.kind)).not.toContain(
      'TriggerAuthentication',
    );
  });

  it('renders the async-batch consumer on preferred spot capacity with a kafka trigger', () => {
    const files = renderManifests(createPlan(batchEmbedderAnswers));
    const spec = podSpec(files);
    expect(spec.containers.map((c: any) => c.name)).toEqual([
      'consumer',
      'triton',
    ]);
    expect(spec.containers[0].env).toEqual(
      expect.arrayContaining([
        { name: 'KAFKA_TOPIC', value: 'documents-to-embed' },
        { name: 'TRITON_GRPC_URL', value: 'localhost:8001' },
      ]),
    );
    expect(spec.terminationGracePeriodSeconds).toBe(120);
    const preferred =
      spec.affinity.nodeAffinity
        .preferredDuringSchedulingIgnoredDuringExecution;
    expect(
      preferred.map((p: any) => p.preference.matchExpressions[0].key),
    ).toEqual([
      'nvidia.com/gpu.sharing-strategy',
      'karpenter.sh/capacity-type',
      'cloud.google.com/gke-spot',
      'eks.amazonaws.com/capacityType',
      'kubernetes.azure.com/scalesetpriority',
    ]);
    expect(
      spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution,
    ).toBeUndefined();
    expect(spec.tolerations).toEqual(
      expect.arrayContaining([
        {
          key: 'karpenter.sh/capacity-type',
          operator: 'Equal',
          value: 'spot',
          effect: 'NoSchedule',
        },
        {
          key: 'cloud.google.com/gke-spot',
          operator: 'Equal',
          value: 'true',
          effect: 'NoSchedule',
        },
      ]),
    );
    const deployment = byKind(files, 'Deployment');
    expect(
      deployment.metadata.annotations['model-scaling.io/checkpointing'],
    ).toMatch(/offsets/);
    expect(byKind(files, 'ScaledObject').spec.triggers[0]).toEqual({
      type: 'kafka',
      name: 'consumer-lag',
      metadata: {
        bootstrapServers: 'kafka-bootstrap.kafka.svc:9092',
        consumerGroup: 'batch-embedder',
        topic: 'documents-to-embed',
        lagThreshold: '2000',
        activationLagThreshold: '50',
        offsetResetPolicy: 'earliest',
      },
    });
  });

  it('requires spot together with the GPU rules when asked', () => {
    const files = renderManifests(
      createPlan({
        ...batchEmbedderAnswers,
        gpu: { sharing: 'exclusive' },
        spotRequired: true,
      }),
    );
    const terms =
      podSpec(files).affinity.nodeAffinity
        .requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms).toHaveLength(4);
    for (const term of terms) {
      expect(term.matchExpressions[1]).toEqual({
        key: 'nvidia.com/gpu.sharing-strategy',
        operator: 'In',
        values: ['none'],
      });
    }
  });

  it('adds a TriggerAuthentication for Kafka SASL and for SQS', () => {
    const kafka = renderManifests(
      createPlan({
        ...batchEmbedderAnswers,
        queue: {
          ...batchEmbedderAnswers.queue,
          sasl: 'scram_sha512',
          tls: true,
        },
      }),
    );
    const so = kafka[2];
    expect(so.objects.map(o => o.kind)).toEqual([
      'TriggerAuthentication',
      'ScaledObject',
    ]);
    expect(so.content).toContain('\n---\n');
    expect(so.objects[0].spec).toEqual({
      secretTargetRef: [
        {
          parameter: 'username',
          name: 'batch-embedder-kafka-credentials',
          key: 'username',
        },
        {
          parameter: 'password',
          name: 'batch-embedder-kafka-credentials',
          key: 'password',
        },
      ],
    });
    const trigger = (so.objects[1] as any).spec.triggers[0];
    expect(trigger.authenticationRef).toEqual({ name: 'batch-embedder-kafka' });
    expect(trigger.metadata).toMatchObject({
      sasl: 'scram_sha512',
      tls: 'enable',
    });

    const sqs = renderManifests(
      createPlan({
        ...batchEmbedderAnswers,
        queue: {
          type: 'aws-sqs-queue',
          queueUrl:
            'https://sqs.us-east-1.amazonaws.com/123456789012/embed-jobs',
        },
      }),
    );
    expect(sqs[2].objects[0].spec).toEqual({
      podIdentity: { provider: 'aws' },
    });
    expect((sqs[2].objects[1] as any).spec.triggers[0]).toMatchObject({
      type: 'aws-sqs-queue',
      authenticationRef: { name: 'batch-embedder-aws' },
      metadata: { queueLength: '20', awsRegion: 'us-east-1' },
    });
  });

  it('renders the bursty MIG service scaling to zero', () => {
    const files = renderServiceFiles(createPlan(summarizerAnswers));
    const spec = podSpec(files);
    const triton = spec.containers[0];
    expect(triton.resources.requests['nvidia.com/mig-1g.18gb']).toBe('1');
    expect(triton.resources.requests['nvidia.com/gpu']).toBeUndefined();
    expect(spec.nodeSelector).toEqual({ 'nvidia.com/mig.strategy': 'mixed' });
    // The startup probe waits as long as the cold-start budget (60 s).
    expect(
      triton.startupProbe.failureThreshold * triton.startupProbe.periodSeconds,
    ).toBe(60);
    const so = byKind(files, 'ScaledObject');
    expect(so.spec.minReplicaCount).toBe(0);
    expect(so.spec.triggers[0].metadata.activationThreshold).toBe('1');
    expect(byKind(files, 'Deployment').metadata.annotations).toMatchObject({
      'model-scaling.io/pattern': 'bursty',
      'model-scaling.io/triton-models': 'summarizer-encoder',
      'model-scaling.io/cold-start-budget-seconds': '60',
    });
    expect(files.map(f => f.path)).toContain(
      'model_repository/summarizer-encoder/config.pbtxt',
    );
  });
});
