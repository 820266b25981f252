import { readManifests } from './readManifests';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: text-classifier
  namespace: ml-serving
  labels:
    backstage.io/kubernetes-id: text-classifier
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: text-classifier
  template:
    metadata:
      labels:
        app.kubernetes.io/name: text-classifier
    spec:
      containers:
        - name: server
          image: ghcr.io/acme-ml/text-classifier:1.8.2
          resources:
            requests: { cpu: 500m, memory: 1Gi }
`;

const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: text-classifier
  namespace: ml-serving
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: text-classifier }
  minReplicas: 2
  maxReplicas: 20
`;

describe('readManifests', () => {
  it('reads multi-document YAML into raw objects and slim records', () => {
    const result = readManifests([
      {
        path: 'k8s/all.yaml',
        content: `# comment\n${DEPLOYMENT}---\n${HPA}---\n`,
      },
      { path: 'README.md', content: '# not a manifest' },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.objects.map(o => [o.kind, o.name, o.line])).toEqual([
      ['Deployment', 'text-classifier', 2],
      ['HorizontalPodAutoscaler', 'text-classifier', 24],
    ]);
    expect(result.slim.map(s => s.kind)).toEqual([
      'Deployment',
      'HorizontalPodAutoscaler',
    ]);
    expect(result.slim[0].meta).toMatchObject({
      cluster: 'manifests',
      namespace: 'ml-serving',
    });
  });

  it('reads List objects and Triton configs', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - ${HPA.split('\n')
      .join('\n    ')
      .trimEnd()}\n`;
    const result = readManifests([
      { path: 'k8s/list.yml', content: list },
      {
        path: 'model_repository/resnet50/config.pbtxt',
        content:
          'backend: "onnxruntime"\nmax_batch_size: 32\ndynamic_batching { }\n',
      },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.slim.map(s => s.kind)).toEqual(['HorizontalPodAutoscaler']);
    expect(result.tritonConfigs).toEqual([
      {
        model: 'resnet50',
        path: 'model_repository/resnet50/config.pbtxt',
        config: {
          backend: 'onnxruntime',
          maxBatchSize: 32,
          dynamicBatching: {
            preferredBatchSize: [],
            maxQueueDelayMicroseconds: 0,
          },
          instanceGroups: [],
        },
      },
    ]);
  });

  it('reports broken YAML, broken config.pbtxt and invalid objects with file and line', () => {
    const result = readManifests([
      {
        path: 'k8s/bad.yaml',
        content: `${HPA}---\nkind: Service\nmetadata: [\n`,
      },
      { path: 'k8s/no-kind.yaml', content: 'metadata:\n  name: x\n' },
      {
        path: 'k8s/bad-hpa.yaml',
        content: HPA.replace('maxReplicas: 20', 'maxReplicas: twenty'),
      },
      { path: 'model_repository/m/config.pbtxt', content: 'max_batch_size 8' },
    ]);
    expect(result.objects.map(o => o.path)).toEqual([
      'k8s/bad.yaml',
      'k8s/bad-hpa.yaml',
    ]);
    const byId = result.findings.map(f => [f.id, f.severity, f.subject]);
    expect(byId).toEqual([
      ['manifest-parse-error', 'error', 'k8s/bad.yaml'],
      ['manifest-invalid-object', 'error', 'x'],
      [
        'manifest-invalid-object',
        'error',
        'HorizontalPodAutoscaler/text-classifier',
      ],
      ['manifest-parse-error', 'error', 'model_repository/m/config.pbtxt'],
    ]);
    expect(result.findings[0].evidence).toMatch(/^line 1[0-9], column \d+: /);
    expect(result.findings[2].evidence).toContain('maxReplicas');
    expect(result.findings[3].evidence).toContain(
      'model_repository/m/config.pbtxt line 1, column 16',
    );
  });
});
