import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { EntityNamespaceBounds } from '../EntityStatus/entityNamespaceBounds';
import { EntityTarget, entityTarget } from '../EntityStatus/entityTarget';
import { findWorkloads, WorkloadObjects } from '../EntityStatus/findWorkloads';
import { yieldEvery } from '../Collection/timeSlicing';
import { TritonTarget, tritonTargets } from './tritonTargets';

/** A model service and its workloads in every cluster's cache. */
export interface ModelServiceWorkloads {
  target: EntityTarget;
  workloads: WorkloadObjects[];
}

/** Where a collection round gets the catalog's model services: the plugin's entity index. */
export interface ModelServiceSource {
  entities(): Entity[];
  /** When the last full read of the catalog finished; unset before the first. */
  readonly refreshedAt?: number;
  /** Reads every model service from the catalog (concurrent calls share one read). */
  refresh(): Promise<void>;
}

/**
 * The catalog's model services and their workloads from the watch cache.
 * The services come from the plugin's entity index (kept fresh on its own
 * schedule, every 30 s by default), not from a catalog read per round: at
 * 5,000 services that read was a multi-megabyte answer every 15 s. Before
 * the index's first refresh, the round runs one. No Kubernetes call.
 */
export function indexedModelServices(options: {
  index: ModelServiceSource;
  cache: WatchCache;
  logger: LoggerService;
  /** Which cluster namespaces an entity may select (none when unset). */
  namespaceBounds?: EntityNamespaceBounds;
}): () => Promise<ModelServiceWorkloads[]> {
  return async () => {
    if (options.index.refreshedAt === undefined) await options.index.refresh();
    const services: ModelServiceWorkloads[] = [];
    const pause = yieldEvery();
    for (const entity of options.index.entities()) {
      await pause();
      let target;
      try {
        target = entityTarget(entity, options.namespaceBounds);
      } catch (error) {
        options.logger.debug(
          'Skipped a model service with unreadable annotations',
          {
            entity: entity.metadata.name,
            error: String(error),
          },
        );
        continue;
      }
      services.push({
        target,
        workloads: options.cache.clusters.flatMap(cluster =>
          findWorkloads(cluster.name, cluster.store, target),
        ),
      });
    }
    return services;
  };
}

/**
 * The Triton pods to sample of some model services, a few milliseconds of
 * work at a time (at 5,000 services the whole list took one 13–37 ms turn).
 */
export async function modelServiceTritonTargets(
  services: ModelServiceWorkloads[],
): Promise<TritonTarget[]> {
  const targets: TritonTarget[] = [];
  const pause = yieldEvery();
  for (const s of services) {
    await pause();
    targets.push(...tritonTargets(s.workloads, s.target.tritonModels));
  }
  return targets;
}
