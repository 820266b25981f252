import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { modelScalingPlugin } from '../plugin';

/** A cluster entry of the test config. */
export interface TestCluster {
  name: string;
  url: string;
  token: string;
}

/**
 * Starts a test backend with the model-scaling plugin, a catalog holding
 * `entities`, the clusters in `kubernetes.clusterLocatorMethods`, and
 * httpAuth that rejects requests without credentials.
 */
export async function startScalingBackend(options: {
  clusters: TestCluster[];
  entities: Entity[];
  modelScaling?: Record<string, unknown>;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  return startTestBackend({
    features: [
      modelScalingPlugin,
      // The real scheduler (on the test database), so the collection task runs on its interval.
      schedulerServiceFactory,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: options.clusters.map(c => ({
                  name: c.name,
                  url: c.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: c.token,
                  skipTLSVerify: true,
                })),
              },
            ],
          },
          modelScaling: {
            watch: { backoff: { initialMs: 100, maxMs: 1000 } },
            triton: { intervalSeconds: 1, timeoutMs: 1000, concurrency: 4 },
            ...options.modelScaling,
          },
        },
      }),
    ],
  });
}

/** Polls `check` until it returns a truthy value (returned), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20000,
  what = 'condition',
): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(
        `${what} not reached within ${timeoutMs} ms${last ? `: ${last}` : ''}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
}
