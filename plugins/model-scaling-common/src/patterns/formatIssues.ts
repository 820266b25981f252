import type { ZodIssue } from 'zod';

/** Joins a zod issue path with dots, after an optional prefix: `modelScaling.patterns.bursty.maxReplicas`. */
export function issuePath(
  path: readonly (string | number)[],
  prefix?: string,
): string {
  const parts = path.map(String);
  return [prefix, ...parts].filter(p => p !== undefined && p !== '').join('.');
}

/** One line per issue, each naming the field and the rule it broke. */
export function formatIssues(issues: readonly ZodIssue[], prefix?: string) {
  return issues.map(issue => {
    const where = issuePath(issue.path, prefix) || prefix || '(root)';
    return `${where}: ${issue.message}`;
  });
}
