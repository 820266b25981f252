import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { modelScalingApiRef } from './api/ModelScalingApi';
import { createModelScalingClient } from './api/createModelScalingClient';
import { entityContentRouteRef, rootRouteRef } from './routes';

/**
 * The model-scaling plugin for the legacy frontend system.
 *
 * @public
 */
export const modelScalingPlugin = createPlugin({
  id: 'model-scaling',
  apis: [
    createApiFactory({
      api: modelScalingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: createModelScalingClient,
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The Scaling tab for an entity page (legacy system): place it in an
 * `EntityLayout.Route` with `if={isModelScalingAvailable}`. Loaded lazily.
 *
 * @public
 */
export const EntityModelScalingContent = modelScalingPlugin.provide(
  createRoutableExtension({
    name: 'EntityModelScalingContent',
    component: () => import('./components/ScalingTab').then(m => m.ScalingTab),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * The fleet page of all model services (legacy system), with its own page header.
 *
 * @public
 */
export const ModelScalingPage = modelScalingPlugin.provide(
  createRoutableExtension({
    name: 'ModelScalingPage',
    component: () =>
      import('./components/FixProposals/FleetPageWithFixes').then(
        m => m.LegacyFleetPageWithFixes,
      ),
    mountPoint: rootRouteRef,
  }),
);
