/*
 * The catalog contract of Model Scaling in one file: the entity type and the annotations. Matching to cluster objects
 * uses the Kubernetes plugin's own annotations (`backstage.io/kubernetes-id`,
 * `backstage.io/kubernetes-namespace`, `backstage.io/kubernetes-label-selector`);
 * these carry what the cluster cannot tell.
 */

/** `spec.type` of the catalog Components that are model services (what the Scaling tab and the fleet show). */
export const MODEL_SERVICE_ENTITY_TYPE = 'model-service';

/** The catalog filter that selects every model service. */
export const MODEL_SERVICE_CATALOG_FILTER = {
  kind: 'Component',
  'spec.type': MODEL_SERVICE_ENTITY_TYPE,
} as const;

/** True for a catalog entity that is a model service. */
export function isModelServiceEntity(entity: {
  kind?: string;
  spec?: unknown;
}): boolean {
  return (
    entity.kind?.toLowerCase() === 'component' &&
    (entity.spec as { type?: unknown } | undefined)?.type ===
      MODEL_SERVICE_ENTITY_TYPE
  );
}

/** The golden-path pattern of a model service, e.g. `realtime-gpu`. */
export const ANNOTATION_PATTERN = 'model-scaling.io/pattern';

/** Comma-separated names of the Triton models a service serves. */
export const ANNOTATION_TRITON_MODELS = 'model-scaling.io/triton-models';

/** The latency SLO of a service in milliseconds. */
export const ANNOTATION_LATENCY_SLO_MS = 'model-scaling.io/latency-slo-ms';

/** Cold-start budget in seconds of a scale-to-zero (bursty) service; also set on its Deployment. */
export const ANNOTATION_COLD_START_BUDGET_SECONDS =
  'model-scaling.io/cold-start-budget-seconds';

/** How an async-batch consumer survives interruption; set on its Deployment. */
export const ANNOTATION_CHECKPOINTING = 'model-scaling.io/checkpointing';

/** The Kubernetes plugin's annotation that matches cluster objects by the `backstage.io/kubernetes-id` label. */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** The Kubernetes plugin's annotation that limits matching to one namespace. */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/** The Kubernetes plugin's annotation that matches cluster objects by a label selector. */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';

/** Splits the triton-models annotation into model names (trimmed, empty entries dropped). */
export function parseTritonModelsAnnotation(value?: string): string[] {
  return (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

/** Reads the latency SLO annotation; undefined when missing or not a positive number. */
export function parseLatencySloAnnotation(value?: string): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
