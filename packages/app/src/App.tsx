import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';

/**
 * The portal. Plugins (catalog, scaffolder, kubernetes, search, user settings,
 * model scaling, ...) are discovered from this package's dependencies through
 * `app.packages: all` in app-config.yaml; only app-specific modules are listed.
 */
export default createApp({
  features: [navModule],
});
