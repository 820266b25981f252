import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createClusterApplyAction } from './actions/clusterApply';
import { createFixProposeAction } from './actions/fixPropose';
import { createPlanCreateAction } from './actions/planCreate';
import { createRepoPublishLocalAction } from './actions/repoPublishLocal';
import { readModelServiceScaffolderConfig } from './config';

/**
 * The scaffolder module with the actions of the "Create new model service"
 * golden path: `model-service:plan:create`, `model-service:cluster:apply`
 * and `model-service:repo:publish-local`, and `model-service:fix:propose`
 * of the "Apply scaling fixes" template.
 */
export const scaffolderModuleModelService = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'model-service',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, config, logger, catalog, permissions }) {
        const options = readModelServiceScaffolderConfig(config, {
          warn: message => logger.warn(message),
        });
        scaffolder.addActions(
          createPlanCreateAction({ presets: options.presets }),
          createClusterApplyAction({ targets: options.targets, logger }),
          createRepoPublishLocalAction({
            localPublish: options.localPublish,
            catalog,
            defaultAuthor: options.defaultAuthor,
          }),
          createFixProposeAction({
            catalog,
            permissions,
            integrations: ScmIntegrations.fromConfig(config),
            presets: options.presets,
            localBaseDir: options.localPublish?.baseDir,
            defaultAuthor: options.defaultAuthor,
          }),
        );
        logger.info('Model service scaffolder actions registered', {
          targets: options.targets
            .flatMap(t => t.namespaces.map(ns => `${t.cluster}/${ns}`))
            .join(', '),
          localPublish: options.localPublish?.baseDir ?? 'disabled',
        });
      },
    });
  },
});
