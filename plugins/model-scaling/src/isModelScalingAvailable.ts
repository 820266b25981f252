import { Entity } from '@backstage/catalog-model';
import { MODEL_SERVICE_ENTITY_TYPE } from '@internal/plugin-model-scaling-common';

/** The catalog `spec.type` of a model service. */
export const MODEL_SERVICE_TYPE = MODEL_SERVICE_ENTITY_TYPE;

/**
 * The annotations of `@backstage/plugin-kubernetes` that match an entity to
 * its cluster objects; either one is enough.
 */
export const KUBERNETES_MATCH_ANNOTATIONS = [
  'backstage.io/kubernetes-id',
  'backstage.io/kubernetes-label-selector',
] as const;

/**
 * True when the entity is a model service the Scaling tab can show: a
 * `Component` with `spec.type: model-service` and a Kubernetes annotation
 * (`backstage.io/kubernetes-id` or `backstage.io/kubernetes-label-selector`).
 *
 * @public
 */
export function isModelScalingAvailable(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') {
    return false;
  }
  if (entity.spec?.type !== MODEL_SERVICE_TYPE) {
    return false;
  }
  const annotations = entity.metadata.annotations ?? {};
  return KUBERNETES_MATCH_ANNOTATIONS.some(
    key => (annotations[key] ?? '').trim() !== '',
  );
}
