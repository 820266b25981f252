import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Demo/offline companion of `model-service:repo:publish-local`: a catalog
 * module that lets locations of type `file` be registered through the catalog
 * API (the catalog allows only `url` by default), so the locally published
 * repositories can be registered. Does nothing unless
 * `modelScaling.scaffolder.localPublish.baseDir` is configured. Pair it with
 * `catalog.rules` that only accept `file` locations under that directory
 * (see the README).
 */
export const catalogModuleModelServiceLocalLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'model-service-local-locations',
  register(reg) {
    reg.registerInit({
      deps: {
        locations: catalogLocationsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ locations, config, logger }) {
        const baseDir = config.getOptionalString(
          'modelScaling.scaffolder.localPublish.baseDir',
        );
        if (!baseDir) {
          return;
        }
        locations.setAllowedLocationTypes(['url', 'file']);
        logger.info(
          'Catalog accepts file locations for locally published model services',
          { baseDir },
        );
      },
    });
  },
});
