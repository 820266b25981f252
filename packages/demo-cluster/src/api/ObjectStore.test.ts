import fc from 'fast-check';
import { ObjectStore, StoredChange } from './ObjectStore';
import { findResourceType } from './resources';

const pods = findResourceType('', 'v1', 'pods')!;
const nodes = findResourceType('', 'v1', 'nodes')!;
const pod = (name: string, labels: Record<string, string> = {}) => ({
  metadata: { name, namespace: 'ml-serving', labels },
  spec: { containers: [{ name: 'c', image: 'i' }] },
});

describe('ObjectStore', () => {
  it('hands out increasing resourceVersions and records changes', () => {
    const store = new ObjectStore({ initialResourceVersion: 10 });
    const seen: StoredChange[] = [];
    store.subscribe(c => seen.push(c));
    const a = store.create(pods, pod('a'));
    expect(a.metadata.resourceVersion).toBe('11');
    expect(a.kind).toBe('Pod');
    expect(a.apiVersion).toBe('v1');
    expect(a.metadata.uid).toBeDefined();
    const b = store.mutate(pods, 'ml-serving', 'a', d => {
      d.metadata.labels = { x: '1' };
    });
    expect(b.metadata.resourceVersion).toBe('12');
    expect(b.metadata.uid).toBe(a.metadata.uid);
    store.delete(pods, 'ml-serving', 'a');
    expect(seen.map(c => [c.type, c.resourceVersion])).toEqual([
      ['ADDED', 11],
      ['MODIFIED', 12],
      ['DELETED', 13],
    ]);
    expect(seen[1].previous?.metadata.labels).toEqual({});
    expect(store.changesSince(11)!.map(c => c.type)).toEqual([
      'MODIFIED',
      'DELETED',
    ]);
    expect(store.changesSince(13)).toEqual([]);
  });

  it('does not use a resourceVersion for a write that changes nothing', () => {
    const store = new ObjectStore();
    const a = store.create(pods, pod('a', { k: 'v' }));
    const again = store.update(pods, structuredClone(a));
    expect(again.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(store.currentResourceVersion()).toBe(
      Number(a.metadata.resourceVersion),
    );
  });

  it('bumps generation on spec changes only', () => {
    const store = new ObjectStore();
    store.create(pods, pod('a'));
    const labelled = store.mutate(pods, 'ml-serving', 'a', d => {
      d.metadata.labels = { k: 'v' };
    });
    expect(labelled.metadata.generation).toBe(1);
    const respecced = store.mutate(pods, 'ml-serving', 'a', d => {
      (d as any).spec.containers = [{ name: 'c', image: 'j' }];
    });
    expect(respecced.metadata.generation).toBe(2);
  });

  it('rejects duplicates and stale writes', () => {
    const store = new ObjectStore();
    const a = store.create(pods, pod('a'));
    expect(() => store.create(pods, pod('a'))).toThrow(
      'pods "a" already exists',
    );
    store.mutate(pods, 'ml-serving', 'a', d => {
      d.metadata.labels = { k: 'v' };
    });
    expect(() =>
      store.update(
        pods,
        { ...a, metadata: { ...a.metadata, labels: { k: 'w' } } },
        {
          expectedResourceVersion: a.metadata.resourceVersion,
        },
      ),
    ).toThrow(/has been modified/);
  });

  it('keeps cluster-scoped objects without a namespace', () => {
    const store = new ObjectStore();
    store.create(nodes, { metadata: { name: 'n1', namespace: 'x' } } as any);
    expect(
      store.get(nodes, undefined, 'n1')?.metadata.namespace,
    ).toBeUndefined();
    expect(store.list(nodes)).toHaveLength(1);
  });

  it('reports expired resourceVersions after the log is trimmed', () => {
    const store = new ObjectStore({
      changeLogLimit: 3,
      initialResourceVersion: 0,
    });
    const names = 'abcdefghijklmnopqrstu'.split('');
    for (const name of names) store.create(pods, pod(name));
    // rv 1..21; the log keeps at least the newest 3 changes
    expect(store.changesSince(1)).toBeUndefined();
    expect(store.changesSince(18)!.map(c => c.object.metadata.name)).toEqual([
      's',
      't',
      'u',
    ]);
    store.compact(1);
    expect(store.changesSince(19)).toBeUndefined();
    expect(store.changesSince(20)!.map(c => c.object.metadata.name)).toEqual([
      'u',
    ]);
    store.compact();
    expect(store.changesSince(20)).toBeUndefined();
    expect(store.changesSince(21)).toEqual([]);
  });

  it('does not let a mutation change the stored object it started from', () => {
    const store = new ObjectStore();
    const a = store.create(pods, pod('a', { k: 'v' }));
    store.mutate(pods, 'ml-serving', 'a', d => {
      d.metadata.labels = { k: 'w' };
      (d as any).spec.nodeName = 'n1';
    });
    expect(a.metadata.labels).toEqual({ k: 'v' });
    expect((a as any).spec.nodeName).toBeUndefined();
  });

  it('does not store dry-run writes', () => {
    const store = new ObjectStore();
    const rv = store.currentResourceVersion();
    store.create(pods, pod('a'), { dryRun: true });
    expect(store.get(pods, 'ml-serving', 'a')).toBeUndefined();
    expect(store.currentResourceVersion()).toBe(rv);
  });

  it('lists in key order after any sequence of writes, and never changes an array it handed out', () => {
    const op = fc.oneof(
      fc.record({
        op: fc.constant('create'),
        name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      }),
      fc.record({
        op: fc.constant('update'),
        name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      }),
      fc.record({
        op: fc.constant('delete'),
        name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      }),
      fc.record({ op: fc.constant('list'), name: fc.constant('') }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), ops => {
        const store = new ObjectStore();
        const expected = new Map<string, string>();
        const handedOut: { items: readonly unknown[]; copy: unknown[] }[] = [];
        let n = 0;
        for (const o of ops) {
          const exists = expected.has(o.name);
          if (o.op === 'create' && !exists) {
            store.create(pods, pod(o.name));
            expected.set(o.name, '');
          } else if (o.op === 'update' && exists) {
            const v = String(++n);
            store.mutate(pods, 'ml-serving', o.name, d => {
              d.metadata.labels = { v };
            });
            expected.set(o.name, v);
          } else if (o.op === 'delete' && exists) {
            store.delete(pods, 'ml-serving', o.name);
            expected.delete(o.name);
          } else if (o.op === 'list') {
            const items = store.list(pods);
            handedOut.push({ items, copy: [...items] });
          }
          const listed = store.list(pods);
          expect(
            listed.map(p => [p.metadata.name, p.metadata.labels?.v ?? '']),
          ).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
        }
        for (const h of handedOut) expect([...h.items]).toEqual(h.copy);
      }),
    );
  });
});
