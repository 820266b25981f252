import { KubeObject } from './ObjectStore';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { serverSideApply } from './serverSideApply';

const now = new Date('2026-01-01T10:00:00Z');
const deployment = (
  extra: Record<string, string>,
  containers: object[],
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'ns', labels: extra },
  spec: { template: { spec: { containers } } },
});

describe('serverSideApply', () => {
  it('creates, re-applies idempotently and removes fields the manager dropped', () => {
    const first = serverSideApply(
      undefined,
      deployment({ a: '1', b: '2' }, [
        { name: 'c', image: 'i:1', args: ['x'] },
      ]),
      { manager: 'scaffolder', apiVersion: 'apps/v1', now },
    );
    expect(first.metadata.labels).toEqual({ a: '1', b: '2' });
    expect((first.metadata.managedFields as any[])[0]).toMatchObject({
      manager: 'scaffolder',
      operation: 'Apply',
      fieldsType: 'FieldsV1',
    });
    const fields = (first.metadata.managedFields as any[])[0].fieldsV1;
    expect(
      fields['f:spec']['f:template']['f:spec']['f:containers'][
        'k:{"name":"c"}'
      ],
    ).toHaveProperty('f:image');

    const again = serverSideApply(
      first,
      deployment({ a: '1', b: '2' }, [
        { name: 'c', image: 'i:1', args: ['x'] },
      ]),
      { manager: 'scaffolder', apiVersion: 'apps/v1', now },
    );
    expect(again.spec).toEqual(first.spec);
    expect(again.metadata.labels).toEqual(first.metadata.labels);

    const shrunk = serverSideApply(
      first,
      deployment({ a: '1' }, [{ name: 'c', image: 'i:2' }]),
      {
        manager: 'scaffolder',
        apiVersion: 'apps/v1',
        now,
      },
    );
    expect(shrunk.metadata.labels).toEqual({ a: '1' });
    expect((shrunk as any).spec.template.spec.containers).toEqual([
      { name: 'c', image: 'i:2' },
    ]);
  });

  it('keeps fields another manager set', () => {
    const first = serverSideApply(
      undefined,
      deployment({ a: '1' }, [{ name: 'c', image: 'i' }]),
      {
        manager: 'one',
        apiVersion: 'apps/v1',
        now,
      },
    );
    const withOther = serverSideApply(
      first,
      deployment({ b: '2' }, [{ name: 'sidecar', image: 's' }]),
      {
        manager: 'two',
        apiVersion: 'apps/v1',
        now,
      },
    );
    expect(withOther.metadata.labels).toEqual({ a: '1', b: '2' });
    expect(
      (withOther as any).spec.template.spec.containers.map((c: any) => c.name),
    ).toEqual(['c', 'sidecar']);
    const oneDropsA = serverSideApply(
      withOther,
      deployment({}, [{ name: 'c', image: 'i' }]),
      {
        manager: 'one',
        apiVersion: 'apps/v1',
        now,
      },
    );
    expect(oneDropsA.metadata.labels).toEqual({ b: '2' });
    expect(oneDropsA.metadata.managedFields).toHaveLength(2);
  });
});

describe('patches', () => {
  it('merge patch removes nulls and replaces lists', () => {
    expect(
      mergePatch(
        { a: 1, b: { c: 2, d: 3 }, l: [1, 2] },
        { b: { c: null }, l: [3] },
      ),
    ).toEqual({
      a: 1,
      b: { d: 3 },
      l: [3],
    });
  });

  it('strategic merge merges named lists item by item', () => {
    const target = {
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '2' },
      ],
    };
    expect(
      strategicMergePatch(target, { containers: [{ name: 'b', image: '3' }] }),
    ).toEqual({
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '3' },
      ],
    });
  });

  it('json patch applies operations in order and fails a test op', () => {
    const doc = { spec: { replicas: 2, list: [1] } };
    expect(
      jsonPatch(doc, [
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'add', path: '/spec/list/-', value: 2 },
        { op: 'add', path: '/metadata', value: { name: 'x' } },
      ]),
    ).toEqual({ spec: { replicas: 5, list: [1, 2] }, metadata: { name: 'x' } });
    expect(() =>
      jsonPatch(doc, [{ op: 'test', path: '/spec/replicas', value: 3 }]),
    ).toThrow(/testing value/);
    expect(() => jsonPatch(doc, [{ op: 'remove', path: '/nope' }])).toThrow(
      /missing/,
    );
  });
});
