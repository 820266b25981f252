import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ScalingPlanField } from './ScalingPlanField';
import { scalingPlanValidation } from './scalingPlanValidation';

/** The name templates use: `ui:field: ModelServiceScalingPlan`. */
export const SCALING_PLAN_FIELD_NAME = 'ModelServiceScalingPlan';

/** The scaffolder form field of the model-service template (loaded lazily). */
export const scalingPlanFormField = createFormField({
  name: SCALING_PLAN_FIELD_NAME,
  component: ScalingPlanField,
  validation: scalingPlanValidation,
});
