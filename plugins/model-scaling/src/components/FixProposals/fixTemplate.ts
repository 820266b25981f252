import type { ScaffolderScaffoldOptions } from '@backstage/plugin-scaffolder-react';
import type {
  FixIntent,
  FixProposalResult,
} from '@internal/plugin-model-scaling-common';
import { z } from 'zod';

/**
 * The template "Apply scaling fixes", which runs the scaffolder action
 * `model-service:fix:propose` (templates/apply-scaling-fixes/template.yaml).
 */
export const FIX_TEMPLATE_REF = 'template:default/apply-scaling-fixes';

/** What the pages ask the template for: fixes of one service, shown or proposed. */
export interface FixTaskRequest {
  /** The model service, e.g. `component:default/image-classifier`. */
  entityRef: string;
  /** Fixes carried by findings, advice or drift. */
  fixes?: FixIntent[];
  /** Ids of fixes the action computes itself from the repository's plan (preset drift). */
  fixIds?: string[];
  /** Only show the diff; nothing is written anywhere. */
  dryRun: boolean;
}

/** The template's parameters for a request (the names its `parameters` declare). */
export function fixTaskValues(
  request: FixTaskRequest,
): ScaffolderScaffoldOptions['values'] {
  const values: ScaffolderScaffoldOptions['values'] = {
    entityRef: request.entityRef,
    dryRun: request.dryRun,
  };
  if (request.fixes && request.fixes.length > 0) {
    values.fixes = JSON.parse(JSON.stringify(request.fixes));
  }
  if (request.fixIds && request.fixIds.length > 0) {
    values.fixIds = request.fixIds;
  }
  return values;
}

const fixPathSchema = z.array(z.union([z.string(), z.number()]));

const fileEditSchema = z.object({
  file: z.string(),
  format: z.string(),
  document: z.object({ kind: z.string(), name: z.string() }).optional(),
  path: fixPathSchema,
  from: z.unknown(),
  to: z.unknown(),
  reason: z.string(),
});

// The action reports each fix with its id, title and edits; source and
// plan changes are what the page sent, and optional here.
const proposedFixSchema = z.object({
  id: z.string(),
  title: z.string(),
  source: z
    .object({
      kind: z.enum(['finding', 'advice', 'drift']),
      id: z.string(),
      subject: z.string().optional(),
    })
    .optional(),
  planChanges: z
    .array(z.object({ path: fixPathSchema, to: z.unknown() }))
    .default([]),
  edits: z.array(fileEditSchema),
});

// A template output of a skipped step renders as an empty string: absent.
const absentWhenEmpty = (v: unknown) =>
  v === '' || v === null ? undefined : v;
const optionalText = z.preprocess(absentWhenEmpty, z.string().optional());

/** The action's output as the template passes it on (`output.result`). */
export const fixProposalResultSchema = z.object({
  dryRun: z.preprocess(
    v => (v === 'true' || v === 'false' ? v === 'true' : v),
    z.boolean(),
  ),
  diff: z.preprocess(v => v ?? '', z.string()),
  files: z.array(z.string()),
  fixes: z.array(proposedFixSchema),
  alreadyApplied: z.preprocess(
    v => absentWhenEmpty(v) ?? [],
    z.array(fileEditSchema),
  ),
  branch: optionalText,
  commit: optionalText,
  pullRequestUrl: z.preprocess(absentWhenEmpty, z.string().url().optional()),
  /** Link to the pull request or the branch. */
  url: optionalText,
});

/**
 * Reads the result of a finished "Apply scaling fixes" task from its output:
 * the action's output fields passed on by the template's `output` (either
 * at the top level, beside `links` and `text`, or under `result`). An output
 * of another shape is an error naming the field and the rule, never a
 * proposal claimed on a guess.
 */
export function parseFixProposalResult(output: unknown): FixProposalResult {
  const record =
    output && typeof output === 'object'
      ? (output as Record<string, unknown>)
      : {};
  const nested =
    record.result && typeof record.result === 'object' ? 'result.' : '';
  const parsed = fixProposalResultSchema.safeParse(
    nested ? record.result : record,
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `The "Apply scaling fixes" task gave an unexpected output: field "${nested}${issue.path.join(
        '.',
      )}": ${issue.message}`,
    );
  }
  return parsed.data as FixProposalResult;
}
