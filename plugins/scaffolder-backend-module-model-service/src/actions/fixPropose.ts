// long-file: the action's checks (permission, source location, plan, conflicts) and both targets in the order they run.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  applyFileEdits,
  FixError,
  FixIntent,
  fixIntentForFinding,
  lintPlan,
  modelScalingFixProposePermission,
  PatternPresets,
  PLAN_FILE_PATH,
  parsePlanFile,
  presetFixIntents,
  proposeFixes,
} from '@internal/plugin-model-scaling-common';
import { z } from 'zod';
import { forScaffolder } from '../lib/forScaffolder';
import { resolveServiceRepository } from '../lib/fixRepository/resolveServiceRepository';
import type { FixAuthor } from '../lib/fixRepository/ServiceRepository';
import { parseActionInput } from '../lib/parseActionInput';
import { unifiedDiff } from '../lib/unifiedDiff';
import { examples } from './fixPropose.examples';

/** The id of the fix action. */
export const FIX_PROPOSE_ACTION_ID = 'model-service:fix:propose';

const pathSchema = z.array(
  z.union([z.string().min(1), z.number().int().min(0)]),
);

const fixIntentSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  source: z.object({
    kind: z.enum(['finding', 'advice', 'drift']),
    id: z.string().min(1),
    subject: z.string().optional(),
  }),
  planChanges: z
    .array(z.object({ path: pathSchema.min(1), to: z.unknown() }))
    .min(1, 'a fix changes at least one plan field'),
});

const inputSchema = z
  .object({
    entityRef: z
      .string()
      .min(1)
      .describe('The model service, e.g. component:default/image-classifier'),
    fixIds: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Ids of fixes the repository’s plan offers (preset drift, plan findings), e.g. preset:service',
      ),
    fixes: z
      .array(fixIntentSchema)
      .optional()
      .describe(
        'Fixes carried by findings, advice or drift (plan changes; re-checked and re-rendered here)',
      ),
    dryRun: z
      .boolean()
      .default(false)
      .describe('Only show the diff; nothing is written'),
    target: z
      .enum(['local-branch', 'pull-request'])
      .optional()
      .describe(
        'local-branch (default for local repositories) or pull-request (default for GitHub)',
      ),
    branch: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be a valid branch name')
      .refine(
        b => !b.includes('..') && !b.endsWith('.lock') && !b.endsWith('/'),
        'must be a valid branch name',
      )
      .optional()
      .describe(
        'Branch to create; default model-scaling/fix-<hash of the fix ids>',
      ),
  })
  .refine(i => (i.fixIds?.length ?? 0) + (i.fixes?.length ?? 0) > 0, {
    message: 'give at least one fix in fixIds or fixes',
    path: ['fixIds'],
  });

const editSchema = z.object({
  file: z.string(),
  format: z.string(),
  path: pathSchema,
  from: z.unknown(),
  to: z.unknown(),
  reason: z.string(),
});

/** Options of {@link createFixProposeAction}. */
export interface FixProposeActionOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  integrations: ScmIntegrationRegistry;
  presets: PatternPresets;
  /** Local repositories (demo) are only changed under this directory. */
  localBaseDir?: string;
  /** Used when the initiating user has no profile name and email. */
  defaultAuthor: FixAuthor;
  /** For tests: the fetch used to call GitHub. */
  fetch?: typeof fetch;
}

/** Fixes the repository's plan offers by id: preset drift and the plan check's findings. */
function offeredFixes(
  plan: Parameters<typeof presetFixIntents>[0],
  presets: PatternPresets,
): FixIntent[] {
  const fromFindings = lintPlan(plan)
    .map(f =>
      fixIntentForFinding(f, {
        pattern: plan.pattern,
        presets,
        latencySloMs: plan.model.latencySloMs,
      }),
    )
    .filter((f): f is FixIntent => f !== undefined);
  return [...presetFixIntents(plan, presets), ...fromFindings];
}

function defaultBranch(ids: string[]): string {
  const hash = createHash('sha256')
    .update(ids.join('\n'))
    .digest('hex')
    .slice(0, 8);
  return `model-scaling/fix-${hash}`;
}

function describeChange(
  fixes: { title: string; id: string }[],
  entityRef: string,
) {
  const title =
    fixes.length === 1
      ? fixes[0].title
      : `Scaling fixes for ${entityRef} (${fixes.length})`;
  const body = [
    `Proposed by Model Scaling for \`${entityRef}\`. Each change is what the "Create new model service" template generates for the changed plan (\`${PLAN_FILE_PATH}\`).`,
    '',
    ...fixes.map(f => `- ${f.title} (\`${f.id}\`)`),
    '',
    'Nothing was applied to a cluster: the service’s own delivery applies the change once merged.',
  ].join('\n');
  return { title, body };
}

/**
 * `model-service:fix:propose`: turns fixes of findings, advice and drift into
 * a reviewed change of a model service's repository. It reads the plan the
 * template recorded, changes it as the fixes say, re-renders, applies the
 * resulting field edits structurally to the repository's files (refusing
 * any field changed since), outputs the unified diff and — unless a dry run
 * — commits to a new branch (local repositories) or opens a pull request
 * (GitHub through the portal's integration). Requires
 * `model-scaling.fix.propose` on the entity. Never touches a cluster.
 */
export function createFixProposeAction(options: FixProposeActionOptions) {
  return createTemplateAction({
    id: FIX_PROPOSE_ACTION_ID,
    description:
      'Proposes scaling fixes to a model service’s repository: re-renders the recorded plan with the fixes, patches the manifests and config.pbtxt structurally, shows the diff, and commits to a branch (local repository) or opens a pull request (GitHub). Needs model-scaling.fix.propose; never applies to a cluster.',
    examples,
    supportsDryRun: true,
    schema: {
      input: forScaffolder(inputSchema),
      output: {
        dryRun: forScaffolder(z.boolean()),
        diff: forScaffolder(z.string().describe('Unified diff of the change')),
        files: forScaffolder(z.array(z.string()).describe('Changed files')),
        fixes: forScaffolder(
          z
            .array(
              z.object({
                id: z.string(),
                title: z.string(),
                edits: z.array(editSchema),
              }),
            )
            .describe('The fixes with their file edits'),
        ),
        alreadyApplied: forScaffolder(
          z.array(editSchema).describe('Edits the repository already has'),
        ),
        branch: forScaffolder(z.string().optional()),
        commit: forScaffolder(z.string().optional()),
        pullRequestUrl: forScaffolder(z.string().optional()),
        url: forScaffolder(
          z
            .string()
            .optional()
            .describe('Link to the pull request or the branch'),
        ),
      },
    },
    async handler(ctx) {
      const input = parseActionInput(
        FIX_PROPOSE_ACTION_ID,
        inputSchema,
        ctx.input,
      );
      const credentials = await ctx.getInitiatorCredentials();
      const [decision] = await options.permissions.authorize(
        [
          {
            permission: modelScalingFixProposePermission,
            resourceRef: input.entityRef,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Not allowed to propose fixes for ${input.entityRef} (${modelScalingFixProposePermission.name})`,
        );
      }
      const entity = await options.catalog.getEntityByRef(input.entityRef, {
        credentials,
      });
      if (!entity) {
        throw new NotFoundError(
          `entityRef: ${input.entityRef} is not in the catalog`,
        );
      }
      const entityRef = stringifyEntityRef(entity);
      const repository = await resolveServiceRepository(entity, {
        integrations: options.integrations,
        localBaseDir: options.localBaseDir,
        fetch: options.fetch,
      });
      const target =
        input.target ??
        (repository.kind === 'local' ? 'local-branch' : 'pull-request');
      if (target === 'pull-request' && repository.kind === 'local') {
        throw new InputError(
          `target: ${repository.url} is a local repository, which has no pull requests; use local-branch`,
        );
      }

      const plan = parsePlanFile(await repository.readFile(PLAN_FILE_PATH));
      const offered = offeredFixes(plan, options.presets);
      const byId = new Map(offered.map(f => [f.id, f]));
      const unknown = (input.fixIds ?? []).filter(id => !byId.has(id));
      if (unknown.length > 0) {
        throw new FixError({
          code: 'unknown-fix',
          message: `fixIds: ${unknown.join(', ')} ${
            unknown.length === 1 ? 'is' : 'are'
          } not offered by ${entityRef}'s plan; offered: ${
            offered.map(f => f.id).join(', ') ||
            'none (the plan is on its preset)'
          }`,
        });
      }
      const intents: FixIntent[] = [
        ...(input.fixIds ?? []).map(id => byId.get(id)!),
        ...((input.fixes ?? []) as FixIntent[]),
      ];
      const { fixes } = proposeFixes(intents, plan);
      const edits = fixes.flatMap(f => f.edits);
      const files = new Map<string, string | undefined>();
      for (const file of new Set(edits.map(e => e.file))) {
        // Paths come from the recorded plan (e.g. the Triton model name): stay inside the repository.
        if (
          posix.isAbsolute(file) ||
          posix.normalize(file) !== file ||
          file.startsWith('../')
        ) {
          throw new FixError({
            code: 'unreadable-file',
            file,
            message: `${PLAN_FILE_PATH} leads to the file "${file}", which is not a path inside the repository; nothing was written`,
          });
        }
        files.set(file, await repository.readFile(file));
      }
      const applied = applyFileEdits(path => files.get(path), edits);
      const diff = unifiedDiff(applied.files);

      ctx.output('dryRun', input.dryRun || !!ctx.isDryRun);
      ctx.output('diff', diff);
      ctx.output(
        'files',
        applied.files.map(f => f.path),
      );
      ctx.output(
        'fixes',
        fixes.map(f => ({ id: f.id, title: f.title, edits: f.edits })) as any,
      );
      ctx.output('alreadyApplied', applied.alreadyApplied as any);
      ctx.logger.info(
        `${fixes.length} fix(es) for ${entityRef}: ${applied.files.length} file(s) change in ${repository.url}`,
      );
      if (input.dryRun || ctx.isDryRun) return;
      if (applied.files.length === 0) {
        ctx.logger.info(
          `The repository already has every change; no ${
            target === 'pull-request' ? 'pull request' : 'branch'
          } was made`,
        );
        return;
      }

      const profile = ctx.user?.entity?.spec?.profile;
      const author =
        profile?.displayName && profile?.email
          ? { name: profile.displayName, email: profile.email }
          : options.defaultAuthor;
      const change = describeChange(fixes, entityRef);
      const delivery = await repository.deliver({
        files: applied.files.map(f => ({ path: f.path, content: f.after })),
        branch: input.branch ?? defaultBranch(fixes.map(f => f.id)),
        message: `${change.title}\n\n${change.body}`,
        author,
        ...(target === 'pull-request' ? { pullRequest: change } : {}),
      });
      ctx.output('branch', delivery.branch);
      ctx.output('commit', delivery.commit);
      ctx.output('url', delivery.url);
      if (delivery.pullRequestUrl)
        ctx.output('pullRequestUrl', delivery.pullRequestUrl);
    },
  });
}
