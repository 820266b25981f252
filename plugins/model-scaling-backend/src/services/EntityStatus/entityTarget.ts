import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
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
  EntityNamespaceBounds,
  namespaceAllowed,
  unboundedEntityNamespaces,
} from './entityNamespaceBounds';
import {
  LabelSelector,
  LabelSelectorError,
  parseLabelSelector,
} from './labelSelector';

/** What an entity's annotations say about where its workloads are and how to judge them. */
export interface EntityTarget {
  /** Has at least one `key=value` term. */
  selector: LabelSelector;
  /** The one cluster namespace the entity's workloads are in. */
  namespace: string;
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

/** A Kubernetes namespace name (RFC 1123 label). */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Reads an entity's annotations the way the Kubernetes plugin does:
 * `backstage.io/kubernetes-label-selector` when set, else the label
 * `backstage.io/kubernetes-id=<id or entity name>`, in the namespace
 * `backstage.io/kubernetes-namespace`.
 *
 * So that an entity reads only its own workloads (the annotations are
 * written by whoever registers the entity), the namespace is required and
 * must be one that `bounds` (`modelScaling.entityNamespaces`) gives the
 * entity, and the selector needs at least one `key=value` term: `!a`, `a`,
 * `a!=b`, `a notin (…)` or `a in (b,c)` alone would match other teams'
 * Deployments. Throws an `InputError` naming the annotation and the rule.
 */
export function entityTarget(
  entity: Entity,
  bounds: EntityNamespaceBounds = unboundedEntityNamespaces,
): EntityTarget {
  const annotations = entity.metadata.annotations ?? {};
  const ref = stringifyEntityRef(entity);
  const refuse = (annotation: string, rule: string) =>
    new InputError(`Annotation ${annotation} of ${ref}: ${rule}`);

  const selectorText = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR];
  const selectorAnnotation = selectorText
    ? ANNOTATION_KUBERNETES_LABEL_SELECTOR
    : ANNOTATION_KUBERNETES_ID;
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
    throw refuse(
      selectorAnnotation,
      error instanceof LabelSelectorError ? error.message : String(error),
    );
  }

  const namespace = annotations[ANNOTATION_KUBERNETES_NAMESPACE]?.trim();
  if (!namespace) {
    throw refuse(
      ANNOTATION_KUBERNETES_NAMESPACE,
      'required — an entity reads workloads of one cluster namespace only',
    );
  }
  if (!NAMESPACE.test(namespace) || namespace.length > 63) {
    throw refuse(
      ANNOTATION_KUBERNETES_NAMESPACE,
      `'${namespace}' is not a namespace name (lower-case letters, digits and '-', at most 63)`,
    );
  }
  if (
    !selector.requirements.some(r => r.op === 'in' && r.values.length === 1)
  ) {
    throw refuse(
      selectorAnnotation,
      `'${selector.text}' needs at least one key=value term, so that it matches only this entity's workloads`,
    );
  }

  const allowed = bounds(entity);
  if (allowed && !namespaceAllowed(allowed, namespace)) {
    throw refuse(
      ANNOTATION_KUBERNETES_NAMESPACE,
      `'${namespace}' is not a namespace modelScaling.entityNamespaces allows this entity (${
        allowed.length > 0 ? allowed.join(', ') : 'none'
      })`,
    );
  }

  const patternText = annotations[ANNOTATION_PATTERN];
  const slo = positiveNumber(annotations[ANNOTATION_LATENCY_SLO_MS]);
  const budget = positiveNumber(
    annotations[ANNOTATION_COLD_START_BUDGET_SECONDS],
  );
  return {
    selector,
    namespace,
    pattern: patternText && isPatternId(patternText) ? patternText : undefined,
    ...(slo !== undefined && { latencySloMs: slo }),
    ...(budget !== undefined && { coldStartBudgetSeconds: budget }),
    tritonModels: (annotations[ANNOTATION_TRITON_MODELS] ?? '')
      .split(',')
      .map(m => m.trim())
      .filter(Boolean),
  };
}

/**
 * {@link entityTarget} remembered per entity object (the plugin's entity
 * index hands out the same object until a refresh replaces it, so each
 * status view does not parse the annotations and selector again). An
 * entity whose annotations are refused throws the same error on every call.
 */
export function memoizedEntityTarget(
  bounds: EntityNamespaceBounds = unboundedEntityNamespaces,
): (entity: Entity) => EntityTarget {
  const known = new WeakMap<Entity, EntityTarget | { refused: unknown }>();
  return entity => {
    let answer = known.get(entity);
    if (!answer) {
      try {
        answer = entityTarget(entity, bounds);
      } catch (error) {
        answer = { refused: error };
      }
      known.set(entity, answer);
    }
    if ('refused' in answer) throw answer.refused;
    return answer;
  };
}
