/**
 * The resource types the demo cluster serves: what discovery advertises and what the
 * list/watch/get/create/patch/delete routes accept.
 */
export interface ResourceType {
  /** API group; `''` for the core group. */
  group: string;
  version: string;
  /** Lower-case plural, as in the URL (`pods`, `horizontalpodautoscalers`). */
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Read-only views computed on request (metrics.k8s.io) rather than stored objects. */
  computed?: boolean;
  /** Field names that `fieldSelector` accepts besides metadata.name / metadata.namespace. */
  selectableFields?: string[];
}

const READ_WRITE = [
  'create',
  'delete',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

const core = (
  plural: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group: '',
  version: 'v1',
  plural,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  ...extra,
});

const grouped = (
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType => ({
  group,
  version,
  plural,
  singular: kind.toLowerCase(),
  kind,
  namespaced,
  ...extra,
});

/** Every resource type the demo cluster knows. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  core('pods', 'Pod', true, {
    shortNames: ['po'],
    selectableFields: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
  }),
  core('services', 'Service', true, { shortNames: ['svc'] }),
  core('nodes', 'Node', false, {
    shortNames: ['no'],
    selectableFields: ['spec.unschedulable'],
  }),
  core('namespaces', 'Namespace', false, {
    shortNames: ['ns'],
    selectableFields: ['status.phase'],
  }),
  core('events', 'Event', true, {
    shortNames: ['ev'],
    selectableFields: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
  }),
  core('configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  core('secrets', 'Secret', true, { selectableFields: ['type'] }),
  core('serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  core('limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
  core('resourcequotas', 'ResourceQuota', true, { shortNames: ['quota'] }),
  core('persistentvolumeclaims', 'PersistentVolumeClaim', true, {
    shortNames: ['pvc'],
  }),
  core('persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'] }),
  grouped('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
  }),
  grouped('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
  }),
  grouped('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
  }),
  grouped('apps', 'v1', 'daemonsets', 'DaemonSet', true, {
    shortNames: ['ds'],
  }),
  grouped(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    { shortNames: ['hpa'] },
  ),
  grouped('batch', 'v1', 'jobs', 'Job', true, {
    selectableFields: ['status.successful'],
  }),
  grouped('batch', 'v1', 'cronjobs', 'CronJob', true, { shortNames: ['cj'] }),
  grouped('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, {
    shortNames: ['ing'],
  }),
  grouped('keda.sh', 'v1alpha1', 'scaledobjects', 'ScaledObject', true, {
    shortNames: ['so'],
  }),
  grouped('keda.sh', 'v1alpha1', 'scaledjobs', 'ScaledJob', true, {
    shortNames: ['sj'],
  }),
  grouped(
    'keda.sh',
    'v1alpha1',
    'triggerauthentications',
    'TriggerAuthentication',
    true,
    { shortNames: ['ta', 'triggerauth'] },
  ),
  grouped(
    'keda.sh',
    'v1alpha1',
    'clustertriggerauthentications',
    'ClusterTriggerAuthentication',
    false,
    { shortNames: ['cta', 'clustertriggerauth'] },
  ),
  grouped('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, {
    computed: true,
  }),
  grouped('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, {
    computed: true,
  }),
];

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** The store key of a resource type: `<group>/<plural>`. */
export function typeKeyOf(type: ResourceType): string {
  return `${type.group}/${type.plural}`;
}

/** Verbs advertised for the type in discovery. */
export function verbsOf(type: ResourceType): string[] {
  return type.computed ? ['get', 'list'] : READ_WRITE;
}

/** Finds the type served at `/<group>/<version>/<plural>`. */
export function findResourceType(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => t.group === group && t.version === version && t.plural === plural,
  );
}

/** Finds the type of an object from its `apiVersion` and `kind`. */
export function resourceTypeForKind(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  return RESOURCE_TYPES.find(
    t => apiVersionOf(t) === apiVersion && t.kind === kind,
  );
}

/** The group/versions served, in discovery order. */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of RESOURCE_TYPES) {
    seen.set(`${t.group}/${t.version}`, { group: t.group, version: t.version });
  }
  return [...seen.values()];
}
