import {
  AppsV1Api,
  CoreV1Api,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
  Watch,
  makeInformer,
} from '@kubernetes/client-node';
import { DemoCluster, startDemoCluster } from '../startDemoCluster';
import { kubeConfigFor, waitFor } from '../__testUtils__/kube';

// Starting a cluster runs minutes of simulation; a busy machine needs more than 5 s.
jest.setTimeout(60_000);

const START = Date.parse('2026-03-02T10:00:00Z');

const newDeployment = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name,
    namespace: 'ml-serving',
    labels: { 'app.kubernetes.io/name': name },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { 'app.kubernetes.io/name': name } },
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': name, ...extra } },
      spec: {
        containers: [
          {
            name: 'server',
            image: 'example/model:1',
            resources: { requests: { cpu: '100m' } },
          },
        ],
      },
    },
  },
});

describe('demo cluster API with @kubernetes/client-node', () => {
  let cluster: DemoCluster;

  beforeAll(async () => {
    cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 120,
      bookmarkIntervalMs: 100,
    });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('answers discovery and /version', async () => {
    const kc = kubeConfigFor(cluster);
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.major).toBe('1');
    const core = await kc.makeApiClient(CoreV1Api).getAPIResources();
    expect(core.resources.map(r => r.name)).toEqual(
      expect.arrayContaining(['pods', 'pods/proxy', 'nodes', 'events']),
    );
    const response = await fetch(`${cluster.url}/apis`, {
      headers: { Authorization: `Bearer ${cluster.token}` },
    });
    const groups = (await response.json()).groups.map((g: any) => g.name);
    expect(groups).toEqual(
      expect.arrayContaining([
        'apps',
        'autoscaling',
        'keda.sh',
        'metrics.k8s.io',
      ]),
    );
  });

  it('rejects a wrong token with 401 and answers 403 under the forbid fault', async () => {
    const wrong = kubeConfigFor(cluster, 'not-the-token').makeApiClient(
      CoreV1Api,
    );
    await expect(wrong.listNamespace()).rejects.toMatchObject({ code: 401 });
    cluster.setFault({ forbidAll: true });
    try {
      await expect(
        kubeConfigFor(cluster).makeApiClient(CoreV1Api).listNamespace(),
      ).rejects.toMatchObject({ code: 403 });
    } finally {
      cluster.setFault({});
    }
  });

  it('lists with label and field selectors, all namespaces and one namespace', async () => {
    const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
    const all = await core.listPodForAllNamespaces();
    expect(Number(all.metadata?.resourceVersion)).toBeGreaterThan(0);
    const text = await core.listNamespacedPod({
      namespace: 'ml-serving',
      labelSelector: 'app.kubernetes.io/name=text-classifier',
    });
    expect(text.items.length).toBeGreaterThanOrEqual(2);
    expect(
      text.items.every(
        p =>
          p.metadata?.labels?.['app.kubernetes.io/name'] === 'text-classifier',
      ),
    ).toBe(true);
    const gpu = await core.listPodForAllNamespaces({
      labelSelector:
        'app.kubernetes.io/name in (image-classifier,batch-embedder),backstage.io/kubernetes-id',
    });
    expect(
      new Set(
        gpu.items.map(p => p.metadata?.labels?.['app.kubernetes.io/name']),
      ),
    ).toEqual(new Set(['image-classifier', 'batch-embedder']));
    const onNode = await core.listPodForAllNamespaces({
      fieldSelector: 'spec.nodeName=gpu-h200-spot-1',
    });
    expect(
      onNode.items.every(p => p.spec?.nodeName === 'gpu-h200-spot-1'),
    ).toBe(true);
    expect(onNode.items.length).toBeGreaterThan(0);
    const nodes = await core.listNode({
      labelSelector: 'nvidia.com/gpu.sharing-strategy=time-slicing',
    });
    expect(nodes.items.map(n => n.metadata?.name)).toEqual(['gpu-h200-spot-1']);
    await expect(
      core.listPodForAllNamespaces({ fieldSelector: 'spec.bogus=1' }),
    ).rejects.toMatchObject({ code: 400 });
    const apps = kubeConfigFor(cluster).makeApiClient(AppsV1Api);
    const d = await apps.readNamespacedDeployment({
      namespace: 'ml-serving',
      name: 'image-classifier',
    });
    expect(
      d.spec?.template.spec?.containers[0].ports?.map(p => p.containerPort),
    ).toEqual([8000, 8001, 8002]);
    await expect(
      apps.readNamespacedDeployment({ namespace: 'ml-serving', name: 'nope' }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('watches from a resourceVersion with bookmarks', async () => {
    const kc = kubeConfigFor(cluster);
    const list = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();
    const from = Number(list.metadata!.resourceVersion);
    const events: { type: string; rv: number }[] = [];
    const watch = new Watch(kc);
    const controller = await watch.watch(
      '/api/v1/pods',
      { resourceVersion: String(from), allowWatchBookmarks: true },
      (type, obj) =>
        events.push({ type, rv: Number(obj.metadata?.resourceVersion) }),
      () => {},
    );
    cluster.advance(90);
    await waitFor(
      () =>
        events.some(e => e.type === 'BOOKMARK') &&
        events.some(e => e.type === 'MODIFIED'),
      5000,
      'events',
    );
    controller.abort();
    const changes = events.filter(e => e.type !== 'BOOKMARK');
    expect(changes.every(e => e.rv > from)).toBe(true);
    expect(changes.map(e => e.rv)).toEqual(
      [...changes.map(e => e.rv)].sort((a, b) => a - b),
    );
  });

  it('answers an expired resourceVersion with a 410 ERROR event, and the informer relists', async () => {
    const kc = kubeConfigFor(cluster);
    const before = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();
    cluster.advance(60);
    cluster.store.compact();
    const events: any[] = [];
    const watch = new Watch(kc);
    let done = false;
    await watch.watch(
      '/api/v1/pods',
      { resourceVersion: before.metadata!.resourceVersion },
      (type, obj) => events.push({ type, obj }),
      () => {
        done = true;
      },
    );
    await waitFor(() => done, 5000, 'watch end');
    expect(events).toEqual([
      {
        type: 'ERROR',
        obj: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
        }),
      },
    ]);

    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(
      kc,
      '/api/v1/namespaces/ml-serving/pods',
      () => core.listNamespacedPod({ namespace: 'ml-serving' }),
    );
    const errors: unknown[] = [];
    informer.on('error', e => errors.push(e));
    await informer.start();
    const names = () => new Set(informer.list().map(p => p.metadata!.name));
    const storeNames = () =>
      new Set(
        cluster.store
          .list(
            {
              group: '',
              version: 'v1',
              plural: 'pods',
              singular: 'pod',
              kind: 'Pod',
              namespaced: true,
            },
            'ml-serving',
          )
          .map(p => p.metadata.name),
      );
    expect(names()).toEqual(storeNames());
    // The cluster goes away; meanwhile the log is compacted, so the informer's resourceVersion expires.
    await cluster.stop();
    await waitFor(() => errors.length > 0, 5000, 'informer error');
    cluster.advance(120);
    cluster.store.compact();
    await cluster.start();
    await informer.start();
    cluster.advance(5);
    await waitFor(
      () =>
        JSON.stringify([...names()].sort()) ===
        JSON.stringify([...storeNames()].sort()),
      5000,
      'relist',
    );
    await informer.stop();
  });

  it('answers HTTP 410 in status mode', async () => {
    const other = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 30,
      expiredWatchMode: 'status',
    });
    try {
      const kc = kubeConfigFor(other);
      const list = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();
      other.advance(60);
      other.store.compact();
      const err = await new Promise<any>(resolve => {
        new Watch(kc).watch(
          '/api/v1/pods',
          { resourceVersion: list.metadata!.resourceVersion },
          () => {},
          resolve,
        );
      });
      expect(err.statusCode).toBe(410);
    } finally {
      await other.stop();
    }
  });

  it('creates, validates, patches and deletes', async () => {
    const apps = kubeConfigFor(cluster).makeApiClient(AppsV1Api);
    const created = await apps.createNamespacedDeployment({
      namespace: 'ml-serving',
      body: newDeployment('created-one') as any,
    });
    expect(created.metadata?.uid).toBeDefined();
    const bad = newDeployment('bad-one');
    bad.spec.template.metadata.labels = { 'app.kubernetes.io/name': 'other' };
    await expect(
      apps.createNamespacedDeployment({
        namespace: 'ml-serving',
        body: bad as any,
      }),
    ).rejects.toMatchObject({
      code: 422,
      body: expect.stringContaining(
        '`selector` does not match template `labels`',
      ),
    });
    await expect(
      apps.createNamespacedDeployment({
        namespace: 'no-such-ns',
        body: {
          ...newDeployment('x'),
          metadata: { name: 'x', namespace: 'no-such-ns' },
        } as any,
      }),
    ).rejects.toMatchObject({ code: 404 });
    const patched = await apps.patchNamespacedDeployment({
      namespace: 'ml-serving',
      name: 'created-one',
      body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
    });
    expect(patched.spec?.replicas).toBe(3);
    expect(patched.metadata?.generation).toBe(2);
    cluster.advance(3);
    const pods = await kubeConfigFor(cluster)
      .makeApiClient(CoreV1Api)
      .listNamespacedPod({
        namespace: 'ml-serving',
        labelSelector: 'app.kubernetes.io/name=created-one',
      });
    expect(pods.items).toHaveLength(3);
    await apps.deleteNamespacedDeployment({
      namespace: 'ml-serving',
      name: 'created-one',
    });
    cluster.advance(5);
    expect(
      cluster.store
        .list(
          {
            group: '',
            version: 'v1',
            plural: 'pods',
            singular: 'pod',
            kind: 'Pod',
            namespaced: true,
          },
          'ml-serving',
        )
        .filter(p => p.metadata.name.startsWith('created-one')),
    ).toHaveLength(0);
  });

  it('server-side applies idempotently, with dry run', async () => {
    const kc = kubeConfigFor(cluster);
    const api = KubernetesObjectApi.makeApiClient(kc);
    const object = newDeployment('applied-one');
    const dry = await api.patch(
      object as any,
      undefined,
      'All',
      'model-scaling',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(dry.metadata?.name).toBe('applied-one');
    await expect(
      api.read({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'applied-one', namespace: 'ml-serving' },
      }),
    ).rejects.toMatchObject({ code: 404 });
    const first = await api.patch(
      object as any,
      undefined,
      undefined,
      'model-scaling',
      true,
      PatchStrategy.ServerSideApply,
    );
    const again = await api.patch(
      object as any,
      undefined,
      undefined,
      'model-scaling',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(again.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );
    expect(again.metadata?.managedFields?.[0]).toMatchObject({
      manager: 'model-scaling',
      operation: 'Apply',
    });
    const changed = await api.patch(
      newDeployment('applied-one', { tier: 'gold' }) as any,
      undefined,
      undefined,
      'model-scaling',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(Number(changed.metadata?.resourceVersion)).toBeGreaterThan(
      Number(first.metadata?.resourceVersion),
    );
    expect((changed as any).spec.template.metadata.labels.tier).toBe('gold');
    const missingManager = await fetch(
      `${cluster.url}/apis/apps/v1/namespaces/ml-serving/deployments/applied-one`,
      {
        method: 'PATCH',
        headers: {
          Authorization: `Bearer ${cluster.token}`,
          'Content-Type': 'application/apply-patch+yaml',
        },
        body: JSON.stringify(object),
      },
    );
    expect(missingManager.status).toBe(400);
  });

  it('counts requests per path', async () => {
    cluster.resetCounts();
    const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
    await core.listNamespacedPod({ namespace: 'ml-batch' });
    await core.listNamespacedPod({ namespace: 'ml-batch' });
    expect(cluster.requestCounts['/api/v1/namespaces/ml-batch/pods']).toBe(2);
    expect(cluster.totalRequests()).toBe(2);
    expect(cluster.totalRequests('/apis/')).toBe(0);
  });
});

describe('paginated lists', () => {
  let cluster: DemoCluster;

  beforeAll(async () => {
    cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 300,
    });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('pages with limit/continue without losing or repeating objects, at the first page resourceVersion', async () => {
    const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
    const all = await core.listPodForAllNamespaces();
    const first = await core.listPodForAllNamespaces({ limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.metadata?.remainingItemCount).toBe(all.items.length - 10);
    const names = first.items.map(
      p => `${p.metadata?.namespace}/${p.metadata?.name}`,
    );
    // objects change between pages
    cluster.advance(30);
    let token = first.metadata?._continue;
    while (token) {
      const page = await core.listPodForAllNamespaces({
        limit: 10,
        _continue: token,
      });
      expect(page.metadata?.resourceVersion).toBe(
        first.metadata?.resourceVersion,
      );
      names.push(
        ...page.items.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`),
      );
      token = page.metadata?._continue;
    }
    expect(new Set(names).size).toBe(names.length);
    expect([...names]).toEqual([...names].sort());
  });
});

describe('API defaulting', () => {
  let cluster: DemoCluster;

  beforeAll(async () => {
    cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 0,
    });
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('defaults Deployments, HPAs and Services like the API server, and keeps a Service cluster IP', async () => {
    const kc = kubeConfigFor(cluster);
    const api = KubernetesObjectApi.makeApiClient(kc);
    const hpa = (await api.patch(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'defaults', namespace: 'ml-serving' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'defaults',
          },
          maxReplicas: 5,
          behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
        },
      } as any,
      undefined,
      undefined,
      'test',
      true,
      PatchStrategy.ServerSideApply,
    )) as any;
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ]);
    expect(hpa.spec.behavior.scaleDown).toEqual({
      stabilizationWindowSeconds: 60,
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
    expect(hpa.spec.behavior.scaleUp.policies).toHaveLength(2);

    const apps = kc.makeApiClient(AppsV1Api);
    const d = await apps.createNamespacedDeployment({
      namespace: 'ml-serving',
      body: newDeployment('defaults') as any,
    });
    expect(d.spec?.revisionHistoryLimit).toBe(10);
    expect(d.spec?.strategy?.rollingUpdate).toEqual({
      maxSurge: '25%',
      maxUnavailable: '25%',
    });

    const svc = await kc.makeApiClient(CoreV1Api).readNamespacedService({
      namespace: 'ml-serving',
      name: 'text-classifier',
    });
    expect(svc.spec?.clusterIP).toMatch(/^10\.96\./);
    expect(svc.spec?.ports?.[0]).toMatchObject({
      protocol: 'TCP',
      targetPort: 'http',
    });
    const patched = await kc.makeApiClient(CoreV1Api).patchNamespacedService({
      namespace: 'ml-serving',
      name: 'text-classifier',
      body: [{ op: 'add', path: '/metadata/labels/tier', value: 'gold' }],
    });
    expect(patched.spec?.clusterIP).toBe(svc.spec?.clusterIP);
  });
});
