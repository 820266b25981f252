import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterHealth } from '@internal/plugin-model-scaling-common';
import { ClusterConfig } from '../../config/ClusterConfig';
import { ModelScalingOptions } from '../../config/ModelScalingOptions';
import { ClusterWatcher, ClusterWatcherOptions } from './ClusterWatcher';
import { createRecordCompactor } from './compactRecord';

/** Options of {@link WatchCache}. */
export interface WatchCacheOptions {
  clusters: ClusterConfig[];
  options: ModelScalingOptions;
  logger: LoggerService;
  reduce: ClusterWatcherOptions['reduce'];
  now?: () => Date;
}

/**
 * The watch caches of all configured clusters. Everything the API serves
 * is read from here, in memory.
 */
export class WatchCache {
  readonly clusters: ClusterWatcher[];

  constructor(o: WatchCacheOptions) {
    // One string and sub-object table for all clusters: records of every
    // cluster share namespaces, label keys, images and pod specs.
    const compact = createRecordCompactor();
    const reduce: ClusterWatcherOptions['reduce'] = (kind, raw, cluster) => {
      const record = o.reduce(kind, raw, cluster);
      return record ? compact(record) : record;
    };
    this.clusters = o.clusters.map(
      cluster =>
        new ClusterWatcher({
          cluster,
          logger: o.logger.child({ cluster: cluster.name }),
          reduce,
          namespaces: o.options.namespaces,
          backoff: o.options.watch.backoff,
          requestTimeoutMs: o.options.requestTimeoutMs,
          watchTimeoutSeconds: o.options.watch.timeoutSeconds,
          pageSize: o.options.watch.pageSize,
          listTimeoutMs: o.options.watch.listTimeoutMs,
          now: o.now,
        }),
    );
  }

  start(): void {
    for (const c of this.clusters) c.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.clusters.map(c => c.stop()));
  }

  /** Health of every cluster, for `GET /v1/clusters`. */
  health(): ClusterHealth[] {
    return this.clusters.map(c => c.health());
  }

  /** Total slim records kept across clusters. */
  get size(): number {
    return this.clusters.reduce((n, c) => n + c.store.size, 0);
  }
}
