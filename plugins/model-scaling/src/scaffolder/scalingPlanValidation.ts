import { configApiRef } from '@backstage/core-plugin-api';
import {
  PatternPresets,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { planPreview } from './planPreview';
import { ModelServiceFormData } from './formAnswers';

/** The presets as app-config sets them, the built-in ones when the config is missing or invalid. */
export function presetsFrom(
  config: { getOptional<T>(key: string): T | undefined } | undefined,
): PatternPresets {
  try {
    return resolvePatternPresets(
      config?.getOptional<Record<string, unknown>>('modelScaling.patterns') ??
        {},
    );
  } catch {
    return resolvePatternPresets({});
  }
}

/**
 * Validates the whole form when the user leaves the Scaling page: resolves
 * the plan with the same rules as the `model-service:plan:create` step
 * (min ≤ max, queue delay below the SLO, model fits the MIG slice, batch
 * sizes ≤ max batch size, …) and adds one error per problem, each naming
 * its form field. So a bad combination stops here, not after Create.
 */
export const scalingPlanValidation: CustomFieldValidator<unknown> = (
  _value,
  validation,
  context,
) => {
  const presets = presetsFrom(context.apiHolder.get(configApiRef));
  const preview = planPreview(
    context.formData as ModelServiceFormData,
    presets,
  );
  if (preview.kind === 'problems') {
    for (const p of preview.problems) {
      validation.addError(`${p.label}: ${p.message}`);
    }
  }
};
