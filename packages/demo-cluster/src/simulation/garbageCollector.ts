import type { ObjectStore } from '../api/ObjectStore';
import { RESOURCE_TYPES } from '../api/resources';

const OWNED = RESOURCE_TYPES.filter(t => !t.computed && t.plural !== 'events');

/**
 * Deletes objects whose controller owner no longer exists (background cascading deletion,
 * as kube-controller-manager's garbage collector does). Repeats until nothing changes, so
 * deleting a Deployment removes its ReplicaSets and then their Pods.
 */
export function collectGarbage(store: ObjectStore): number {
  let deleted = 0;
  for (let pass = 0; pass < 5; pass++) {
    const uids = new Set<string>();
    for (const t of OWNED)
      for (const o of store.list(t))
        if (o.metadata.uid) uids.add(o.metadata.uid);
    let round = 0;
    for (const t of OWNED) {
      for (const o of store.list(t)) {
        const owners = o.metadata.ownerReferences ?? [];
        if (owners.length > 0 && owners.every(ref => !uids.has(ref.uid))) {
          store.delete(t, o.metadata.namespace, o.metadata.name);
          round++;
        }
      }
    }
    deleted += round;
    if (round === 0) break;
  }
  return deleted;
}
