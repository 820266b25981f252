import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { toSlimObject } from '@internal/plugin-model-scaling-common';
import { BackendSettings } from '../config/readBackendSettings';
import { WatchCache } from './ClusterWatcher/WatchCache';
import { createEntityNamespaceBounds } from './EntityStatus/entityNamespaceBounds';
import { EntityStatusService } from './EntityStatus/EntityStatusService';
import { ModelServiceIndex } from './EntityIndex/ModelServiceIndex';
import { FleetIndex } from './FleetIndex/FleetIndex';
import { CollectionTask } from './Collection/CollectionTask';
import { CollectorView } from './Collection/CollectorView';
import { CollectorStore } from './CollectorStore/CollectorStore';
import {
  catalogModelServices,
  modelServiceTritonTargets,
} from './TritonCollector/catalogTargets';
import { createTritonCollection } from './TritonCollector/createTritonCollection';
import { TritonCollection } from './TritonCollector/TritonCollection';
import { recordHistoryPoints } from './Traffic/recordHistoryPoints';
import { TrafficOptions } from './Traffic/trafficOptions';
import { TrafficRecorder } from './Traffic/TrafficRecorder';
import { TrafficService } from './Traffic/TrafficService';

/** The running parts of the plugin, built from its settings. */
export interface ModelScalingServices {
  cache: WatchCache;
  /** The Triton collector: in a worker thread (`triton.workerThread`) or on the event loop. */
  triton?: TritonCollection;
  /** One round of the fleet-wide collection (run by the scheduler as a global task). */
  collection: CollectionTask;
  /** This replica's read cache of the collected data. */
  view: CollectorView;
  /** True once every cluster's cache has synced or failed: before that a round would see no workloads. */
  ready(): boolean;
  status: EntityStatusService;
  /** Recorded and Prometheus request rate per service. */
  traffic: TrafficService;
  /** The catalog's model services, refreshed on a schedule (see `scheduleEntityIndex`). */
  entities: ModelServiceIndex;
  /** The fleet's rows and totals, kept up to date from the watch cache, the entities and the collected data. */
  fleet: FleetIndex;
  start(): void;
  stop(): Promise<void>;
}

/** Builds the watch cache, the Triton collector and the status service. Nothing runs until `start()`. */
export function createModelScalingServices(deps: {
  settings: BackendSettings;
  logger: LoggerService;
  auth: AuthService;
  catalog: CatalogService;
  /** The collector's shared state (the plugin's database). */
  store: CollectorStore;
  /** This backend instance, recorded with each collection round. */
  instance: string;
  /** `modelScaling.traffic` and the replay's step (default: 7 d at most, 60 s). */
  traffic?: { options: TrafficOptions; stepSeconds: number };
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

  const services = catalogModelServices({
    catalog: deps.catalog,
    auth: deps.auth,
    cache,
    logger,
    namespaceBounds,
  });

  const t = settings.options.triton;
  let triton: TritonCollection | undefined;
  if (t.enabled) {
    triton = createTritonCollection({
      settings,
      targets: async () => modelServiceTritonTargets(await services()),
      clusterConnected: name =>
        cache.clusters.find(c => c.name === name)?.connected ?? false,
      fetcher: name => cache.clusters.find(c => c.name === name)?.client,
      logger: logger.child({ task: 'triton' }),
      now: deps.now,
    });
  }

  const retentionMs = settings.options.history.retentionMinutes * 60_000;
  const trafficOptions = deps.traffic?.options ?? {
    maxRangeSeconds: 7 * 86400,
    recordHours: 24,
  };
  const recorder = new TrafficRecorder({
    stepSeconds: t.intervalSeconds,
    recordHours: trafficOptions.recordHours,
  });
  const traffic = new TrafficService({
    options: trafficOptions,
    recorder,
    stepSeconds: deps.traffic?.stepSeconds ?? 60,
    now: deps.now,
  });
  const view = new CollectorView({
    store: deps.store,
    retentionMs,
    stepSeconds: t.intervalSeconds,
    onPoints: points => recordHistoryPoints(recorder, points),
    now: deps.now,
  });
  const ready = () =>
    cache.clusters.every(c => {
      const health = c.health();
      return health.synced || Boolean(health.lastError);
    });
  const collection = new CollectionTask({
    ready,
    store: deps.store,
    view,
    services,
    triton,
    instance: deps.instance,
    retentionMs,
    logger: logger.child({ task: 'collection' }),
    now: deps.now,
  });

  const status = new EntityStatusService({
    cache,
    triton: view,
    presets: settings.presets,
    namespaceBounds,
    now: deps.now,
  });

  const entities = new ModelServiceIndex({
    catalog: deps.catalog,
    auth: deps.auth,
    logger: logger.child({ task: 'entity-index' }),
  });

  const fleet = new FleetIndex({
    clusters: cache.clusters,
    entities,
    rowOf: entity => status.fleetRow(entity, { clusterDetails: true }),
    triton: view,
    namespaceBounds,
    logger: logger.child({ task: 'fleet-index' }),
  });

  return {
    cache,
    triton,
    collection,
    view,
    ready,
    status,
    entities,
    fleet,
    traffic,
    start() {
      cache.start();
      fleet.start();
      // The stored history (history.retentionMinutes) seeds the recorded traffic after a restart.
      const nowMs = (deps.now?.() ?? new Date()).getTime();
      deps.store
        .historySince(nowMs - trafficOptions.recordHours * 3_600_000)
        .then(points => recordHistoryPoints(recorder, points))
        .catch(error =>
          logger.warn('Could not read the stored history for traffic', {
            error: String(error),
          }),
        );
    },
    async stop() {
      fleet.stop();
      await triton?.stop();
      await cache.stop();
    },
  };
}
