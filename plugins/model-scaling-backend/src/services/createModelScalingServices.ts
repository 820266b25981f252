import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { toSlimObject } from '@internal/plugin-model-scaling-common';
import { BackendSettings } from '../config/readBackendSettings';
import { WatchCache } from './ClusterWatcher/WatchCache';
import { createEntityNamespaceBounds } from './EntityStatus/entityNamespaceBounds';
import { EntityStatusService } from './EntityStatus/EntityStatusService';
import { catalogTritonTargets } from './TritonCollector/catalogTargets';
import { defaultTritonReader } from './TritonCollector/defaultTritonReader';
import { PodProxyFetcher } from './TritonCollector/PodProxyFetcher';
import { PrometheusClient } from './TritonCollector/PrometheusClient';
import { TritonCollector } from './TritonCollector/TritonCollector';

/** The running parts of the plugin, built from its settings. */
export interface ModelScalingServices {
  cache: WatchCache;
  triton?: TritonCollector;
  status: EntityStatusService;
  start(): void;
  stop(): Promise<void>;
}

/** Builds the watch cache, the Triton collector and the status service. Nothing runs until `start()`. */
export function createModelScalingServices(deps: {
  settings: BackendSettings;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  now?: () => Date;
}): ModelScalingServices {
  const { settings, logger } = deps;
  const cache = new WatchCache({
    clusters: settings.clusters,
    options: settings.options,
    logger,
    reduce: toSlimObject,
    now: deps.now,
  });

  const namespaceBounds = createEntityNamespaceBounds(
    settings.options.entityNamespaces,
  );

  const t = settings.options.triton;
  let triton: TritonCollector | undefined;
  if (t.enabled) {
    const fetchers = new Map(
      cache.clusters.map(c => [
        c.name,
        new PodProxyFetcher(c.client, t.timeoutMs),
      ]),
    );
    triton = new TritonCollector({
      targets: catalogTritonTargets({
        catalog: deps.catalog,
        auth: deps.auth,
        cache,
        logger,
        bounds: namespaceBounds,
      }),
      fetcher: cluster => fetchers.get(cluster),
      reader: defaultTritonReader,
      logger: logger.child({ task: 'triton' }),
      intervalSeconds: t.intervalSeconds,
      concurrency: t.concurrency,
      configRefreshIntervals: t.configRefreshIntervals,
      prometheus: t.prometheus && {
        client: new PrometheusClient({
          url: t.prometheus.url,
          timeoutMs: t.timeoutMs,
        }),
        podLabel: t.prometheus.podLabel,
        namespaceLabel: t.prometheus.namespaceLabel,
        clusterLabel: t.prometheus.clusterLabel,
      },
      now: deps.now,
    });
  }

  const status = new EntityStatusService({
    cache,
    triton,
    presets: settings.presets,
    namespaceBounds,
    now: deps.now,
  });

  return {
    cache,
    triton,
    status,
    start() {
      cache.start();
      triton?.start();
    },
    async stop() {
      await triton?.stop();
      await cache.stop();
    },
  };
}
