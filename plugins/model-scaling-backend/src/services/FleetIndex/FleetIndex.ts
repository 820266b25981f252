// long-file: the incremental fleet index: change mapping, dirty set, time-sliced recompute and totals must be read together (a property test checks it against a full rebuild).
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  addToFleetTotals,
  ClusterHealth,
  compareFleetRows,
  emptyFleetTotals,
  FleetRow,
  FleetServiceRow,
  FleetSortColumn,
  FleetTotals,
  fleetTotalsOf,
  SlimObject,
  toFleetRow,
} from '@internal/plugin-model-scaling-common';
import { performance } from 'node:perf_hooks';
import { ClusterStore, StoreChange } from '../ClusterWatcher/ObjectStore';
import {
  EntityNamespaceBounds,
  unboundedEntityNamespaces,
} from '../EntityStatus/entityNamespaceBounds';
import { EntityTarget, entityTarget } from '../EntityStatus/entityTarget';
import { matchesLabels } from '../EntityStatus/labelSelector';
import {
  DEFAULT_SLICE_MS,
  nextBackgroundTurn,
} from '../Collection/timeSlicing';
import { workloadsOf } from './workloadsOf';

/** The parts of a cluster's watch cache the fleet index reads. */
export interface FleetIndexCluster {
  name: string;
  store: ClusterStore;
  health(): ClusterHealth;
  configError?: string;
}

/** Where the fleet index gets the catalog's model services (the plugin's entity index). */
export interface FleetEntitySource {
  entities(): Entity[];
  /** Changes when the set was read again (ms since the epoch). */
  readonly refreshedAt?: number;
  readonly size: number;
}

/** What the fleet index reads of collected Triton data. */
export interface FleetTritonSource {
  /** Changes whenever a new collection round was loaded. */
  readonly round?: number;
  resultsFor(workload: string): unknown[];
  throughputHistory(workload: string): unknown[];
}

/** Options of {@link FleetIndex}. */
export interface FleetIndexOptions {
  clusters: FleetIndexCluster[];
  entities: FleetEntitySource;
  /** A service's fleet row with raw cluster errors (the status service's `fleetRow`). */
  rowOf(entity: Entity): FleetServiceRow;
  triton?: FleetTritonSource;
  namespaceBounds?: EntityNamespaceBounds;
  logger: LoggerService;
  /** How long changes gather before affected rows are recomputed (default 250 ms). */
  debounceMs?: number;
  /**
   * Every row is recomputed this often (default 5 minutes), in the background, so
   * findings that depend on time alone (a pod pending for too long, an old
   * rescale) are current without any event.
   */
  sweepMs?: number;
  /** Milliseconds of recomputing before yielding to the event loop (default `DEFAULT_SLICE_MS`, 3). */
  sliceMs?: number;
}

interface Entry {
  entity: Entity;
  /** The entity's etag (or JSON) when its row was computed: a new one means the entity changed. */
  version: string;
  target?: EntityTarget;
  /** `namespace\0key=value`: the exact label term Deployments are matched by. */
  exactKey?: string;
  /** `cluster/namespace/deployment` of the workloads in the row. */
  workloads: string[];
  row?: FleetRow;
  hadTriton: boolean;
}

function entityVersion(entity: Entity): string {
  return entity.metadata.etag ?? JSON.stringify(entity);
}

function healthSignature(c: FleetIndexCluster): string {
  const h = c.health();
  return JSON.stringify([
    c.configError,
    h.lastError,
    h.stale,
    h.staleSince,
    h.synced,
    h.kinds.map(k => [k.kind, k.namespace, k.synced]),
  ]);
}

/**
 * The fleet's rows and totals kept in memory, updated incrementally: every
 * change of the watch cache marks the model services whose workloads it
 * touches (a record → its Deployment → the services whose selector takes it,
 * through an index of the services' exact label terms); a new collection
 * round marks the services with Triton data; a change of a cluster's health,
 * or of the catalog's model services, marks what it affects. Marked rows are
 * recomputed after `debounceMs`, in slices of at most `sliceMs` that yield to the event loop,
 * and the totals are kept by taking a row's old share away and adding its
 * new one. A request reads rows, never builds them.
 */
export class FleetIndex {
  readonly #o: FleetIndexOptions;
  readonly #entries = new Map<string, Entry>();
  /** `namespace\0key=value` → entity refs. */
  readonly #byExact = new Map<string, Set<string>>();
  /** `cluster\0namespace/deployment` → entity refs holding it in their row. */
  readonly #byWorkload = new Map<string, Set<string>>();
  /** `cluster\0node` → pod keys (`namespace/name`) on it. */
  readonly #podsByNode = new Map<string, Set<string>>();
  /** `cluster\0namespace/hpaName` → ScaledObject names whose HPA has that name. */
  readonly #scaledObjectsByHpa = new Map<string, Set<string>>();
  readonly #dirty = new Set<string>();
  readonly #health = new Map<string, string>();
  readonly #unsubscribe: Array<() => void> = [];
  #totals: FleetTotals = emptyFleetTotals();
  #version = 0;
  #sorted = new Map<string, FleetRow[]>();
  #sortedVersion = -1;
  #entitiesSeen?: string;
  #round?: number;
  #timer?: NodeJS.Timeout;
  #flushing?: Promise<void>;
  #lastSweep = 0;
  #recomputed = 0;

  constructor(options: FleetIndexOptions) {
    this.#o = options;
    for (const cluster of options.clusters) {
      this.#unsubscribe.push(
        cluster.store.onChange(change => this.#onChange(cluster, change)),
      );
    }
  }

  /** Starts the background updates. */
  start(): void {
    const tick = () => {
      this.update()
        .catch(error =>
          this.#o.logger.warn('Fleet index update failed', {
            error: String(error),
          }),
        )
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, this.#debounceMs);
        });
    };
    this.#timer = setTimeout(tick, 0);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const u of this.#unsubscribe.splice(0)) u();
  }

  get #debounceMs() {
    return this.#o.debounceMs ?? 250;
  }

  /** Changes whenever a row changed. */
  get version(): number {
    return this.#version;
  }

  /** Rows recomputed since the start (for benchmarks and tests). */
  get recomputed(): number {
    return this.#recomputed;
  }

  /** Rows waiting to be recomputed. */
  get pending(): number {
    return this.#dirty.size;
  }

  /** Every row, in no particular order. */
  rows(): FleetRow[] {
    const out: FleetRow[] = [];
    for (const e of this.#entries.values()) if (e.row) out.push(e.row);
    return out;
  }

  /** The entities that have a row (what a caller's read access is decided on). */
  entities(): Entity[] {
    const out: Entity[] = [];
    for (const e of this.#entries.values()) if (e.row) out.push(e.entity);
    return out;
  }

  /** A cluster's configuration error, if it has one (errors equal to it are shortened as such). */
  configErrorOf(cluster: string): string | undefined {
    return this.#o.clusters.find(c => c.name === cluster)?.configError;
  }

  /** Number of rows. */
  get size(): number {
    return this.#totals.services;
  }

  /** The row of an entity ref, if indexed. */
  row(entityRef: string): FleetRow | undefined {
    return this.#entries.get(entityRef)?.row;
  }

  /** Totals over every row (kept incrementally). */
  totals(): FleetTotals {
    return { ...this.#totals };
  }

  /** Every row in one order (stable: ties by entity ref), kept until a row changes. */
  sorted(sort: FleetSortColumn, order: 'asc' | 'desc'): readonly FleetRow[] {
    if (this.#sortedVersion !== this.#version) {
      this.#sorted = new Map();
      this.#sortedVersion = this.#version;
    }
    const key = `${sort}:${order}`;
    let rows = this.#sorted.get(key);
    if (!rows) {
      rows = this.rows().sort(compareFleetRows(sort, order));
      this.#sorted.set(key, rows);
    }
    return rows;
  }

  /**
   * One update: picks up catalog, health and Triton changes, then recomputes
   * the marked rows. Run by the timer after `start()`; tests call it directly.
   */
  update(): Promise<void> {
    this.#flushing ??= this.#update().finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #update(): Promise<void> {
    this.#syncEntities();
    this.#checkHealth();
    this.#checkTriton();
    const sweepMs = this.#o.sweepMs ?? 300_000;
    if (Date.now() - this.#lastSweep >= sweepMs) {
      this.#lastSweep = Date.now();
      for (const ref of this.#entries.keys()) this.#dirty.add(ref);
    }
    const sliceMs = this.#o.sliceMs ?? DEFAULT_SLICE_MS;
    while (this.#dirty.size > 0) {
      const until = performance.now() + sliceMs;
      for (const ref of this.#dirty) {
        this.#dirty.delete(ref);
        this.#recompute(ref);
        if (performance.now() >= until) break;
      }
      if (this.#dirty.size > 0) await nextBackgroundTurn();
    }
  }

  /**
   * The rows and totals computed from scratch, without touching the index:
   * what the incremental rows must equal (the property test compares them).
   */
  rebuild(): { rows: Map<string, FleetRow>; totals: FleetTotals } {
    const rows = new Map<string, FleetRow>();
    for (const entity of this.#o.entities.entities()) {
      const ref = stringifyEntityRef(entity);
      rows.set(ref, this.#rowOf(entity, this.#targetOf(entity)));
    }
    return { rows, totals: fleetTotalsOf(rows.values()) };
  }

  #syncEntities(): void {
    const source = this.#o.entities;
    const seen = `${source.refreshedAt}:${source.size}`;
    if (seen === this.#entitiesSeen) return;
    this.#entitiesSeen = seen;
    const present = new Set<string>();
    for (const entity of source.entities()) {
      const ref = stringifyEntityRef(entity);
      present.add(ref);
      const version = entityVersion(entity);
      const entry = this.#entries.get(ref);
      if (entry && entry.version === version) continue;
      if (entry) this.#unindexEntity(ref, entry);
      const target = this.#targetOf(entity);
      const next: Entry = {
        entity,
        version,
        target,
        exactKey: target && exactKeyOf(target),
        workloads: entry?.workloads ?? [],
        row: entry?.row,
        hadTriton: entry?.hadTriton ?? false,
      };
      this.#entries.set(ref, next);
      if (next.exactKey) addTo(this.#byExact, next.exactKey, ref);
      this.#dirty.add(ref);
    }
    for (const [ref, entry] of this.#entries) {
      if (present.has(ref)) continue;
      this.#unindexEntity(ref, entry);
      for (const w of entry.workloads) removeFrom(this.#byWorkload, w, ref);
      if (entry.row) this.#removeRow(entry.row);
      this.#entries.delete(ref);
      this.#dirty.delete(ref);
      this.#version++;
    }
  }

  #unindexEntity(ref: string, entry: Entry) {
    if (entry.exactKey) removeFrom(this.#byExact, entry.exactKey, ref);
  }

  #checkHealth(): void {
    let changed = false;
    for (const c of this.#o.clusters) {
      const sig = healthSignature(c);
      if (this.#health.get(c.name) !== sig) {
        this.#health.set(c.name, sig);
        changed = true;
      }
    }
    // A cluster's error or sync state decides which rows carry its error.
    if (changed) for (const ref of this.#entries.keys()) this.#dirty.add(ref);
  }

  #checkTriton(): void {
    const triton = this.#o.triton;
    if (!triton || triton.round === this.#round) return;
    this.#round = triton.round;
    for (const [ref, entry] of this.#entries) {
      if (
        entry.hadTriton ||
        entry.workloads.some(w => this.#hasTriton(w.replace('\u0000', '/')))
      ) {
        this.#dirty.add(ref);
      }
    }
  }

  #hasTriton(workloadKey: string): boolean {
    const t = this.#o.triton;
    return Boolean(
      t &&
        (t.resultsFor(workloadKey).length > 0 ||
          t.throughputHistory(workloadKey).length > 0),
    );
  }

  #targetOf(entity: Entity): EntityTarget | undefined {
    try {
      return entityTarget(
        entity,
        this.#o.namespaceBounds ?? unboundedEntityNamespaces,
      );
    } catch {
      return undefined; // the row says why (fleetRow reports the annotation error)
    }
  }

  #rowOf(entity: Entity, target: EntityTarget | undefined): FleetRow {
    return toFleetRow(this.#o.rowOf(entity), {
      ...(target && { clusterNamespace: target.namespace }),
    });
  }

  #recompute(ref: string): void {
    const entry = this.#entries.get(ref);
    if (!entry) return;
    this.#recomputed++;
    let row: FleetRow;
    try {
      row = this.#rowOf(entry.entity, entry.target);
    } catch (error) {
      this.#o.logger.warn('Fleet row not computed', {
        entity: ref,
        error: String(error),
      });
      return;
    }
    for (const w of entry.workloads) removeFrom(this.#byWorkload, w, ref);
    entry.workloads = entry.target ? this.#workloadsOf(entry.target) : [];
    for (const w of entry.workloads) addTo(this.#byWorkload, w, ref);
    entry.hadTriton = entry.workloads.some(w =>
      this.#hasTriton(w.replace('\u0000', '/')),
    );
    if (entry.row) this.#removeRow(entry.row);
    entry.row = row;
    addToFleetTotals(this.#totals, row, 1);
    this.#version++;
  }

  #removeRow(row: FleetRow) {
    addToFleetTotals(this.#totals, row, -1);
  }

  /** `cluster\0namespace/name` of the Deployments the entity's selector takes. */
  #workloadsOf(target: EntityTarget): string[] {
    const exact = target.selector.requirements.find(
      r => r.op === 'in' && r.values.length === 1,
    );
    const out: string[] = [];
    for (const c of this.#o.clusters) {
      const deployments = c.store.kind('Deployment');
      const candidates = (exact?.op === 'in' &&
        deployments.byLabel(exact.key, exact.values[0])) || [
        ...deployments.values(),
      ];
      for (const d of candidates) {
        if (
          d.meta.namespace === target.namespace &&
          matchesLabels(target.selector, d.meta.labels)
        ) {
          out.push(`${c.name}\u0000${d.meta.namespace}/${d.meta.name}`);
        }
      }
    }
    return out;
  }

  #onChange(cluster: FleetIndexCluster, change: StoreChange): void {
    const { store } = cluster;
    for (const o of [change.before, change.after]) {
      if (!o) continue;
      switch (o.kind) {
        case 'Deployment':
          this.#markDeployment(cluster.name, o);
          break;
        case 'Node': {
          for (const podKey of this.#podsByNode.get(
            `${cluster.name}\u0000${o.meta.name}`,
          ) ?? []) {
            const pod = store.kind('Pod').get(podKey);
            if (pod) this.#markRecord(cluster, pod);
          }
          break;
        }
        default:
          this.#markRecord(cluster, o);
      }
    }
    if (change.kind === 'Pod') this.#trackPodNode(cluster.name, change);
    if (change.kind === 'ScaledObject')
      this.#trackScaledObject(cluster.name, change);
  }

  #markRecord(cluster: FleetIndexCluster, o: SlimObject) {
    for (const w of workloadsOf(
      cluster.store,
      o,
      (ns, hpa) =>
        this.#scaledObjectsByHpa.get(`${cluster.name}\u0000${ns}/${hpa}`) ?? [],
    )) {
      const key = `${cluster.name}\u0000${w}`;
      for (const ref of this.#byWorkload.get(key) ?? []) this.#dirty.add(ref);
      const deployment = cluster.store.kind('Deployment').get(w);
      if (deployment) this.#markDeployment(cluster.name, deployment);
    }
  }

  /** Marks the entities holding the Deployment, and those whose exact label term it carries. */
  #markDeployment(cluster: string, d: SlimObject) {
    const ns = d.meta.namespace ?? '';
    for (const ref of this.#byWorkload.get(
      `${cluster}\u0000${ns}/${d.meta.name}`,
    ) ?? []) {
      this.#dirty.add(ref);
    }
    for (const [k, v] of Object.entries(d.meta.labels)) {
      for (const ref of this.#byExact.get(`${ns}\u0000${k}=${v}`) ?? []) {
        this.#dirty.add(ref);
      }
    }
  }

  #trackPodNode(cluster: string, change: StoreChange) {
    const key = (o?: SlimObject) =>
      o?.kind === 'Pod' && o.nodeName
        ? `${cluster}\u0000${o.nodeName}`
        : undefined;
    const podKey = (o: SlimObject) => `${o.meta.namespace}/${o.meta.name}`;
    const before = key(change.before);
    if (before && change.before)
      removeFrom(this.#podsByNode, before, podKey(change.before));
    const after = key(change.after);
    if (after && change.after)
      addTo(this.#podsByNode, after, podKey(change.after));
  }

  #trackScaledObject(cluster: string, change: StoreChange) {
    const key = (o?: SlimObject) =>
      o?.kind === 'ScaledObject'
        ? `${cluster}\u0000${o.meta.namespace}/${
            o.status.hpaName ?? `keda-hpa-${o.meta.name}`
          }`
        : undefined;
    const before = key(change.before);
    if (before)
      removeFrom(this.#scaledObjectsByHpa, before, change.before!.meta.name);
    const after = key(change.after);
    if (after) addTo(this.#scaledObjectsByHpa, after, change.after!.meta.name);
  }
}

function exactKeyOf(target: EntityTarget): string | undefined {
  const exact = target.selector.requirements.find(
    r => r.op === 'in' && r.values.length === 1,
  );
  return exact?.op === 'in'
    ? `${target.namespace}\u0000${exact.key}=${exact.values[0]}`
    : undefined;
}

function addTo(index: Map<string, Set<string>>, key: string, value: string) {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function removeFrom(
  index: Map<string, Set<string>>,
  key: string,
  value: string,
) {
  const set = index.get(key);
  set?.delete(value);
  if (set && set.size === 0) index.delete(key);
}
