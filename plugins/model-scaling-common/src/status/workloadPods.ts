import type { SlimDeployment, SlimPod, SlimReplicaSet } from '../types/status';

function sameScope(
  a: { meta: { cluster: string; namespace?: string } },
  b: { meta: { cluster: string; namespace?: string } },
) {
  return (
    a.meta.cluster === b.meta.cluster &&
    (a.meta.namespace ?? '') === (b.meta.namespace ?? '')
  );
}

/**
 * The pods of a Deployment: those owned by its ReplicaSets (old and new
 * revisions alike) or, when ownership is not known, those its selector
 * matches in the same cluster and namespace.
 */
export function workloadPods(
  deployment: SlimDeployment,
  replicaSets: readonly SlimReplicaSet[],
  pods: readonly SlimPod[],
): SlimPod[] {
  const scoped = pods.filter(p => sameScope(p, deployment));
  const owned = new Set(
    replicaSets
      .filter(
        rs =>
          sameScope(rs, deployment) &&
          rs.ownerDeployment === deployment.meta.name,
      )
      .map(rs => rs.meta.name),
  );
  const byOwner = scoped.filter(
    p => p.ownerReplicaSet !== undefined && owned.has(p.ownerReplicaSet),
  );
  if (byOwner.length > 0) return byOwner;
  const selector = Object.entries(deployment.selector);
  if (selector.length === 0) return [];
  return scoped.filter(p => selector.every(([k, v]) => p.meta.labels[k] === v));
}
