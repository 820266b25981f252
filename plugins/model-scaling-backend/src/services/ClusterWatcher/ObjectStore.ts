import { SlimObject } from '@internal/plugin-model-scaling-common';
import { WatchedKind } from './kinds';

/** The store key of an object: `namespace/name`, or `name` for cluster-scoped kinds. */
export function objectKey(o: {
  meta: { namespace?: string; name: string };
}): string {
  return o.meta.namespace ? `${o.meta.namespace}/${o.meta.name}` : o.meta.name;
}

type IndexFn = (o: SlimObject) => string | undefined;

/**
 * The secondary index of each kind: what a status lookup starts from.
 * ReplicaSets and pods by owner, autoscalers by target, events by object.
 */
const INDEXES: Partial<Record<WatchedKind, IndexFn>> = {
  ReplicaSet: o =>
    o.kind === 'ReplicaSet' && o.ownerDeployment
      ? `${o.meta.namespace}/${o.ownerDeployment}`
      : undefined,
  Pod: o =>
    o.kind === 'Pod' && o.ownerReplicaSet
      ? `${o.meta.namespace}/${o.ownerReplicaSet}`
      : undefined,
  HorizontalPodAutoscaler: o =>
    o.kind === 'HorizontalPodAutoscaler'
      ? `${o.meta.namespace}/${o.scaleTargetRef.name}`
      : undefined,
  ScaledObject: o =>
    o.kind === 'ScaledObject'
      ? `${o.meta.namespace}/${o.scaleTargetRef.name}`
      : undefined,
  Event: o =>
    o.kind === 'Event'
      ? `${o.involvedObject.namespace ?? o.meta.namespace}/${
          o.involvedObject.name
        }`
      : undefined,
};

/**
 * One change to a kind's records: `before` is absent for an added object,
 * `after` for a deleted one (a relist reports its deletes and upserts).
 */
export interface StoreChange {
  kind: WatchedKind;
  before?: SlimObject;
  after?: SlimObject;
}

/** Called synchronously for every change of a {@link ClusterStore}. */
export type StoreListener = (change: StoreChange) => void;

/** Kinds whose objects are found by label selector and so keep a label index. */
const LABEL_INDEXED = new Set<WatchedKind>(['Deployment']);

/**
 * The slim records of one kind in one cluster, with a secondary index.
 * All reads are in memory.
 */
export class KindStore<T extends SlimObject = SlimObject> {
  readonly #items = new Map<string, T>();
  readonly #index = new Map<string, Map<string, T>>();
  readonly #indexFn?: IndexFn;
  /** `label=value` → objects; kept for kinds matched by label selectors (Deployments). */
  readonly #labels?: Map<string, Map<string, T>>;

  readonly #notify?: (before?: T, after?: T) => void;

  constructor(
    readonly kind: WatchedKind,
    notify?: (before?: T, after?: T) => void,
  ) {
    this.#notify = notify;
    this.#indexFn = INDEXES[kind];
    if (LABEL_INDEXED.has(kind)) this.#labels = new Map();
  }

  /** Objects carrying the label `key=value`; undefined when this kind keeps no label index. */
  byLabel(key: string, value: string): T[] | undefined {
    if (!this.#labels) return undefined;
    const bucket = this.#labels.get(`${key}=${value}`);
    return bucket ? [...bucket.values()] : [];
  }

  get size(): number {
    return this.#items.size;
  }

  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  values(): IterableIterator<T> {
    return this.#items.values();
  }

  /** Objects whose index key (see the kind's index) equals `key`. */
  byIndex(key: string): T[] {
    const bucket = this.#index.get(key);
    return bucket ? [...bucket.values()] : [];
  }

  upsert(o: T): void {
    const key = objectKey(o);
    const before = this.#notify && this.#items.get(key);
    this.#unindex(key);
    this.#items.set(key, o);
    if (this.#labels) {
      for (const [k, v] of Object.entries(o.meta.labels)) {
        addTo(this.#labels, `${k}=${v}`, key, o);
      }
    }
    const ik = this.#indexFn?.(o);
    if (ik !== undefined) {
      addTo(this.#index, ik, key, o);
    }
    this.#notify?.(before, o);
  }

  delete(key: string): void {
    const before = this.#notify && this.#items.get(key);
    this.#unindex(key);
    this.#items.delete(key);
    if (before) this.#notify?.(before, undefined);
  }

  /**
   * Replaces every object of one namespace (all namespaces when undefined)
   * with a fresh list, as after a relist. Objects of other namespaces stay.
   */
  replaceScope(namespace: string | undefined, objects: T[]): void {
    for (const [key, o] of [...this.#items]) {
      if (namespace === undefined || o.meta.namespace === namespace) {
        this.delete(key);
      }
    }
    for (const o of objects) {
      this.upsert(o);
    }
  }

  /** Number of objects in one namespace (all when undefined). */
  countScope(namespace: string | undefined): number {
    if (namespace === undefined) {
      return this.#items.size;
    }
    let n = 0;
    for (const o of this.#items.values()) {
      if (o.meta.namespace === namespace) n++;
    }
    return n;
  }

  #unindex(key: string) {
    const old = this.#items.get(key);
    if (!old) return;
    if (this.#labels) {
      for (const [k, v] of Object.entries(old.meta.labels)) {
        removeFrom(this.#labels, `${k}=${v}`, key);
      }
    }
    const ik = this.#indexFn?.(old);
    if (ik !== undefined) removeFrom(this.#index, ik, key);
  }
}

function addTo<T>(
  index: Map<string, Map<string, T>>,
  ik: string,
  key: string,
  o: T,
) {
  let bucket = index.get(ik);
  if (!bucket) {
    bucket = new Map();
    index.set(ik, bucket);
  }
  bucket.set(key, o);
}

function removeFrom<T>(
  index: Map<string, Map<string, T>>,
  ik: string,
  key: string,
) {
  const bucket = index.get(ik);
  bucket?.delete(key);
  if (bucket && bucket.size === 0) index.delete(ik);
}

/** Slim records by kind, for one cluster. */
export class ClusterStore {
  readonly #kinds = new Map<WatchedKind, KindStore>();
  readonly #listeners = new Set<StoreListener>();

  /** Calls `listener` on every later change of any kind; returns the unsubscribe function. */
  onChange(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  kind<K extends WatchedKind>(
    kind: K,
  ): KindStore<Extract<SlimObject, { kind: K }>> {
    return this.anyKind(kind) as unknown as KindStore<
      Extract<SlimObject, { kind: K }>
    >;
  }

  /** The records of `kind`, typed for any kind (the watcher, which fills every kind). */
  anyKind(kind: WatchedKind): KindStore {
    let store = this.#kinds.get(kind);
    if (!store) {
      store = new KindStore(kind, (before, after) => {
        for (const listener of this.#listeners) {
          listener({ kind, before, after });
        }
      });
      this.#kinds.set(kind, store);
    }
    return store;
  }

  /** Total number of records kept. */
  get size(): number {
    let n = 0;
    for (const s of this.#kinds.values()) n += s.size;
    return n;
  }
}
