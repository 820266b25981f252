import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogLocationsExtensionPoint,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import { readLocalPublish } from './config';
import { LocalFileLocationGuard } from './services/LocalFileLocationGuard';

/**
 * Demo/offline companion of `model-service:repo:publish-local`: a catalog
 * module that keeps `file` locations local.
 *
 * It always adds a processor that reads no `file` location except the static
 * `catalog.locations` of the config and, when
 * `modelScaling.scaffolder.localPublish` is enabled, files whose real path is
 * under its base directory (no glob characters, symlinks resolved). Only
 * then does it let `file` locations be registered through the catalog API
 * (the catalog allows `url` only by default), so locally published
 * repositories can be registered. Pair it with `catalog.rules` that allow
 * only `Component` from those locations (see the README).
 */
export const catalogModuleModelServiceLocalLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'model-service-local-locations',
  register(reg) {
    reg.registerInit({
      deps: {
        locations: catalogLocationsExtensionPoint,
        processing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ locations, processing, config, logger }) {
        const localPublish = readLocalPublish(config);
        const staticTargets = (
          config.getOptionalConfigArray('catalog.locations') ?? []
        )
          .filter(l => l.getString('type') === 'file')
          .map(l => l.getString('target'));
        processing.addProcessor(
          new LocalFileLocationGuard({
            baseDir: localPublish?.baseDir,
            staticTargets,
          }),
        );
        if (!localPublish) {
          return;
        }
        locations.setAllowedLocationTypes(['url', 'file']);
        logger.info(
          'Catalog accepts file locations for locally published model services',
          { baseDir: localPublish.baseDir },
        );
      },
    });
  },
});
