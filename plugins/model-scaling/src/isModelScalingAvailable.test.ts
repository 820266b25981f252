import { Entity } from '@backstage/catalog-model';
import { modelServiceEntity } from './__fixtures__';
import { isModelScalingAvailable } from './isModelScalingAvailable';

describe('isModelScalingAvailable', () => {
  it('accepts the example model services', () => {
    for (const name of [
      'text-classifier',
      'image-classifier',
      'batch-embedder',
      'summarizer',
    ]) {
      expect(isModelScalingAvailable(modelServiceEntity(name))).toBe(true);
    }
  });

  it('accepts a label selector instead of the kubernetes-id', () => {
    const entity = modelServiceEntity('svc');
    entity.metadata.annotations = {
      'backstage.io/kubernetes-label-selector': 'app=svc',
    };
    expect(isModelScalingAvailable(entity)).toBe(true);
  });

  it('rejects other component types', () => {
    const entity = modelServiceEntity('svc');
    entity.spec = { ...entity.spec, type: 'service' };
    expect(isModelScalingAvailable(entity)).toBe(false);
  });

  it('rejects a model service without a Kubernetes annotation (or a blank one)', () => {
    const entity = modelServiceEntity('svc');
    entity.metadata.annotations = { 'model-scaling.io/pattern': 'bursty' };
    expect(isModelScalingAvailable(entity)).toBe(false);
    entity.metadata.annotations = { 'backstage.io/kubernetes-id': '  ' };
    expect(isModelScalingAvailable(entity)).toBe(false);
  });

  it('rejects other kinds even with spec.type model-service', () => {
    const entity: Entity = { ...modelServiceEntity('svc'), kind: 'Resource' };
    expect(isModelScalingAvailable(entity)).toBe(false);
  });
});
