import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterHealth } from '@internal/plugin-model-scaling-common';
import { ClusterConfig } from '../../config/ClusterConfig';
import { ModelScalingOptions } from '../../config/ModelScalingOptions';
import { ClusterWatcher, ClusterWatcherOptions } from './ClusterWatcher';

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
    this.clusters = o.clusters.map(
      cluster =>
        new ClusterWatcher({
          cluster,
          logger: o.logger.child({ cluster: cluster.name }),
          reduce: o.reduce,
          namespaces: o.options.namespaces,
          backoff: o.options.watch.backoff,
          requestTimeoutMs: o.options.requestTimeoutMs,
          watchTimeoutSeconds: o.options.watch.timeoutSeconds,
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
