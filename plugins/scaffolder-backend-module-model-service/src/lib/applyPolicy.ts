import { InputError } from '@backstage/errors';

/** The field manager of our server-side applies. */
export const FIELD_MANAGER = 'model-scaling-scaffolder';

/** The label every object we apply carries, with {@link FIELD_MANAGER} as its value. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/**
 * The kinds a model service is made of, by API group: the only kinds
 * `model-service:cluster:apply` writes. Secrets, RBAC, Pods, cluster-scoped
 * kinds and everything else are refused.
 */
export const APPLY_ALLOWED_KINDS: ReadonlyArray<{
  group: string;
  kind: string;
}> = [
  { group: 'apps', kind: 'Deployment' },
  { group: '', kind: 'Service' },
  { group: 'autoscaling', kind: 'HorizontalPodAutoscaler' },
  { group: 'keda.sh', kind: 'ScaledObject' },
  { group: 'keda.sh', kind: 'TriggerAuthentication' },
  { group: '', kind: 'ConfigMap' },
  { group: 'policy', kind: 'PodDisruptionBudget' },
  { group: '', kind: 'ServiceAccount' },
];

/** The API group of an `apiVersion` (`''` for the core group `v1`). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Whether `model-service:cluster:apply` may write objects of this kind. */
export function isApplyAllowedKind(apiVersion: string, kind: string): boolean {
  const group = apiGroupOf(apiVersion);
  return APPLY_ALLOWED_KINDS.some(k => k.group === group && k.kind === kind);
}

/**
 * Throws an `InputError` naming `where` (the file and document) when the kind
 * is not one a model service is made of.
 */
export function checkApplyAllowedKind(
  object: { apiVersion: string; kind: string },
  where: string,
): void {
  if (!isApplyAllowedKind(object.apiVersion, object.kind)) {
    throw new InputError(
      `${where}: kind ${object.kind} (${
        object.apiVersion
      }) may not be applied by model-service:cluster:apply; allowed: ${APPLY_ALLOWED_KINDS.map(
        k => k.kind,
      ).join(', ')}`,
    );
  }
}

/** What {@link isOwnedByApply} reads of an existing object. */
export interface ExistingObjectMeta {
  metadata?: {
    labels?: Record<string, string>;
    managedFields?: Array<{ manager?: string; operation?: string }>;
  };
}

/**
 * Whether an existing object was created by our apply: it carries our
 * managed-by label AND our field manager owns fields of it through an Apply.
 * Anyone who can write the namespace can set a label, so the label alone is
 * not enough; an object someone else made is never taken over.
 */
export function isOwnedByApply(object: ExistingObjectMeta): boolean {
  const meta = object.metadata ?? {};
  return (
    meta.labels?.[MANAGED_BY_LABEL] === FIELD_MANAGER &&
    (meta.managedFields ?? []).some(
      f => f.manager === FIELD_MANAGER && f.operation === 'Apply',
    )
  );
}
