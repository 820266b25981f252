/*
 * The portal's backend: catalog, scaffolder, kubernetes, permission, search,
 * auth (guest for local use) and the model-scaling plugins.
 */

import { createBackend } from '@backstage/backend-defaults';
import { catalogModuleModelServiceLocalLocations } from '@internal/plugin-scaffolder-backend-module-model-service';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider for local use; configure a real provider in production
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// scaffolder, with the "Create new model service" actions
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@internal/plugin-scaffolder-backend-module-model-service'));
// lets the catalog accept the file locations of the demo's local publisher
// (only when modelScaling.scaffolder.localPublish is configured)
backend.add(catalogModuleModelServiceLocalLocations);

// permission
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search (in-memory Lunr engine) with the catalog collator
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// kubernetes and model scaling (both read kubernetes.clusterLocatorMethods)
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@internal/plugin-model-scaling-backend'));

// The embedded demo cluster is a development harness: `yarn start` and the tests add it, and it
// only listens when demoCluster.enabled is true; a production backend (NODE_ENV=production)
// never imports it.
if (process.env.NODE_ENV !== 'production') {
  backend.add(import('@internal/demo-cluster'));
}

// user settings (stored per user) and signals (pushes their changes to the browser)
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
