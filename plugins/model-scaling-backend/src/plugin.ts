import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  modelScalingPermissions,
  resolveCostSettings,
} from '@internal/plugin-model-scaling-common';
import { readBackendSettings } from './config/readBackendSettings';
import { registerRoutes } from './router';
import { createApiRouter } from './schema/createApiRouter';
import { indexEntityReader } from './entityRoute';
import { registerTrafficRoutes } from './trafficRouter';
import { FleetCosts } from './services/Traffic/FleetCosts';
import { readTrafficOptions } from './services/Traffic/trafficOptions';
import { scheduleCollection } from './services/Collection/scheduleCollection';
import { CollectorStore } from './services/CollectorStore/CollectorStore';
import { createModelScalingServices } from './services/createModelScalingServices';
import { CachedEntityAuthorizer } from './services/Authorization/EntityAuthorizer';
import { scheduleEntityIndex } from './services/EntityIndex/scheduleEntityIndex';
import { createFleetWhatIf } from './services/FleetWhatIf/createFleetWhatIf';

/**
 * The model-scaling backend plugin: watches the configured clusters, collects
 * Triton figures and serves the v1 REST API under `/api/model-scaling`.
 *
 * @public
 */
export const modelScalingPlugin = createBackendPlugin({
  pluginId: 'model-scaling',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readBackendSettings(deps.config, deps.logger);
        const costs = resolveCostSettings(
          deps.config.getOptional('modelScaling.costs'),
        );
        const services = createModelScalingServices({
          settings,
          logger: deps.logger,
          auth: deps.auth,
          catalog: deps.catalog,
          store: await CollectorStore.create({ database: deps.database }),
          instance: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
          traffic: {
            options: readTrafficOptions(deps.config),
            stepSeconds: costs.stepSeconds,
          },
        });

        deps.permissionsRegistry.addPermissions(modelScalingPermissions);
        // One per-caller decision cache for every route.
        const authorizer = new CachedEntityAuthorizer({
          permissions: deps.permissions,
        });
        const fleetWhatIf = createFleetWhatIf({
          entities: services.entities,
          status: services.status,
          authorizer,
          presets: settings.presets,
          logger: deps.logger.child({ task: 'fleet-what-if' }),
        });
        // One router for every route: each request passes the body parser
        // and the spec's path matching once.
        const router = await createApiRouter();
        registerRoutes(router, {
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          catalog: deps.catalog,
          status: services.status,
          entities: services.entities,
          fleet: services.fleet,
          fleetWhatIf,
          authorizer,
          logger: deps.logger,
        });
        registerTrafficRoutes(router, {
          httpAuth: deps.httpAuth,
          readEntity: indexEntityReader({
            entities: services.entities,
            authorizer,
          }),
          status: services.status,
          traffic: services.traffic,
          costs,
          fleet: {
            costs: new FleetCosts({
              entities: services.entities,
              status: services.status,
              traffic: services.traffic,
              costs,
            }),
            entities: services.entities,
            authorizer,
          },
        });
        deps.httpRouter.use(router);

        deps.lifecycle.addStartupHook(async () => {
          services.start();
          await scheduleEntityIndex({
            scheduler: deps.scheduler,
            index: services.entities,
            logger: deps.logger,
          });
          await scheduleCollection({
            scheduler: deps.scheduler,
            collection: services.collection,
            view: services.view,
            intervalSeconds: settings.options.triton.intervalSeconds,
            taskTimeoutSeconds: settings.options.triton.taskTimeoutSeconds,
            logger: deps.logger,
          });
        });
        deps.lifecycle.addShutdownHook(() => services.stop());
        deps.lifecycle.addShutdownHook(() => fleetWhatIf.close());
      },
    });
  },
});
