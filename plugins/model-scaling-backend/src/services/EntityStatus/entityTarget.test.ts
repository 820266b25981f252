import { Entity } from '@backstage/catalog-model';
import { entityTarget } from './entityTarget';
import { matchesLabels } from './labelSelector';

const entity = (annotations: Record<string, string>, name = 'svc'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'model-service' },
});

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
    const t = entityTarget(entity({}, 'text-classifier'));
    expect(t.selector.text).toBe('backstage.io/kubernetes-id=text-classifier');
    expect(t.namespace).toBeUndefined();
    expect(t.tritonModels).toEqual([]);
  });

  it('prefers the label selector annotation', () => {
    const t = entityTarget(
      entity({
        'backstage.io/kubernetes-id': 'ignored',
        'backstage.io/kubernetes-label-selector': 'app=x,tier in (gpu)',
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
      /Annotation backstage.io\/kubernetes-label-selector of svc: unbalanced/,
    );
  });
});
