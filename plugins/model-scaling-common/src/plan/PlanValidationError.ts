import { InputError } from '@backstage/errors';

/** One problem of a set of answers or a plan: the field and the rule it broke. */
export interface PlanProblem {
  /** Dotted path of the field, e.g. `replicas.min` or `gpu.migProfile`. */
  field: string;
  message: string;
}

/**
 * Thrown by `createPlan` (and `parsePlan`) when answers or a plan break a rule.
 * The message names each field and rule. It is an `InputError`, so a backend
 * route or scaffolder action that lets it through answers 400.
 */
export class PlanValidationError extends InputError {
  readonly problems: PlanProblem[];

  constructor(problems: PlanProblem[], what = 'model service answers') {
    super(
      `Invalid ${what}: ${problems
        .map(p => `${p.field}: ${p.message}`)
        .join('; ')}`,
    );
    this.problems = problems;
  }
}
