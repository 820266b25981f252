import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Formats zod issues as `field: rule` sentences, so an error names the field
 * (with its path, e.g. `hpa.maxReplicas`) and the rule it broke.
 */
export function formatZodIssues(issues: z.ZodIssue[]): string {
  return issues
    .map(issue => {
      const field = issue.path.length ? issue.path.join('.') : '(input)';
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Parses an action's input with its zod schema (applying defaults, which the
 * scaffolder's JSON-schema check does not) and throws an `InputError` naming
 * every invalid field.
 */
export function parseActionInput<T extends z.ZodTypeAny>(
  actionId: string,
  schema: T,
  input: unknown,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid input to ${actionId}: ${formatZodIssues(result.error.issues)}`,
    );
  }
  return result.data;
}
