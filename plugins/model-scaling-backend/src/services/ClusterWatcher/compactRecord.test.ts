import { toSlimObject } from '@internal/plugin-model-scaling-common';
import fc from 'fast-check';
import { createRecordCompactor } from './compactRecord';

function rawPod(name: string, rs: string, readyAt: string) {
  return {
    metadata: {
      name,
      namespace: 'models',
      uid: `uid-${name}`,
      resourceVersion: '12',
      creationTimestamp: '2026-12-01T10:00:00Z',
      labels: { app: 'bert', 'pod-template-hash': rs },
      ownerReferences: [{ kind: 'ReplicaSet', name: `bert-${rs}` }],
    },
    spec: {
      nodeName: 'gpu-1',
      containers: [
        {
          name: 'triton',
          image: 'nvcr.io/nvidia/tritonserver:24.08-py3',
          ports: [{ containerPort: 8002 }],
          resources: { requests: { cpu: '2', 'nvidia.com/gpu': '1' } },
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: '10.0.0.1',
      conditions: [
        { type: 'Ready', status: 'True', lastTransitionTime: readyAt },
        {
          type: 'PodScheduled',
          status: 'True',
          lastTransitionTime: '2026-12-01T10:00:00Z',
        },
      ],
    },
  };
}

describe('createRecordCompactor', () => {
  it('keeps the value of a record', () => {
    const compact = createRecordCompactor();
    const raw = rawPod('bert-a-1', 'a', '2026-12-01T10:01:00Z');
    const expected = toSlimObject('Pod', structuredClone(raw), 'c1');
    expect(compact(toSlimObject('Pod', raw, 'c1')!)).toEqual(expected);
  });

  it('shares equal pod specs, labels and conditions between records, and freezes them', () => {
    const compact = createRecordCompactor();
    const a = compact(
      toSlimObject(
        'Pod',
        rawPod('bert-a-1', 'a', '2026-12-01T10:01:00Z'),
        'c',
      )!,
    );
    const b = compact(
      toSlimObject(
        'Pod',
        rawPod('bert-a-2', 'a', '2026-12-01T10:01:00Z'),
        'c',
      )!,
    );
    const c = compact(
      toSlimObject(
        'Pod',
        rawPod('bert-b-1', 'b', '2026-12-01T10:02:00Z'),
        'c',
      )!,
    );
    if (a.kind !== 'Pod' || b.kind !== 'Pod' || c.kind !== 'Pod')
      throw new Error();
    expect(b.spec).toBe(a.spec);
    expect(b.meta.labels).toBe(a.meta.labels);
    expect(c.meta.labels).not.toBe(a.meta.labels);
    expect(c.meta.labels).toEqual({ app: 'bert', 'pod-template-hash': 'b' });
    expect(b.conditions[0]).toBe(a.conditions[0]);
    expect(c.conditions[0]).not.toBe(a.conditions[0]);
    expect(c.conditions[1]).toBe(a.conditions[1]);
    expect(Object.isFrozen(a.spec.containers[0].requests)).toBe(true);
    expect(() => {
      (a.meta.labels as Record<string, string>).app = 'changed';
    }).toThrow(TypeError);
    // The record itself stays a record of its own.
    expect(a).not.toBe(b);
    expect(a.meta).not.toBe(b.meta);
  });

  it("interns an autoscaler manifest's strings but shares none of its objects", () => {
    const compact = createRecordCompactor();
    const hpa = (name: string) =>
      toSlimObject(
        'HorizontalPodAutoscaler',
        {
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name, namespace: 'models', labels: { team: 'ml' } },
          spec: {
            scaleTargetRef: { kind: 'Deployment', name: 'bert' },
            minReplicas: 1,
            maxReplicas: 4,
          },
          status: { currentReplicas: 1, desiredReplicas: 1 },
        },
        'c1',
      ) as any;
    const [a, b] = [compact(hpa('a')), compact(hpa('b'))] as any[];
    expect(a.manifest.spec).toEqual(b.manifest.spec);
    expect(a.manifest.spec).not.toBe(b.manifest.spec);
    expect(a.manifest.metadata.labels).not.toBe(b.manifest.metadata.labels);
    expect(Object.isFrozen(a.manifest.spec)).toBe(false);
    // The record's own fields are shared as before.
    expect(a.meta.labels).toBe(b.meta.labels);
    expect(a.scaleTargetRef).toBe(b.scaleTargetRef);
  });

  it('never changes a value, whatever strings and shapes arrive (and with a tiny string table)', () => {
    const compact = createRecordCompactor({ maxStrings: 3 });
    const label = fc.constantFrom('a', 'b', 'c', 'model', 'x/y');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 8 }),
            rs: label,
            labels: fc.dictionary(label, label),
            readyAt: fc.constantFrom(
              '2026-12-01T10:01:00Z',
              '2026-12-01T10:02:00Z',
            ),
            phase: fc.constantFrom('Running', 'Pending'),
          }),
          { maxLength: 20 },
        ),
        pods => {
          const records = pods.map(p => {
            const raw = rawPod(p.name, p.rs, p.readyAt);
            raw.metadata.labels = { ...raw.metadata.labels, ...p.labels };
            raw.status.phase = p.phase;
            return {
              expected: toSlimObject('Pod', structuredClone(raw), 'c'),
              actual: compact(toSlimObject('Pod', raw, 'c')!),
            };
          });
          for (const r of records) expect(r.actual).toEqual(r.expected);
        },
      ),
    );
  });
});
