import type { KubeObject, ObjectStore, StoredChange } from '../api/ObjectStore';
import { KINDS } from './kinds';

const controllerUid = (o: KubeObject) =>
  o.metadata.ownerReferences?.find(r => r.controller)?.uid;
const POD_KEY = '/pods';
const RS_KEY = 'apps/replicasets';
const DEPLOYMENT_KEY = 'apps/deployments';

/**
 * Keeps, from the store's change feed, the pods and ReplicaSets of each controller
 * (by owner uid), and which ReplicaSets and Deployments changed since the controllers
 * last looked (like the work queues of kube-controller-manager).
 */
export class OwnerIndex {
  private readonly children = new Map<string, Map<string, KubeObject>>();
  private dirtyReplicaSets = new Set<string>();
  private dirtyDeployments = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    for (const rs of store.list(KINDS.replicaSets))
      this.apply({
        type: 'ADDED',
        typeKey: RS_KEY,
        object: rs,
        resourceVersion: 0,
      });
    for (const pod of store.list(KINDS.pods))
      this.apply({
        type: 'ADDED',
        typeKey: POD_KEY,
        object: pod,
        resourceVersion: 0,
      });
    for (const d of store.list(KINDS.deployments))
      this.dirtyDeployments.add(d.metadata.uid!);
    this.unsubscribe = store.subscribe(change => this.apply(change));
  }

  /** Pods (or ReplicaSets) whose controller is `ownerUid`. */
  childrenOf(ownerUid: string): KubeObject[] {
    const map = this.children.get(ownerUid);
    return map ? [...map.values()] : [];
  }

  /** ReplicaSets that changed, or whose pods changed, since the last call. */
  takeDirtyReplicaSets(): Set<string> {
    const taken = this.dirtyReplicaSets;
    this.dirtyReplicaSets = new Set();
    return taken;
  }

  /** Deployments that changed, or whose ReplicaSets or pods changed, since the last call. */
  takeDirtyDeployments(): Set<string> {
    const taken = this.dirtyDeployments;
    this.dirtyDeployments = new Set();
    return taken;
  }

  /** Marks a Deployment for another look (e.g. to create its first ReplicaSet). */
  markDeployment(uid: string): void {
    this.dirtyDeployments.add(uid);
  }

  close(): void {
    this.unsubscribe();
  }

  private apply(change: StoredChange): void {
    const { typeKey, object } = change;
    if (typeKey === DEPLOYMENT_KEY) {
      this.dirtyDeployments.add(object.metadata.uid!);
      return;
    }
    if (typeKey !== POD_KEY && typeKey !== RS_KEY) return;
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    const previousOwner = change.previous
      ? controllerUid(change.previous)
      : undefined;
    const owner = controllerUid(object);
    if (previousOwner && previousOwner !== owner)
      this.children.get(previousOwner)?.delete(key);
    if (owner) {
      let map = this.children.get(owner);
      if (!map) {
        map = new Map();
        this.children.set(owner, map);
      }
      if (change.type === 'DELETED') map.delete(key);
      else map.set(key, object);
    }
    if (typeKey === RS_KEY) {
      this.dirtyReplicaSets.add(object.metadata.uid!);
      if (owner) this.dirtyDeployments.add(owner);
      if (change.type === 'DELETED') this.children.delete(object.metadata.uid!);
    } else if (owner) {
      this.dirtyReplicaSets.add(owner);
      const rsRef = object.metadata.ownerReferences?.find(r => r.controller);
      const rs = rsRef
        ? this.store.get(
            KINDS.replicaSets,
            object.metadata.namespace,
            rsRef.name,
          )
        : undefined;
      const deployment = rs ? controllerUid(rs) : undefined;
      if (deployment) this.dirtyDeployments.add(deployment);
    }
  }
}
