import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { entityTarget } from '../EntityStatus/entityTarget';
import { findWorkloads } from '../EntityStatus/findWorkloads';
import { TritonTarget, tritonTargets } from './tritonTargets';

/** The catalog filter of model services. */
export const MODEL_SERVICE_ENTITY_FILTER = {
  kind: 'Component',
  'spec.type': 'model-service',
};

/**
 * The pods to sample, from the catalog's model services (read with the
 * plugin's own service credentials) and the watch cache. No Kubernetes call.
 */
export function catalogTritonTargets(options: {
  catalog: CatalogService;
  auth: AuthService;
  cache: WatchCache;
  logger: LoggerService;
}): () => Promise<TritonTarget[]> {
  return async () => {
    const credentials = await options.auth.getOwnServiceCredentials();
    const { items } = await options.catalog.getEntities(
      {
        filter: MODEL_SERVICE_ENTITY_FILTER,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.type',
        ],
      },
      { credentials },
    );
    const targets: TritonTarget[] = [];
    for (const entity of items) {
      let target;
      try {
        target = entityTarget(entity);
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
      for (const cluster of options.cache.clusters) {
        targets.push(
          ...tritonTargets(
            findWorkloads(cluster.name, cluster.store, target),
            target.tritonModels,
          ),
        );
      }
    }
    return targets;
  };
}
