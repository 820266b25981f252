import {
  ApiBlueprint,
  FrontendPlugin,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { modelScalingApiRef } from './api/ModelScalingApi';
import { createModelScalingClient } from './api/createModelScalingClient';
import { isModelScalingAvailable } from './isModelScalingAvailable';
import { rootRouteRef } from './routes';

/** The client of the model-scaling backend. */
const modelScalingApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelScalingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: createModelScalingClient,
    }),
});

/**
 * The Scaling tab on model services (`spec.type: model-service` with a
 * Kubernetes annotation). Its code is loaded when the tab is opened.
 */
const modelScalingEntityContent = EntityContentBlueprint.make({
  name: 'scaling',
  params: {
    path: '/scaling',
    title: 'Scaling',
    filter: isModelScalingAvailable,
    loader: () => import('./components/ScalingTab').then(m => <m.ScalingTab />),
  },
});

/**
 * The fleet page at `/model-scaling`, listed in the app's navigation.
 */
const modelScalingPage = PageBlueprint.make({
  params: {
    path: '/model-scaling',
    title: 'Model scaling',
    icon: <TrendingUpIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/FixProposals/FleetPageWithFixes').then(m => (
        <m.FleetPageWithFixes />
      )),
  },
});

/**
 * The `ModelServiceScalingPlan` field of the "Create new model service"
 * template: the recommended pattern live, the resolved plan and cross-field
 * checks before Create. Loaded when a form uses it.
 */
const modelServiceScalingPlanField = FormFieldBlueprint.make({
  name: 'model-service-scaling-plan',
  params: {
    field: () =>
      import('./scaffolder/scalingPlanFormField').then(
        m => m.scalingPlanFormField,
      ),
  },
});

/**
 * The model-scaling plugin for the new frontend system: the Scaling entity
 * tab, the fleet page with its nav item, the API client and the template's
 * scaling-plan form field. Installed by
 * `app.packages: all` discovery, or by adding it to `createApp({ features })`.
 *
 * @alpha
 */
const modelScalingPlugin: FrontendPlugin = createFrontendPlugin({
  pluginId: 'model-scaling',
  title: 'Model scaling',
  icon: <TrendingUpIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    modelScalingApi,
    modelScalingEntityContent,
    modelScalingPage,
    modelServiceScalingPlanField,
  ],
});

export default modelScalingPlugin;
