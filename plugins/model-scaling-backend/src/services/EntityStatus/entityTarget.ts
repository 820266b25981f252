import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { isPatternId, PatternId } from '@internal/plugin-model-scaling-common';
import {
  LabelSelector,
  LabelSelectorError,
  parseLabelSelector,
} from './labelSelector';

/** Annotations of the Kubernetes plugin that match an entity to cluster objects. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';
export const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** Our own annotations (see the entity contract). */
export const PATTERN_ANNOTATION = 'model-scaling.io/pattern';
export const TRITON_MODELS_ANNOTATION = 'model-scaling.io/triton-models';
export const LATENCY_SLO_ANNOTATION = 'model-scaling.io/latency-slo-ms';

/** What an entity's annotations say about where its workloads are and how to judge them. */
export interface EntityTarget {
  selector: LabelSelector;
  namespace?: string;
  pattern?: PatternId;
  latencySloMs?: number;
  tritonModels: string[];
}

/**
 * Reads an entity's annotations the way the Kubernetes plugin does:
 * `backstage.io/kubernetes-label-selector` when set, else the label
 * `backstage.io/kubernetes-id=<id or entity name>`, optionally restricted to
 * `backstage.io/kubernetes-namespace`. Throws an `InputError` naming the
 * annotation when one cannot be read.
 */
export function entityTarget(entity: Entity): EntityTarget {
  const annotations = entity.metadata.annotations ?? {};
  const selectorText = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  let selector: LabelSelector;
  try {
    selector = selectorText
      ? parseLabelSelector(selectorText)
      : parseLabelSelector(
          `${KUBERNETES_ID_ANNOTATION}=${
            annotations[KUBERNETES_ID_ANNOTATION] || entity.metadata.name
          }`,
        );
  } catch (error) {
    const which = selectorText ? KUBERNETES_LABEL_SELECTOR_ANNOTATION : KUBERNETES_ID_ANNOTATION;
    throw new InputError(
      `Annotation ${which} of ${entity.metadata.name}: ${
        error instanceof LabelSelectorError ? error.message : String(error)
      }`,
    );
  }

  const patternText = annotations[PATTERN_ANNOTATION];
  const sloText = annotations[LATENCY_SLO_ANNOTATION];
  const slo = sloText !== undefined ? Number(sloText) : undefined;
  return {
    selector,
    namespace: annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined,
    pattern: patternText && isPatternId(patternText) ? patternText : undefined,
    latencySloMs: slo !== undefined && Number.isFinite(slo) && slo > 0 ? slo : undefined,
    tritonModels: (annotations[TRITON_MODELS_ANNOTATION] ?? '')
      .split(',')
      .map(m => m.trim())
      .filter(Boolean),
  };
}
