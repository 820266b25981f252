import { SlimObject } from '@internal/plugin-model-scaling-common';
import { ClusterStore, KindStore, objectKey } from './ObjectStore';

const meta = (
  namespace: string | undefined,
  name: string,
  labels: Record<string, string> = {},
) => ({
  cluster: 'c',
  namespace,
  name,
  labels,
  annotations: {},
});
const pod = (ns: string, name: string, rs?: string) =>
  ({
    kind: 'Pod',
    meta: meta(ns, name),
    ownerReplicaSet: rs,
  } as unknown as SlimObject);
const deployment = (ns: string, name: string, labels: Record<string, string>) =>
  ({
    kind: 'Deployment',
    meta: meta(ns, name, labels),
  } as unknown as SlimObject);

describe('KindStore', () => {
  it('keys namespaced and cluster-scoped objects', () => {
    expect(objectKey({ meta: { namespace: 'ml', name: 'a' } })).toBe('ml/a');
    expect(objectKey({ meta: { name: 'node-1' } })).toBe('node-1');
  });

  it('indexes pods by owner and keeps the index right through updates and deletes', () => {
    const store = new KindStore('Pod');
    store.upsert(pod('ml', 'a', 'rs1'));
    store.upsert(pod('ml', 'b', 'rs1'));
    store.upsert(pod('other', 'c', 'rs1'));
    expect(
      store
        .byIndex('ml/rs1')
        .map(p => p.meta.name)
        .sort(),
    ).toEqual(['a', 'b']);
    store.upsert(pod('ml', 'b', 'rs2')); // moved to another owner
    expect(store.byIndex('ml/rs1').map(p => p.meta.name)).toEqual(['a']);
    expect(store.byIndex('ml/rs2').map(p => p.meta.name)).toEqual(['b']);
    store.delete('ml/a');
    expect(store.byIndex('ml/rs1')).toEqual([]);
    expect(store.size).toBe(2);
  });

  it('finds deployments by label through the label index', () => {
    const store = new KindStore('Deployment');
    store.upsert(
      deployment('ml', 'a', { 'backstage.io/kubernetes-id': 'a', tier: 'gpu' }),
    );
    store.upsert(deployment('ml', 'b', { 'backstage.io/kubernetes-id': 'b' }));
    expect(
      store.byLabel('backstage.io/kubernetes-id', 'a')!.map(d => d.meta.name),
    ).toEqual(['a']);
    store.upsert(
      deployment('ml', 'a', { 'backstage.io/kubernetes-id': 'renamed' }),
    );
    expect(store.byLabel('backstage.io/kubernetes-id', 'a')).toEqual([]);
    expect(store.byLabel('tier', 'gpu')).toEqual([]);
    expect(store.byLabel('backstage.io/kubernetes-id', 'renamed')).toHaveLength(
      1,
    );
    expect(new KindStore('Pod').byLabel('x', 'y')).toBeUndefined();
  });

  it('replaces one namespace on relist and leaves the others', () => {
    const store = new KindStore('Pod');
    store.upsert(pod('ml', 'a', 'rs'));
    store.upsert(pod('ml', 'gone', 'rs'));
    store.upsert(pod('batch', 'b', 'rs'));
    store.replaceScope('ml', [pod('ml', 'a', 'rs'), pod('ml', 'new', 'rs')]);
    expect([...store.values()].map(p => objectKey(p)).sort()).toEqual([
      'batch/b',
      'ml/a',
      'ml/new',
    ]);
    expect(store.byIndex('ml/rs')).toHaveLength(2);
    expect(store.countScope('ml')).toBe(2);
    store.replaceScope(undefined, []);
    expect(store.size).toBe(0);
    expect(store.byIndex('batch/rs')).toEqual([]);
  });
});

describe('ClusterStore', () => {
  it('keeps one store per kind and counts all records', () => {
    const store = new ClusterStore();
    store.kind('Pod').upsert(pod('ml', 'a') as any);
    store.kind('Deployment').upsert(deployment('ml', 'd', {}) as any);
    expect(store.kind('Pod')).toBe(store.kind('Pod'));
    expect(store.size).toBe(2);
  });
});
