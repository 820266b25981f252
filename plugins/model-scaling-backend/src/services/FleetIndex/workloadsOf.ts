import { SlimObject } from '@internal/plugin-model-scaling-common';
import { ClusterStore } from '../ClusterWatcher/ObjectStore';

/**
 * The Deployments (`namespace/name`) a cached record counts towards in fleet
 * rows, read through the store's current records the way `findWorkloads`
 * gathers them: a ReplicaSet by its owner, a pod through its ReplicaSet, an
 * autoscaler by its scale target, a rescale event through its HPA and
 * through every ScaledObject whose HPA has that name. Empty when the record
 * belongs to no Deployment the cache holds the chain to. Nodes and
 * Deployments themselves are handled by the caller (pods on the node, labels).
 */
export function workloadsOf(
  store: ClusterStore,
  o: SlimObject,
  scaledObjectsOfHpa: (namespace: string, hpa: string) => Iterable<string>,
): string[] {
  const ns = o.meta.namespace ?? '';
  switch (o.kind) {
    case 'ReplicaSet':
      return o.ownerDeployment ? [`${ns}/${o.ownerDeployment}`] : [];
    case 'Pod': {
      if (!o.ownerReplicaSet) return [];
      const rs = store.kind('ReplicaSet').get(`${ns}/${o.ownerReplicaSet}`);
      return rs?.ownerDeployment ? [`${ns}/${rs.ownerDeployment}`] : [];
    }
    case 'HorizontalPodAutoscaler':
    case 'ScaledObject':
      return !o.scaleTargetRef.kind || o.scaleTargetRef.kind === 'Deployment'
        ? [`${ns}/${o.scaleTargetRef.name}`]
        : [];
    case 'Event': {
      if (o.involvedObject.kind !== 'HorizontalPodAutoscaler') return [];
      const evNs = o.involvedObject.namespace ?? ns;
      const out: string[] = [];
      const hpa = store
        .kind('HorizontalPodAutoscaler')
        .get(`${evNs}/${o.involvedObject.name}`);
      if (hpa) out.push(...workloadsOf(store, hpa, scaledObjectsOfHpa));
      for (const so of scaledObjectsOfHpa(evNs, o.involvedObject.name)) {
        const scaledObject = store.kind('ScaledObject').get(`${evNs}/${so}`);
        if (scaledObject) {
          out.push(...workloadsOf(store, scaledObject, scaledObjectsOfHpa));
        }
      }
      return out;
    }
    default:
      return [];
  }
}
