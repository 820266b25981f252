import { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import { createEntityNamespaceBounds } from './entityNamespaceBounds';
import { entityTarget, memoizedEntityTarget } from './entityTarget';
import { matchesLabels } from './labelSelector';

const entity = (annotations: Record<string, string>, name = 'svc'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'model-service' },
});

/** Runs `f`, returning its value or the message of what it threw. */
function attempt<T>(f: () => T): { value?: T; error?: string } {
  try {
    return { value: f() };
  } catch (error) {
    return { error: String(error) };
  }
}

describe('entityTarget', () => {
  it('reads the example annotations', () => {
    const t = entityTarget(
      entity({
        'backstage.io/kubernetes-id': 'image-classifier',
        'backstage.io/kubernetes-namespace': 'ml-serving',
        'model-scaling.io/pattern': 'realtime-gpu',
        'model-scaling.io/triton-models': 'resnet50, extra ',
        'model-scaling.io/latency-slo-ms': '20',
      }),
    );
    expect(t).toMatchObject({
      namespace: 'ml-serving',
      pattern: 'realtime-gpu',
      latencySloMs: 20,
      tritonModels: ['resnet50', 'extra'],
    });
    expect(
      matchesLabels(t.selector, {
        'backstage.io/kubernetes-id': 'image-classifier',
      }),
    ).toBe(true);
  });

  it('falls back to the entity name like the Kubernetes plugin', () => {
    const t = entityTarget(
      entity({ 'backstage.io/kubernetes-namespace': 'ml' }, 'text-classifier'),
    );
    expect(t.selector.text).toBe('backstage.io/kubernetes-id=text-classifier');
    expect(t.namespace).toBe('ml');
    expect(t.tritonModels).toEqual([]);
  });

  it('prefers the label selector annotation', () => {
    const t = entityTarget(
      entity({
        'backstage.io/kubernetes-id': 'ignored',
        'backstage.io/kubernetes-label-selector': 'app=x,tier in (gpu)',
        'backstage.io/kubernetes-namespace': 'ml',
      }),
    );
    expect(matchesLabels(t.selector, { app: 'x', tier: 'gpu' })).toBe(true);
    expect(
      matchesLabels(t.selector, { 'backstage.io/kubernetes-id': 'ignored' }),
    ).toBe(false);
  });

  it('ignores unknown patterns and bad SLOs', () => {
    const t = entityTarget(
      entity({
        'model-scaling.io/pattern': 'yolo',
        'model-scaling.io/latency-slo-ms': 'fast',
        'backstage.io/kubernetes-namespace': 'ml',
      }),
    );
    expect(t.pattern).toBeUndefined();
    expect(t.latencySloMs).toBeUndefined();
  });

  it('names the annotation of an unreadable selector', () => {
    expect(() =>
      entityTarget(
        entity({ 'backstage.io/kubernetes-label-selector': 'a in (b' }),
      ),
    ).toThrow(
      /Annotation backstage.io\/kubernetes-label-selector of component:default\/svc: unbalanced/,
    );
  });

  describe('attack: an entity selects workloads that are not its own', () => {
    it('a selector without a namespace (`!some-label`) would match every Deployment of every namespace', () => {
      expect(() =>
        entityTarget(
          entity({ 'backstage.io/kubernetes-label-selector': '!some-label' }),
        ),
      ).toThrow(
        'Annotation backstage.io/kubernetes-namespace of component:default/svc: required — an entity reads workloads of one cluster namespace only',
      );
    });

    it.each(['!some-label', 'team', 'tier notin (x)', 'app in (a,b)', 'a!=b'])(
      'a selector with no key=value term (%s) would match other teams’ workloads in the namespace',
      selector => {
        expect(() =>
          entityTarget(
            entity({
              'backstage.io/kubernetes-label-selector': selector,
              'backstage.io/kubernetes-namespace': 'ml-serving',
            }),
          ),
        ).toThrow(
          `Annotation backstage.io/kubernetes-label-selector of component:default/svc: '${selector}' needs at least one key=value term`,
        );
      },
    );

    it('a namespace that is not a DNS label is refused', () => {
      expect(() =>
        entityTarget(entity({ 'backstage.io/kubernetes-namespace': 'ML/x' })),
      ).toThrow(
        /Annotation backstage.io\/kubernetes-namespace of component:default\/svc: 'ML\/x' is not a namespace name/,
      );
    });

    it('a namespace outside what modelScaling.entityNamespaces gives the entity is refused', () => {
      const bounds = createEntityNamespaceBounds([
        { owner: 'group:default/team-nlp', clusterNamespaces: ['nlp-*'] },
        { catalogNamespace: 'default', clusterNamespaces: ['shared'] },
      ]);
      const owned = (ns: string, owner = 'team-nlp') => ({
        ...entity({ 'backstage.io/kubernetes-namespace': ns }),
        spec: { type: 'model-service', owner },
      });
      expect(entityTarget(owned('nlp-prod'), bounds).namespace).toBe(
        'nlp-prod',
      );
      expect(entityTarget(owned('shared'), bounds).namespace).toBe('shared');
      expect(() => entityTarget(owned('kube-system'), bounds)).toThrow(
        "Annotation backstage.io/kubernetes-namespace of component:default/svc: 'kube-system' is not a namespace modelScaling.entityNamespaces allows this entity (nlp-*, shared)",
      );
      expect(() =>
        entityTarget(owned('nlp-prod', 'team-vision'), bounds),
      ).toThrow(
        "'nlp-prod' is not a namespace modelScaling.entityNamespaces allows this entity (shared)",
      );
    });
  });

  describe('properties', () => {
    const label = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
    const term = fc.oneof(
      fc.tuple(label, label).map(([k, v]) => `${k}=${v}`),
      fc.tuple(label, label).map(([k, v]) => `${k}!=${v}`),
      label.map(k => `!${k}`),
      label,
      fc
        .tuple(label, fc.array(label, { minLength: 1, maxLength: 3 }))
        .map(([k, vs]) => `${k} in (${vs.join(',')})`),
      fc
        .tuple(label, fc.array(label, { minLength: 1, maxLength: 3 }))
        .map(([k, vs]) => `${k} notin (${vs.join(',')})`),
    );
    const selector = fc
      .array(term, { minLength: 1, maxLength: 4 })
      .map(ts => ts.join(','));
    const labels = fc.dictionary(label, label, { maxKeys: 6 });

    it('an accepted target has a namespace, and every label set it matches carries one of its key=value terms', () => {
      fc.assert(
        fc.property(selector, label, labels, (text, ns, objectLabels) => {
          const outcome = attempt(() =>
            entityTarget(
              entity({
                'backstage.io/kubernetes-label-selector': text,
                'backstage.io/kubernetes-namespace': ns,
              }),
            ),
          );
          // Refused only for the documented rule.
          expect(outcome.error ?? 'needs at least one key=value term').toMatch(
            /needs at least one key=value term/,
          );
          const t = outcome.value;
          const exact = (t?.selector.requirements ?? []).filter(
            r => r.op === 'in' && r.values.length === 1,
          );
          expect(t === undefined || t.namespace === ns).toBe(true);
          expect(t === undefined || exact.length > 0).toBe(true);
          const matchesWithoutItsTerms =
            t !== undefined &&
            matchesLabels(t.selector, objectLabels) &&
            exact.some(
              r => r.op === 'in' && objectLabels[r.key] !== r.values[0],
            );
          expect(matchesWithoutItsTerms).toBe(false);
        }),
      );
    });

    it('with bounds, an accepted namespace is always one the rules give the entity', () => {
      const pattern = fc.oneof(
        label,
        label.map(l => `${l}*`),
      );
      const rule = fc.record({
        owner: fc.constantFrom('group:default/a', 'group:default/b'),
        clusterNamespaces: fc.array(pattern, { minLength: 1, maxLength: 3 }),
      });
      fc.assert(
        fc.property(
          fc.array(rule, { maxLength: 3 }),
          fc.constantFrom('a', 'b', 'c'),
          label,
          (rules, owner, ns) => {
            const bounds = createEntityNamespaceBounds(rules);
            const e = {
              ...entity({ 'backstage.io/kubernetes-namespace': ns }),
              spec: { type: 'model-service', owner },
            };
            const given = rules
              .filter(r => r.owner === `group:default/${owner}`)
              .flatMap(r => r.clusterNamespaces);
            const allowed = given.some(p =>
              p.endsWith('*') ? ns.startsWith(p.slice(0, -1)) : p === ns,
            );
            const outcome = attempt(() => entityTarget(e, bounds).namespace);
            expect(outcome.value === ns).toBe(allowed);
            expect(outcome.error ?? 'modelScaling.entityNamespaces').toMatch(
              /modelScaling.entityNamespaces/,
            );
          },
        ),
      );
    });
  });
});

describe('memoizedEntityTarget', () => {
  const good = () =>
    entity({
      'backstage.io/kubernetes-id': 'svc',
      'backstage.io/kubernetes-namespace': 'models',
    });

  it('answers like entityTarget, once per entity object', () => {
    const target = memoizedEntityTarget();
    const e = good();
    const first = target(e);
    expect(first).toEqual(entityTarget(e));
    expect(target(e)).toBe(first);
    // Another object (an index refresh) is read again.
    const refreshed = good();
    expect(target(refreshed)).not.toBe(first);
    expect(target(refreshed)).toEqual(first);
  });

  it('applies its namespace bounds', () => {
    const bounds = createEntityNamespaceBounds([
      { catalogNamespace: 'default', clusterNamespaces: ['other'] },
    ]);
    expect(() => memoizedEntityTarget(bounds)(good())).toThrow(
      /kubernetes-namespace/,
    );
  });

  it('throws the same error for refused annotations on every call', () => {
    const target = memoizedEntityTarget();
    const bad = entity({ 'backstage.io/kubernetes-label-selector': 'a in (b' });
    const messages = [1, 2].map(() => attempt(() => target(bad)).error);
    expect(messages[0]).toMatch(/unbalanced/);
    expect(messages[1]).toBe(messages[0]);
  });
});
