import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { readBackendSettings } from '../config/readBackendSettings';

/** The backend settings for one cluster, the demo cluster, plus `modelScaling` config. */
export function demoClusterSettings(
  demo: { url: string; token: string },
  logger: LoggerService,
  modelScaling: object,
) {
  return readBackendSettings(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'demo',
                url: demo.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: demo.token,
                skipTLSVerify: true,
              },
            ],
          },
        ],
      },
      modelScaling,
    }),
    logger,
  );
}
