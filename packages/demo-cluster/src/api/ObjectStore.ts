// long-file: one store with its resourceVersion, list paging and watch fan-out, which must change together.
import { randomUUID } from 'node:crypto';
import { ApiError } from './ApiError';
import { ResourceType, apiVersionOf, typeKeyOf } from './resources';

/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: KubeMetadata;
  [field: string]: unknown;
}

/** The `metadata` fields the demo cluster reads and maintains. */
export interface KubeMetadata {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }[];
  managedFields?: unknown[];
  [field: string]: unknown;
}

/** A change of one object, as watch streams send it. */
export interface StoredChange {
  resourceVersion: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  typeKey: string;
  object: KubeObject;
  /** The object before a MODIFIED change (lets a filtered watch turn it into ADDED/DELETED). */
  previous?: KubeObject;
}

/** Options of {@link ObjectStore}. */
export interface ObjectStoreOptions {
  /** How many changes the log keeps for watches that resume; older ones answer 410. Default 20000. */
  changeLogLimit?: number;
  /** Clock for `creationTimestamp`. */
  now?: () => Date;
  /** uid generator (seeded in the simulation for deterministic runs). */
  newUid?: () => string;
  /** First resourceVersion handed out. Default 1000. */
  initialResourceVersion?: number;
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const objectKey = (namespace: string | undefined, name: string) =>
  `${namespace ?? ''}/${name}`;

/** Strips what changes on every write, to detect no-op writes. */
function comparable(obj: KubeObject): string {
  const { resourceVersion, managedFields, ...meta } = obj.metadata;
  return JSON.stringify({ ...obj, metadata: meta });
}

function specOf(obj: KubeObject): string {
  const { metadata, status, kind, apiVersion, ...rest } = obj as any;
  return JSON.stringify(rest);
}

interface SortedSnapshot {
  items: readonly KubeObject[];
  /** Key → index in `items`. */
  positions: Map<string, number>;
  /** Objects updated since `items` was made, by key. */
  patches: Map<string, KubeObject>;
}

/**
 * In-memory object store with a cluster-wide resourceVersion and a bounded change log,
 * the part of etcd plus the watch cache that the demo API needs. Objects handed out must
 * be treated as read-only; writes go through {@link ObjectStore.update} with a new object.
 */
export class ObjectStore {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  /**
   * Sorted snapshots of each bucket: dropped when a key is added or removed;
   * updates of existing keys are kept as patches and applied to a copy on the
   * next list, so a list after writes costs a copy instead of a sort, and an
   * array once handed out never changes.
   */
  private readonly sorted = new Map<string, SortedSnapshot>();
  private readonly log: StoredChange[] = [];
  private readonly listeners = new Set<(change: StoredChange) => void>();
  private readonly changeLogLimit: number;
  private readonly now: () => Date;
  private readonly newUid: () => string;
  private rv: number;
  /** Changes up to and including this resourceVersion are no longer in the log. */
  private compactedThrough: number;

  constructor(options: ObjectStoreOptions = {}) {
    this.changeLogLimit = options.changeLogLimit ?? 20000;
    this.now = options.now ?? (() => new Date());
    this.newUid = options.newUid ?? (() => randomUUID());
    this.rv = options.initialResourceVersion ?? 1000;
    this.compactedThrough = this.rv;
  }

  /** The newest resourceVersion of the store. */
  currentResourceVersion(): number {
    return this.rv;
  }

  /** The oldest resourceVersion a watch can resume from without a 410. */
  oldestResumableResourceVersion(): number {
    return this.compactedThrough;
  }

  /** All objects of a type, optionally of one namespace, in namespace/name order (read-only). */
  list(type: ResourceType, namespace?: string): readonly KubeObject[] {
    const key = typeKeyOf(type);
    let snapshot = this.sorted.get(key);
    if (!snapshot) {
      const bucket = this.objects.get(key);
      const entries = bucket
        ? [...bucket.entries()].sort(([a], [b]) => compareKeys(a, b))
        : [];
      snapshot = {
        items: entries.map(([, o]) => o),
        positions: new Map(entries.map(([k], i) => [k, i])),
        patches: new Map(),
      };
      this.sorted.set(key, snapshot);
    } else if (snapshot.patches.size > 0) {
      const items = snapshot.items.slice();
      for (const [k, o] of snapshot.patches)
        items[snapshot.positions.get(k)!] = o;
      snapshot.items = items;
      snapshot.patches.clear();
    }
    const sorted = snapshot.items;
    return namespace === undefined
      ? sorted
      : sorted.filter(o => o.metadata.namespace === namespace);
  }

  /** Number of objects of a type. */
  count(type: ResourceType): number {
    return this.objects.get(typeKeyOf(type))?.size ?? 0;
  }

  /** One object, or undefined. */
  get(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.objects
      .get(typeKeyOf(type))
      ?.get(objectKey(type.namespaced ? namespace : undefined, name));
  }

  /** One object, or a 404 `ApiError`. */
  require(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const found = this.get(type, namespace, name);
    if (!found) throw ApiError.notFound(type.plural, name, type.group);
    return found;
  }

  /**
   * Stores a new object: fills uid, resourceVersion, generation and creationTimestamp.
   * With `dryRun` nothing is stored and no resourceVersion is used.
   */
  create(
    type: ResourceType,
    input: KubeObject,
    options: { dryRun?: boolean; owned?: boolean } = {},
  ): KubeObject {
    const name = input.metadata?.name;
    if (!name) {
      throw ApiError.invalid(type.kind, '', [
        'metadata.name: Required value: name or generateName is required',
      ]);
    }
    const namespace = type.namespaced ? input.metadata.namespace : undefined;
    if (this.get(type, namespace, name)) {
      throw ApiError.alreadyExists(type.plural, name, type.group);
    }
    const obj: KubeObject = {
      ...(options.owned ? input : structuredClone(input)),
      apiVersion: apiVersionOf(type),
      kind: type.kind,
    };
    obj.metadata = {
      ...obj.metadata,
      name,
      ...(namespace ? { namespace } : {}),
      uid: input.metadata.uid ?? this.newUid(),
      creationTimestamp:
        input.metadata.creationTimestamp ?? this.now().toISOString(),
      generation: 1,
    };
    if (!type.namespaced) delete obj.metadata.namespace;
    if (options.dryRun) return obj;
    obj.metadata.resourceVersion = String(++this.rv);
    this.bucket(type).set(objectKey(namespace, name), obj);
    this.record({
      resourceVersion: this.rv,
      type: 'ADDED',
      typeKey: typeKeyOf(type),
      object: obj,
    });
    return obj;
  }

  /**
   * Replaces an existing object. Keeps uid and creationTimestamp, bumps `generation`
   * when anything but metadata and status changed. A write that changes nothing returns
   * the stored object and uses no resourceVersion (like kube-apiserver).
   * With `expectedResourceVersion`, a stale write fails with 409 Conflict.
   */
  update(
    type: ResourceType,
    input: KubeObject,
    options: {
      dryRun?: boolean;
      expectedResourceVersion?: string;
      owned?: boolean;
    } = {},
  ): KubeObject {
    const namespace = type.namespaced ? input.metadata.namespace : undefined;
    const current = this.require(type, namespace, input.metadata.name);
    if (
      options.expectedResourceVersion &&
      options.expectedResourceVersion !== current.metadata.resourceVersion
    ) {
      throw ApiError.conflict(
        type.plural,
        input.metadata.name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const obj: KubeObject = {
      ...(options.owned ? input : structuredClone(input)),
      apiVersion: apiVersionOf(type),
      kind: type.kind,
    };
    obj.metadata = {
      ...obj.metadata,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      generation:
        (current.metadata.generation ?? 1) +
        (specOf(obj) === specOf(current) ? 0 : 1),
      resourceVersion: current.metadata.resourceVersion,
    };
    if (!type.namespaced) delete obj.metadata.namespace;
    if (comparable(obj) === comparable(current)) return current;
    if (options.dryRun) return obj;
    obj.metadata.resourceVersion = String(++this.rv);
    const key = objectKey(namespace, obj.metadata.name);
    this.bucket(type, 'update').set(key, obj);
    this.sorted.get(typeKeyOf(type))?.patches.set(key, obj);
    this.record({
      resourceVersion: this.rv,
      type: 'MODIFIED',
      typeKey: typeKeyOf(type),
      object: obj,
      previous: current,
    });
    return obj;
  }

  /**
   * Applies `change` to a copy of the stored object and writes it back. The copy is
   * shallow below `metadata`, `spec` and `status`: replace nested values, do not edit them.
   */
  mutate(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    change: (draft: KubeObject) => void,
  ): KubeObject {
    const current = this.require(type, namespace, name) as any;
    // Copy-on-write two levels deep: `change` may set fields of metadata, spec and status,
    // but must replace (not edit in place) anything nested deeper.
    const draft = {
      ...current,
      metadata: { ...current.metadata },
      ...(current.spec && typeof current.spec === 'object'
        ? { spec: { ...current.spec } }
        : {}),
      ...(current.status && typeof current.status === 'object'
        ? { status: { ...current.status } }
        : {}),
    } as KubeObject;
    change(draft);
    return this.update(type, draft, { owned: true });
  }

  /** Removes an object; returns it. 404 when it does not exist. */
  delete(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    options: { dryRun?: boolean } = {},
  ): KubeObject {
    const current = this.require(type, namespace, name);
    if (options.dryRun) return current;
    this.bucket(type).delete(
      objectKey(type.namespaced ? namespace : undefined, name),
    );
    const deleted: KubeObject = {
      ...current,
      metadata: { ...current.metadata, resourceVersion: String(++this.rv) },
    };
    this.record({
      resourceVersion: this.rv,
      type: 'DELETED',
      typeKey: typeKeyOf(type),
      object: deleted,
    });
    return deleted;
  }

  /**
   * Changes after `resourceVersion`, oldest first; `undefined` when some of them have
   * already left the log (the caller answers 410 Gone).
   */
  changesSince(resourceVersion: number): StoredChange[] | undefined {
    if (resourceVersion < this.compactedThrough) return undefined;
    if (resourceVersion >= this.rv) return [];
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.log[mid].resourceVersion <= resourceVersion) lo = mid + 1;
      else hi = mid;
    }
    return this.log.slice(lo);
  }

  /** Calls `listener` for every change from now on; returns the unsubscribe function. */
  subscribe(listener: (change: StoredChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops all but the newest `keep` changes from the log (a test hook for 410 Gone). */
  compact(keep = 0): void {
    const drop = Math.max(0, this.log.length - keep);
    if (drop === 0) return;
    const removed = this.log.splice(0, drop);
    this.compactedThrough = removed[removed.length - 1].resourceVersion;
  }

  /** The objects of a type; a write that adds or removes a key drops the sorted snapshot. */
  private bucket(
    type: ResourceType,
    write: 'update' | 'add-or-remove' = 'add-or-remove',
  ): Map<string, KubeObject> {
    const key = typeKeyOf(type);
    if (write === 'add-or-remove') this.sorted.delete(key);
    let bucket = this.objects.get(key);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    return bucket;
  }

  private record(change: StoredChange): void {
    this.log.push(change);
    // Trim in chunks so that a long log is not shifted on every write.
    if (
      this.log.length >
      this.changeLogLimit + Math.max(16, this.changeLogLimit >> 3)
    ) {
      const removed = this.log.splice(0, this.log.length - this.changeLogLimit);
      this.compactedThrough = removed[removed.length - 1].resourceVersion;
    }
    for (const listener of [...this.listeners]) listener(change);
  }
}
