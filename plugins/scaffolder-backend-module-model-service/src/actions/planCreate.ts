import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, posix } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createPlan,
  Finding,
  lintPlan,
  ModelServicePlan,
  modelServiceAnswersSchema,
  PatternPresets,
  renderServiceRepository,
} from '@internal/plugin-model-scaling-common';
import { z } from 'zod';
import { forScaffolder } from '../lib/forScaffolder';
import { parseActionInput } from '../lib/parseActionInput';
import { pruneEmpty } from '../lib/pruneEmpty';
import { examples } from './planCreate.examples';

/** The id of the plan action. */
export const PLAN_CREATE_ACTION_ID = 'model-service:plan:create';

const inputSchema = modelServiceAnswersSchema.extend({
  targetPath: z
    .string()
    .default('.')
    .describe(
      'Workspace directory to write the files into; default the workspace root',
    ),
});

const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  title: z.string(),
});

const planSummarySchema = z.object({
  name: z.string(),
  namespace: z.string(),
  pattern: z.string(),
  recommendedPattern: z.string(),
  minReplicas: z.number(),
  maxReplicas: z.number(),
  autoscaler: z.enum(['hpa', 'keda']),
  trigger: z
    .string()
    .describe('cpu-memory for an HPA, else the KEDA trigger type'),
  gpuSharing: z.string().describe('none for CPU-only services'),
  gpuResource: z.string().optional(),
  tritonModels: z
    .string()
    .describe('Comma-separated Triton model names; empty without Triton'),
  latencySloMs: z.number(),
  coldStartBudgetSeconds: z.number().optional(),
});

/** Options of {@link createPlanCreateAction}. */
export interface PlanCreateActionOptions {
  /** The golden-path presets (`resolvePatternPresets` of `modelScaling.patterns`). */
  presets: PatternPresets;
  /** The plan check; default `lintPlan` of the common package. */
  checkPlan?: (plan: ModelServicePlan) => Finding[];
}

/** The small, JSON-safe summary of a plan that later template steps read. */
export function summarizePlan(plan: ModelServicePlan) {
  const a = plan.autoscaler;
  return {
    name: plan.name,
    namespace: plan.namespace,
    pattern: plan.pattern,
    recommendedPattern: plan.recommendedPattern,
    minReplicas: plan.replicas.min,
    maxReplicas: plan.replicas.max,
    autoscaler: a.kind,
    trigger: a.kind === 'hpa' ? 'cpu-memory' : a.trigger.type,
    gpuSharing: plan.gpu?.sharing ?? 'none',
    ...(plan.gpu ? { gpuResource: plan.gpu.resourceName } : {}),
    tritonModels: plan.triton ? plan.triton.modelName : '',
    latencySloMs: plan.model.latencySloMs,
    ...(plan.coldStartBudgetSeconds !== undefined
      ? { coldStartBudgetSeconds: plan.coldStartBudgetSeconds }
      : {}),
  };
}

function describeFindings(findings: Finding[]): string {
  return findings
    .map(f => `[${f.id}] ${f.title}: ${f.evidence} Fix: ${f.fix}`)
    .join('; ');
}

/**
 * `model-service:plan:create`: turns the template's answers into a validated
 * scaling plan (the recommended pattern for `auto`, or the chosen one, with
 * the golden-path presets) and writes the rendered manifests, Triton config,
 * load-test script and `docs/scaling.md` into the workspace.
 */
export function createPlanCreateAction(options: PlanCreateActionOptions) {
  const checkPlan = options.checkPlan ?? lintPlan;
  return createTemplateAction({
    id: PLAN_CREATE_ACTION_ID,
    description:
      'Plans a model service from the template answers: recommends (pattern auto) or checks the scaling pattern, applies the golden-path presets, and writes k8s/*.yaml, the Triton config.pbtxt (GPU patterns), scripts/load-test.sh and docs/scaling.md.',
    examples,
    supportsDryRun: true,
    schema: {
      input: forScaffolder(inputSchema),
      output: {
        pattern: forScaffolder(z.string().describe('The pattern of the plan')),
        recommendedPattern: forScaffolder(
          z.string().describe('The pattern recommended for the answers'),
        ),
        rationale: forScaffolder(
          z.array(z.string()).describe('Why this pattern and settings'),
        ),
        files: forScaffolder(
          z
            .array(z.string())
            .describe('Files written, relative to the workspace'),
        ),
        plan: forScaffolder(planSummarySchema),
        findings: forScaffolder(
          z
            .array(findingSchema)
            .describe('Warnings and notes of the plan check'),
        ),
      },
    },
    async handler(ctx) {
      const { targetPath, ...answers } = parseActionInput(
        PLAN_CREATE_ACTION_ID,
        inputSchema,
        pruneEmpty(ctx.input),
      );
      let targetDir: string;
      try {
        targetDir = resolveSafeChildPath(ctx.workspacePath, targetPath);
      } catch {
        throw new InputError(
          `targetPath: "${targetPath}" is outside the task workspace`,
        );
      }

      // A PlanValidationError is an InputError whose message names each field.
      const plan = createPlan(answers, options.presets);

      const findings = checkPlan(plan);
      const errors = findings.filter(f => f.severity === 'error');
      if (errors.length > 0) {
        throw new InputError(
          `The ${plan.pattern} plan for ${plan.name} falls into ${
            errors.length
          } scaling pitfall(s): ${describeFindings(errors)}`,
        );
      }

      // Every file the template generates, from the one renderer the CLI and the fixes use too.
      const { files } = renderServiceRepository(plan, {
        checkPlan: () => findings,
      });
      const written = files.map(f => f.path);

      for (const file of files) {
        const absolute = resolveSafeChildPath(targetDir, file.path);
        await mkdir(dirname(absolute), { recursive: true });
        await writeFile(absolute, file.content, 'utf8');
        if (file.executable) {
          await chmod(absolute, 0o755);
        }
      }
      ctx.logger.info(
        `Planned ${plan.name} as ${plan.pattern} (recommended ${plan.recommendedPattern}); wrote ${files.length} files`,
      );

      ctx.output('pattern', plan.pattern);
      ctx.output('recommendedPattern', plan.recommendedPattern);
      ctx.output('rationale', plan.rationale);
      ctx.output(
        'files',
        written.map(path => posix.normalize(posix.join(targetPath, path))),
      );
      ctx.output('plan', summarizePlan(plan));
      ctx.output(
        'findings',
        findings.map(f => ({ id: f.id, severity: f.severity, title: f.title })),
      );
    },
  });
}
