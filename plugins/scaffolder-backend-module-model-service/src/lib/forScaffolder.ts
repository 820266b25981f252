import type { ZodTypeAny } from 'zod';

/**
 * Hands a zod schema of this package to `createTemplateAction`. The
 * scaffolder types its schema callbacks with the `zod/v3` build bundled in
 * its own zod 4 dependency, which TypeScript treats as unrelated to the zod 3
 * the common package's schemas are made with; at runtime both convert to the
 * same JSON schema. Handlers parse their input with the original schema (see
 * `parseActionInput`), so no type information is lost.
 */
export function forScaffolder(schema: ZodTypeAny): (zImpl: unknown) => any {
  return () => schema;
}
