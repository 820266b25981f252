import {
  createPlan,
  ModelServicePlan,
  PatternId,
} from '@internal/plugin-model-scaling-common';
import { examples } from '../actions/planCreate.examples';
import { exampleSteps } from './exampleSteps';

/** The plans of the four `model-service:plan:create` examples, by pattern. */
export function examplePlans(): Record<PatternId, ModelServicePlan> {
  const plans = examples.map(e => createPlan(exampleSteps(e)[0].input as any));
  return Object.fromEntries(plans.map(p => [p.pattern, p])) as Record<
    PatternId,
    ModelServicePlan
  >;
}
