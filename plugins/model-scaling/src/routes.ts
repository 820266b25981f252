import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The fleet page. A legacy route ref that the new frontend system also
 * accepts, so both systems share one reference.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'model-scaling' });

/** The Scaling tab on an entity page (legacy system mount point). */
export const entityContentRouteRef = createRouteRef({
  id: 'model-scaling:entity-content',
});
