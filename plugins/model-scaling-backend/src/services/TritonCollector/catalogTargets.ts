import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { EntityNamespaceBounds } from '../EntityStatus/entityNamespaceBounds';
import {
  EntityTarget,
  memoizedEntityTarget,
} from '../EntityStatus/entityTarget';
import { findWorkloads, WorkloadObjects } from '../EntityStatus/findWorkloads';
import { yieldEvery } from '../Collection/timeSlicing';
import { TritonTarget, tritonTargets } from './tritonTargets';

/** A model service and its workloads in every cluster's cache. */
export interface ModelServiceWorkloads {
  target: EntityTarget;
  workloads: WorkloadObjects[];
}

/**
 * The catalog's model services, from the plugin's entity index (kept fresh
 * on its own schedule, `ModelServiceIndex`, so a round does not query the
 * catalog for every model service), and their workloads from the watch
 * cache. No Kubernetes call. Each entity's annotations are read once per
 * entity object.
 */
export function catalogModelServices(options: {
  /** The model service entities (the plugin's index). */
  entities: () => Promise<Entity[]>;
  cache: WatchCache;
  logger: LoggerService;
  /** Which cluster namespaces an entity may select (none when unset). */
  namespaceBounds?: EntityNamespaceBounds;
}): () => Promise<ModelServiceWorkloads[]> {
  const targetOf = memoizedEntityTarget(options.namespaceBounds);
  return async () => {
    const items = await options.entities();
    const services: ModelServiceWorkloads[] = [];
    const pause = yieldEvery();
    for (const entity of items) {
      await pause();
      let target;
      try {
        target = targetOf(entity);
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
