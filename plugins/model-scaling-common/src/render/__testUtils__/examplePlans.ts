import { createPlan } from '../../plan/createPlan';
import {
  batchEmbedderAnswers,
  imageClassifierAnswers,
  summarizerAnswers,
  textClassifierAnswers,
} from '../../plan/fixtures';
import type { ModelServiceAnswers } from '../../plan/answersSchema';
import type { ModelServicePlan } from '../../plan/planSchema';
import type { PatternId } from '../../types/status';

/** The answers of the four example services (one per pattern). */
export const exampleAnswers: ModelServiceAnswers[] = [
  textClassifierAnswers,
  imageClassifierAnswers,
  batchEmbedderAnswers,
  summarizerAnswers,
];

/** The plans of the four example services, by pattern. */
export function examplePlans(): Record<PatternId, ModelServicePlan> {
  const plans = exampleAnswers.map(a => createPlan(a));
  return Object.fromEntries(plans.map(p => [p.pattern, p])) as Record<
    PatternId,
    ModelServicePlan
  >;
}
