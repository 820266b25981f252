import type { ZodIssue } from 'zod';
import type { PlanProblem } from './PlanValidationError';

/** Collects problems while a plan is built, so all of them are reported at once. */
export class ProblemList {
  readonly items: PlanProblem[] = [];

  add(field: string, message: string): void {
    this.items.push({ field, message });
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}

/** Turns zod issues into problems whose field is the dotted path. */
export function problemsFromIssues(issues: readonly ZodIssue[]): PlanProblem[] {
  return issues.map(issue => ({
    field: issue.path.length ? issue.path.join('.') : '(answers)',
    message: issue.message,
  }));
}
