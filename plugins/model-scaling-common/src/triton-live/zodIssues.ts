import type { ZodError } from 'zod';

/**
 * A zod error as one line per issue, each naming the field path
 * (`model_stats[0].inference_count: ...`), or `whole` when the issue is about
 * the whole value.
 */
export function formatZodIssues(
  error: ZodError,
  root = '',
  whole = '(root)',
): string {
  return error.issues
    .map(issue => {
      const path = issue.path.reduce<string>((acc, part) => {
        if (typeof part === 'number') return `${acc}[${part}]`;
        return acc ? `${acc}.${part}` : String(part);
      }, root);
      return `${path || whole}: ${issue.message}`;
    })
    .join('; ');
}
