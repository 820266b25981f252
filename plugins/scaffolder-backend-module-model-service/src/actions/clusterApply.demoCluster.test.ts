import { createMockDirectory } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { FIELD_MANAGER } from '../services/ManifestApplier';
import { createClusterApplyAction } from './clusterApply';

const NAME = 'apply-test';

const manifests = {
  'k8s/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: ${NAME}
  labels:
    backstage.io/kubernetes-id: ${NAME}
spec:
  selector:
    app.kubernetes.io/name: ${NAME}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`,
  'k8s/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${NAME}
  labels:
    backstage.io/kubernetes-id: ${NAME}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ${NAME}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${NAME}
        backstage.io/kubernetes-id: ${NAME}
    spec:
      containers:
        - name: server
          image: ${NAME}:0.1.0
          ports:
            - containerPort: 8080
          resources:
            requests: { cpu: 500m, memory: 1Gi }
`,
  'k8s/autoscaling.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${NAME}
  labels:
    backstage.io/kubernetes-id: ${NAME}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${NAME} }
  minReplicas: 2
  maxReplicas: 20
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
  behavior:
    scaleDown: { stabilizationWindowSeconds: 60 }
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: ${NAME}-keda
  labels:
    backstage.io/kubernetes-id: ${NAME}
spec:
  scaleTargetRef: { name: ${NAME}-other }
  minReplicaCount: 0
  maxReplicaCount: 4
  triggers:
    - type: prometheus
      metadata:
        serverAddress: http://prometheus-operated.monitoring.svc:9090
        query: sum(rate(http_requests_total[1m]))
        threshold: "100"
        activationThreshold: "1"
`,
};

describe('model-service:cluster:apply against the demo cluster', () => {
  const workspace = createMockDirectory();
  let cluster: DemoCluster;
  let api: KubernetesObjectApi;

  beforeAll(async () => {
    cluster = await startDemoCluster({ port: 0, clock: 'manual' });
    const kc = new KubeConfig();
    kc.loadFromClusterAndUser(
      { name: 'demo', server: cluster.url, skipTLSVerify: true },
      { name: 'demo', token: cluster.token },
    );
    api = KubernetesObjectApi.makeApiClient(kc);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  beforeEach(() => workspace.setContent(manifests));

  function action() {
    return createClusterApplyAction({
      targets: [
        {
          cluster: 'demo',
          namespaces: ['ml-serving'],
          connection: {
            name: 'demo',
            url: cluster.url,
            auth: { type: 'serviceAccount', token: cluster.token },
            skipTLSVerify: true,
          },
        },
      ],
    });
  }

  async function apply(input: Record<string, unknown>) {
    const ctx = createMockActionContext({
      input: { cluster: 'demo', namespace: 'ml-serving', ...input } as any,
      workspacePath: workspace.path,
    });
    await action().handler(ctx as any);
    return ctx.outputs.applied as { kind: string; result: string }[];
  }

  async function read(
    apiVersion: string,
    kind: string,
    name: string,
  ): Promise<KubernetesObject | undefined> {
    try {
      return await api.read({
        apiVersion,
        kind,
        metadata: { name, namespace: 'ml-serving' },
      });
    } catch (error: any) {
      if (error?.code === 404) {
        return undefined;
      }
      throw error;
    }
  }

  it('dry run, then a real apply, then an idempotent re-apply, then a change', async () => {
    // server-side dry run: everything would be created, nothing is stored
    const dry = await apply({ dryRun: true });
    expect(dry.map(a => `${a.kind} ${a.result}`)).toEqual([
      'Service validated',
      'Deployment validated',
      'HorizontalPodAutoscaler validated',
      'ScaledObject validated',
    ]);
    expect(await read('apps/v1', 'Deployment', NAME)).toBeUndefined();
    expect(
      await read('keda.sh/v1alpha1', 'ScaledObject', `${NAME}-keda`),
    ).toBeUndefined();

    // real apply
    const created = await apply({});
    expect(created.map(a => a.result)).toEqual([
      'created',
      'created',
      'created',
      'created',
    ]);
    const deployment = await read('apps/v1', 'Deployment', NAME);
    expect(deployment?.metadata?.namespace).toBe('ml-serving');
    expect(
      deployment?.metadata?.managedFields?.map(f => [f.manager, f.operation]),
    ).toContainEqual([FIELD_MANAGER, 'Apply']);
    const versions = await Promise.all([
      read('v1', 'Service', NAME),
      read('apps/v1', 'Deployment', NAME),
      read('autoscaling/v2', 'HorizontalPodAutoscaler', NAME),
      read('keda.sh/v1alpha1', 'ScaledObject', `${NAME}-keda`),
    ]).then(objects => objects.map(o => o?.metadata?.resourceVersion));

    // applying the same manifests again changes nothing
    const again = await apply({});
    expect(again.map(a => a.result)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const versionsAfter = await Promise.all([
      read('v1', 'Service', NAME),
      read('apps/v1', 'Deployment', NAME),
      read('autoscaling/v2', 'HorizontalPodAutoscaler', NAME),
      read('keda.sh/v1alpha1', 'ScaledObject', `${NAME}-keda`),
    ]).then(objects => objects.map(o => o?.metadata?.resourceVersion));
    expect(versionsAfter).toEqual(versions);

    // a dry run of a change validates it and stores nothing
    workspace.addContent({
      'k8s/autoscaling.yaml': manifests['k8s/autoscaling.yaml'].replace(
        'maxReplicas: 20',
        'maxReplicas: 30',
      ),
    });
    const dryChange = await apply({ dryRun: true });
    expect(
      dryChange.find(a => a.kind === 'HorizontalPodAutoscaler')?.result,
    ).toBe('validated');
    const hpa = (await read(
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      NAME,
    )) as any;
    expect(hpa.spec.maxReplicas).toBe(20);

    // the real change
    const changed = await apply({});
    expect(changed.map(a => `${a.kind} ${a.result}`)).toEqual([
      'Service unchanged',
      'Deployment unchanged',
      'HorizontalPodAutoscaler configured',
      'ScaledObject unchanged',
    ]);
    const hpaAfter = (await read(
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      NAME,
    )) as any;
    expect(hpaAfter.spec.maxReplicas).toBe(30);
  }, 60_000);

  it('refuses a target that is not allowed without calling the cluster', async () => {
    cluster.resetCounts();
    await expect(apply({ namespace: 'ml-batch' })).rejects.toThrow(
      NotAllowedError,
    );
    await expect(apply({ namespace: 'ml-batch' })).rejects.toThrow(
      'applying to cluster "demo", namespace "ml-batch" is not allowed',
    );
    expect(cluster.totalRequests()).toBe(0);
  });

  it("reports the API server's reason when it rejects an object", async () => {
    workspace.setContent({
      'k8s/bad.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: Bad_Name
spec: {}
`,
    });
    await expect(apply({})).rejects.toThrow(
      /Applying Deployment\/Bad_Name to demo\/ml-serving failed: HTTP 4\d\d/,
    );
  });
});
