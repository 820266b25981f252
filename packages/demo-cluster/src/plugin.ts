import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readDemoClusterConfig } from './config';
import { startDemoCluster } from './startDemoCluster';

/**
 * Backend plugin that runs the demo Kubernetes cluster inside the backend when
 * `demoCluster.enabled` is true, and stops it on shutdown.
 */
export const demoClusterPlugin = createBackendPlugin({
  pluginId: 'demo-cluster',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const { enabled, options } = readDemoClusterConfig(config);
        if (!enabled) {
          logger.info(
            'Demo cluster is disabled (demoCluster.enabled is not true)',
          );
          return;
        }
        const cluster = await startDemoCluster(options);
        logger.info('Demo cluster serving', {
          url: cluster.url,
          fixturesDir: options.fixturesDir ?? '',
        });
        lifecycle.addShutdownHook(async () => {
          await cluster.stop();
          logger.info('Demo cluster stopped');
        });
      },
    });
  },
});
