import { createTwoFilesPatch } from 'diff';

/** A unified diff (`a/` and `b/` prefixes, 3 lines of context) of changed files, in the given order. */
export function unifiedDiff(
  files: { path: string; before: string; after: string }[],
): string {
  return files
    .map(f =>
      createTwoFilesPatch(
        `a/${f.path}`,
        `b/${f.path}`,
        f.before,
        f.after,
        undefined,
        undefined,
        {
          context: 3,
        },
      ).replace(/^=+\n/, ''),
    )
    .join('');
}
