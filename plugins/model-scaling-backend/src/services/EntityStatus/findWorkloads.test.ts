import { ClusterStore } from '../ClusterWatcher/ObjectStore';
import { findWorkloads } from './findWorkloads';
import { parseLabelSelector } from './labelSelector';

const meta = (
  namespace: string | undefined,
  name: string,
  labels: Record<string, string> = {},
) => ({
  cluster: 'demo',
  namespace,
  name,
  labels,
  annotations: {},
});

function fill(store: ClusterStore) {
  const put = (kind: any, o: any) => store.kind(kind).upsert({ kind, ...o });
  for (const ns of ['ml-serving', 'staging']) {
    put('Deployment', {
      meta: meta(ns, 'image-classifier', {
        'backstage.io/kubernetes-id': 'image-classifier',
      }),
      template: {
        labels: { app: 'image-classifier' },
        annotations: {},
        spec: {},
      },
    });
    put('ReplicaSet', {
      meta: meta(ns, 'image-classifier-abc'),
      ownerDeployment: 'image-classifier',
    });
    put('Pod', {
      meta: meta(ns, 'image-classifier-abc-1'),
      ownerReplicaSet: 'image-classifier-abc',
      nodeName: 'gpu-1',
    });
    put('Pod', {
      meta: meta(ns, 'image-classifier-abc-2'),
      ownerReplicaSet: 'image-classifier-abc',
      nodeName: 'gpu-2',
    });
    put('ScaledObject', {
      meta: meta(ns, 'image-classifier'),
      scaleTargetRef: { name: 'image-classifier' },
      status: { hpaName: 'keda-hpa-image-classifier' },
    });
    put('HorizontalPodAutoscaler', {
      meta: meta(ns, 'keda-hpa-image-classifier'),
      scaleTargetRef: { kind: 'Deployment', name: 'image-classifier' },
    });
    put('Service', {
      meta: meta(ns, 'image-classifier'),
      selector: { app: 'image-classifier' },
    });
    put('Service', { meta: meta(ns, 'other'), selector: { app: 'other' } });
  }
  put('Deployment', {
    meta: meta('ml-serving', 'text-classifier', {
      'backstage.io/kubernetes-id': 'text-classifier',
    }),
    template: { labels: {}, annotations: {}, spec: {} },
  });
  put('Pod', {
    meta: meta('ml-serving', 'stray'),
    ownerReplicaSet: 'unrelated',
  });
  put('Node', { meta: meta(undefined, 'gpu-1') });
  put('Node', { meta: meta(undefined, 'gpu-2') });
  put('Node', { meta: meta(undefined, 'cpu-1') });
  put('Event', {
    meta: meta('ml-serving', 'e1'),
    involvedObject: {
      kind: 'HorizontalPodAutoscaler',
      name: 'keda-hpa-image-classifier',
      namespace: 'ml-serving',
    },
    time: '2026-01-01T00:00:01Z',
  });
  put('Event', {
    meta: meta('ml-serving', 'e2'),
    involvedObject: {
      kind: 'HorizontalPodAutoscaler',
      name: 'keda-hpa-image-classifier',
      namespace: 'ml-serving',
    },
    time: '2026-01-01T00:00:09Z',
  });
}

describe('findWorkloads', () => {
  const store = new ClusterStore();
  fill(store);
  const selector = parseLabelSelector(
    'backstage.io/kubernetes-id=image-classifier',
  );

  it('finds the Deployment of the entity’s namespace only', () => {
    for (const namespace of ['ml-serving', 'staging']) {
      const found = findWorkloads('demo', store, {
        selector,
        namespace,
        tritonModels: [],
      });
      expect(found.map(w => w.deployment.meta.namespace)).toEqual([namespace]);
    }
    expect(
      findWorkloads('demo', store, {
        selector,
        namespace: 'elsewhere',
        tritonModels: [],
      }),
    ).toEqual([]);
  });

  it('gathers pods through ReplicaSets, nodes, autoscalers and events', () => {
    const [w] = findWorkloads('demo', store, {
      selector,
      namespace: 'ml-serving',
      tritonModels: [],
    });
    expect(w.cluster).toBe('demo');
    expect(w.pods.map(p => p.meta.name)).toEqual([
      'image-classifier-abc-1',
      'image-classifier-abc-2',
    ]);
    expect(w.nodes.map(n => n.meta.name).sort()).toEqual(['gpu-1', 'gpu-2']);
    expect(w.scaledObjects.map(s => s.meta.name)).toEqual(['image-classifier']);
    expect(w.hpas.map(h => h.meta.name)).toEqual(['keda-hpa-image-classifier']);
    expect(w.events.map(e => e.meta.name)).toEqual(['e2', 'e1']); // newest first
    // Services are not gathered: nothing reads them, and a namespace's
    // Services were scanned for each workload of every view.
    expect(w).not.toHaveProperty('services');
  });

  it('matches full selectors, also without an exact label to start from', () => {
    const found = findWorkloads('demo', store, {
      selector: parseLabelSelector(
        'backstage.io/kubernetes-id in (image-classifier, text-classifier)',
      ),
      namespace: 'ml-serving',
      tritonModels: [],
    });
    expect(found.map(w => w.deployment.meta.name)).toEqual([
      'image-classifier',
      'text-classifier',
    ]);
    expect(
      findWorkloads('demo', store, {
        selector: parseLabelSelector('backstage.io/kubernetes-id=nope'),
        namespace: 'ml-serving',
        tritonModels: [],
      }),
    ).toEqual([]);
  });
});
