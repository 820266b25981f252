import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_COLD_START_BUDGET_SECONDS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_LATENCY_SLO_MS,
  ANNOTATION_PATTERN,
  ANNOTATION_TRITON_MODELS,
  isPatternId,
  PatternId,
} from '@internal/plugin-model-scaling-common';
import {
  LabelSelector,
  LabelSelectorError,
  parseLabelSelector,
} from './labelSelector';

/** What an entity's annotations say about where its workloads are and how to judge them. */
export interface EntityTarget {
  selector: LabelSelector;
  namespace?: string;
  pattern?: PatternId;
  latencySloMs?: number;
  coldStartBudgetSeconds?: number;
  tritonModels: string[];
}

function positiveNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
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
  const selectorText = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
  let selector: LabelSelector;
  try {
    selector = selectorText
      ? parseLabelSelector(selectorText)
      : parseLabelSelector(
          `${ANNOTATION_KUBERNETES_ID}=${
            annotations[ANNOTATION_KUBERNETES_ID] || entity.metadata.name
          }`,
        );
  } catch (error) {
    const which = selectorText
      ? ANNOTATION_KUBERNETES_LABEL_SELECTOR
      : ANNOTATION_KUBERNETES_ID;
    throw new InputError(
      `Annotation ${which} of ${entity.metadata.name}: ${
        error instanceof LabelSelectorError ? error.message : String(error)
      }`,
    );
  }

  const patternText = annotations[ANNOTATION_PATTERN];
  const slo = positiveNumber(annotations[ANNOTATION_LATENCY_SLO_MS]);
  const budget = positiveNumber(
    annotations[ANNOTATION_COLD_START_BUDGET_SECONDS],
  );
  return {
    selector,
    namespace: annotations[ANNOTATION_KUBERNETES_NAMESPACE] || undefined,
    pattern: patternText && isPatternId(patternText) ? patternText : undefined,
    ...(slo !== undefined && { latencySloMs: slo }),
    ...(budget !== undefined && { coldStartBudgetSeconds: budget }),
    tritonModels: (annotations[ANNOTATION_TRITON_MODELS] ?? '')
      .split(',')
      .map(m => m.trim())
      .filter(Boolean),
  };
}
