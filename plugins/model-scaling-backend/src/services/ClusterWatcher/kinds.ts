import { SlimObject } from '@internal/plugin-model-scaling-common';

/**
 * The kinds the watch cache keeps, by their slim record's `kind`. Services
 * are left out: no view reads them, and leaving them out keeps them out of
 * the read-only ClusterRole (least privilege) and out of memory.
 */
export type WatchedKind = Exclude<SlimObject['kind'], 'Service'>;

/** Where a kind lives in the API and how the cache lists and indexes it. */
export interface KindSpec {
  kind: WatchedKind;
  /** `/api/v1` or `/apis/<group>/<version>`. */
  groupPath: string;
  plural: string;
  namespaced: boolean;
  fieldSelector?: string;
  /** Only watched when API discovery shows the group (KEDA). */
  requiresDiscovery?: boolean;
}

/** Every kind the watch cache lists and watches, in start order. */
export const KIND_SPECS: readonly KindSpec[] = [
  {
    kind: 'Deployment',
    groupPath: '/apis/apps/v1',
    plural: 'deployments',
    namespaced: true,
  },
  {
    kind: 'ReplicaSet',
    groupPath: '/apis/apps/v1',
    plural: 'replicasets',
    namespaced: true,
  },
  { kind: 'Pod', groupPath: '/api/v1', plural: 'pods', namespaced: true },
  { kind: 'Node', groupPath: '/api/v1', plural: 'nodes', namespaced: false },
  {
    kind: 'HorizontalPodAutoscaler',
    groupPath: '/apis/autoscaling/v2',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
  },
  {
    kind: 'ScaledObject',
    groupPath: '/apis/keda.sh/v1alpha1',
    plural: 'scaledobjects',
    namespaced: true,
    requiresDiscovery: true,
  },
  {
    kind: 'ScaledJob',
    groupPath: '/apis/keda.sh/v1alpha1',
    plural: 'scaledjobs',
    namespaced: true,
    requiresDiscovery: true,
  },
  {
    kind: 'Event',
    groupPath: '/api/v1',
    plural: 'events',
    namespaced: true,
    fieldSelector: 'reason=SuccessfulRescale',
  },
];

/** The KEDA API group path whose discovery document decides whether ScaledObjects are watched. */
export const KEDA_GROUP_PATH = '/apis/keda.sh/v1alpha1';

/** The collection path of a kind, for all namespaces or one. */
export function collectionPath(spec: KindSpec, namespace?: string): string {
  if (spec.namespaced && namespace) {
    return `${spec.groupPath}/namespaces/${encodeURIComponent(namespace)}/${
      spec.plural
    }`;
  }
  return `${spec.groupPath}/${spec.plural}`;
}
