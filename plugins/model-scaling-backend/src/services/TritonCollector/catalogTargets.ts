import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MODEL_SERVICE_CATALOG_FILTER } from '@internal/plugin-model-scaling-common';
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

/**
 * The catalog's model services (read with the plugin's own service
 * credentials) and their workloads from the watch cache. No Kubernetes call.
 */
export function catalogModelServices(options: {
  catalog: CatalogService;
  auth: AuthService;
  cache: WatchCache;
  logger: LoggerService;
  /** Which cluster namespaces an entity may select (none when unset). */
  namespaceBounds?: EntityNamespaceBounds;
}): () => Promise<ModelServiceWorkloads[]> {
  return async () => {
    const credentials = await options.auth.getOwnServiceCredentials();
    const { items } = await options.catalog.getEntities(
      {
        filter: { ...MODEL_SERVICE_CATALOG_FILTER },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.type',
          'spec.owner',
        ],
      },
      { credentials },
    );
    const services: ModelServiceWorkloads[] = [];
    const pause = yieldEvery();
    for (const entity of items) {
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
