import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterHealth,
  ClusterKindState,
} from '@internal/plugin-model-scaling-common';
import { ClusterConfig } from '../../config/ClusterConfig';
import { KubeApiClient } from '../KubeApi/KubeApiClient';
import { describeError } from '../KubeApi/KubeApiError';
import { Backoff, BackoffOptions } from './backoff';
import { KEDA_GROUP_PATH, KIND_SPECS, KindSpec, WatchedKind } from './kinds';
import { KindWatcher, Reducer } from './KindWatcher';
import { ClusterStore } from './ObjectStore';

/** See {@link ClusterWatcher.coverage}. */
export type ClusterCoverage = 'listed' | 'pending' | 'not-watched';

/** Options of one {@link ClusterWatcher}. */
export interface ClusterWatcherOptions {
  cluster: ClusterConfig;
  logger: LoggerService;
  /** Reduces a raw object of `kind` from `cluster` to its slim record. */
  reduce: (kind: WatchedKind, raw: any, cluster: string) => any;
  /** Namespaces to watch; empty for all. */
  namespaces: string[];
  backoff: BackoffOptions;
  requestTimeoutMs: number;
  watchTimeoutSeconds: number;
  /** Objects per list page (default 500). */
  pageSize?: number;
  /** Deadline of each list page request (default: requestTimeoutMs). */
  listTimeoutMs?: number;
  /** How often to look again for the KEDA API group when it was absent. */
  rediscoverMs?: number;
  now?: () => Date;
}

/**
 * The watch cache of one cluster: discovers whether KEDA is installed, runs
 * one {@link KindWatcher} per kind (and namespace), keeps the slim records in
 * a {@link ClusterStore}, and reports its health.
 */
export class ClusterWatcher {
  readonly store = new ClusterStore();
  readonly client: KubeApiClient;
  readonly #o: ClusterWatcherOptions;
  readonly #watchers: KindWatcher[] = [];
  readonly #now: () => Date;
  #kedaAvailable = false;
  #kedaKnown = false;
  #discoveryError?: string;
  #discoveryTimer?: NodeJS.Timeout;
  #discoveryBackoff: Backoff;
  #stopped = false;

  constructor(options: ClusterWatcherOptions) {
    this.#o = options;
    this.client = new KubeApiClient(options.cluster);
    this.#now = options.now ?? (() => new Date());
    this.#discoveryBackoff = new Backoff(options.backoff);
  }

  get name(): string {
    return this.#o.cluster.name;
  }

  /** Why the cluster cannot be used as configured, if so. */
  get configError(): string | undefined {
    return this.#o.cluster.configError;
  }

  get kedaAvailable(): boolean {
    return this.#kedaAvailable;
  }

  start(): void {
    if (this.#o.cluster.configError) {
      this.#o.logger.warn('Cluster not watched', {
        cluster: this.name,
        error: this.#o.cluster.configError,
      });
      return;
    }
    for (const spec of KIND_SPECS) {
      if (!spec.requiresDiscovery) {
        this.#startKind(spec);
      }
    }
    void this.#discoverKeda();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#discoveryTimer) clearTimeout(this.#discoveryTimer);
    await Promise.all(this.#watchers.map(w => w.stop()));
    await this.client.close();
  }

  /**
   * True while the cluster is usable right now: configured, every kind
   * listed, and no list or watch failing (a watch cut by its deadline counts
   * as failing until a new one starts). Data of a cluster that is not
   * connected may still be served from the cache, marked stale.
   */
  get connected(): boolean {
    if (this.#o.cluster.configError) return false;
    return (
      this.#watchers.length > 0 &&
      this.#watchers.every(w => w.synced && !w.failing)
    );
  }

  /**
   * Whether objects of `kind` in `namespace` are in the cache: `listed` once a
   * list covering that namespace completed, `not-watched` when the namespace
   * is outside `modelScaling.namespaces` (nothing of it can ever be here),
   * else `pending` (not listed yet, or the cluster is misconfigured).
   */
  coverage(kind: WatchedKind, namespace: string): ClusterCoverage {
    if (this.#o.cluster.configError) return 'pending';
    if (
      this.#o.namespaces.length > 0 &&
      !this.#o.namespaces.includes(namespace)
    ) {
      return 'not-watched';
    }
    return this.#watchers.some(
      w =>
        w.kind === kind &&
        (w.namespace === undefined || w.namespace === namespace) &&
        w.synced,
    )
      ? 'listed'
      : 'pending';
  }

  /** Health for `GET /v1/clusters`. */
  health(): ClusterHealth {
    const cluster = this.#o.cluster;
    if (cluster.configError) {
      return {
        name: cluster.name,
        url: cluster.url,
        synced: false,
        stale: false,
        lastError: cluster.configError,
        kedaAvailable: false,
        kinds: [],
      };
    }
    const states = this.#watchers.map(w => w.state);
    const synced = states.length > 0 && states.every(s => s.synced);
    const failing = states.filter(s => s.lastError);
    const errorSince = failing
      .map(s => s.errorSince!)
      .filter(Boolean)
      .sort()[0];
    const lastSyncAt = states
      .map(s => s.lastListAt)
      .filter(Boolean)
      .sort()
      .pop();
    const lastError =
      failing.length > 0
        ? `${failing[0].kind}${
            failing[0].namespace ? ` in ${failing[0].namespace}` : ''
          }: ${failing[0].lastError}`
        : this.#discoveryError;
    const kinds: ClusterKindState[] = states.map(s => ({
      kind: s.kind,
      ...(s.namespace && { namespace: s.namespace }),
      synced: s.synced,
      watching: s.connected,
      count: s.count,
      resourceVersion: s.resourceVersion,
      ...(s.lastError && { lastError: s.lastError }),
    }));
    return {
      name: cluster.name,
      url: cluster.url,
      synced,
      // Data is stale when we have some and can no longer keep it current.
      stale: failing.length > 0 && states.some(s => s.synced),
      ...(failing.length > 0 && errorSince && { staleSince: errorSince }),
      ...(lastSyncAt && { lastSyncAt }),
      ...(lastError && { lastError }),
      kedaAvailable: this.#kedaAvailable,
      kinds,
    };
  }

  #startKind(spec: KindSpec) {
    const scopes: (string | undefined)[] =
      spec.namespaced && this.#o.namespaces.length > 0
        ? this.#o.namespaces
        : [undefined];
    const cluster = this.name;
    const reduce: Reducer = raw => this.#o.reduce(spec.kind, raw, cluster);
    for (const namespace of scopes) {
      const watcher = new KindWatcher({
        client: this.client,
        spec,
        namespace,
        store: this.store.anyKind(spec.kind),
        reduce,
        logger: this.#o.logger,
        backoff: this.#o.backoff,
        requestTimeoutMs: this.#o.requestTimeoutMs,
        watchTimeoutSeconds: this.#o.watchTimeoutSeconds,
        pageSize: this.#o.pageSize,
        listTimeoutMs: this.#o.listTimeoutMs,
        now: this.#now,
      });
      this.#watchers.push(watcher);
      watcher.start();
    }
  }

  /** Looks up the KEDA API group; watches ScaledObjects/ScaledJobs when it is served. */
  async #discoverKeda(): Promise<void> {
    if (this.#stopped) return;
    let retryMs: number;
    try {
      const res = await this.client.request(KEDA_GROUP_PATH, {
        timeoutMs: this.#o.requestTimeoutMs,
      });
      if (this.#stopped) return;
      if (res.status === 404) {
        this.#kedaKnown = true;
        this.#discoveryError = undefined;
        this.#discoveryBackoff.reset();
        retryMs = this.#o.rediscoverMs ?? 10 * 60 * 1000;
      } else if (res.status >= 200 && res.status < 300) {
        const doc = JSON.parse(res.body);
        const names = new Set<string>(
          (doc?.resources ?? []).map((r: { name: string }) => r.name),
        );
        this.#kedaKnown = true;
        this.#discoveryError = undefined;
        this.#kedaAvailable = true;
        for (const spec of KIND_SPECS) {
          if (spec.requiresDiscovery && names.has(spec.plural)) {
            this.#startKind(spec);
          }
        }
        this.#o.logger.info('KEDA found, watching its objects', {
          cluster: this.name,
          kinds: [...names].filter(
            n => n === 'scaledobjects' || n === 'scaledjobs',
          ),
        });
        return;
      } else {
        throw new Error(`GET ${KEDA_GROUP_PATH}: HTTP ${res.status}`);
      }
    } catch (error) {
      if (this.#stopped) return;
      // Do not let a discovery failure hide the watchers' own errors; it is
      // reported only while nothing else explains it.
      this.#discoveryError = this.#kedaKnown
        ? undefined
        : `KEDA discovery: ${describeError(error)}`;
      retryMs = this.#discoveryBackoff.next();
    }
    this.#discoveryTimer = setTimeout(() => void this.#discoverKeda(), retryMs);
    this.#discoveryTimer.unref?.();
  }
}
