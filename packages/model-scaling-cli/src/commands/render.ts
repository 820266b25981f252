import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  createPlan,
  ModelServiceAnswers,
  ModelServicePlan,
  parsePlan,
  PlanValidationError,
  renderServiceRepository,
} from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';
import { CliIo, resolvePath } from '../io';
import { presetsFromConfig } from '../presetsFromConfig';
import { readJsonFile } from '../readJson';

/** Options of `model-scaling render`. */
export interface RenderCommandOptions {
  config?: string;
}

function looksLikePlan(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    'version' in json &&
    'autoscaler' in json
  );
}

/**
 * `model-scaling render <plan.json> <outdir>`: turns a plan, or template
 * answers (planned with the presets), into the service's files: k8s/*.yaml,
 * the Triton config.pbtxt, the load-test script, the resolved plan at
 * .model-scaling/plan.json and docs/scaling.md — the files the template writes.
 */
export async function renderCommand(
  input: string,
  outdir: string,
  options: RenderCommandOptions,
  io: CliIo,
): Promise<number> {
  const json = await readJsonFile(resolvePath(io, input), 'Plan');
  let plan: ModelServicePlan;
  try {
    plan = looksLikePlan(json)
      ? parsePlan(json)
      : createPlan(
          json as ModelServiceAnswers,
          await presetsFromConfig(
            options.config && resolvePath(io, options.config),
          ),
        );
  } catch (e) {
    if (e instanceof PlanValidationError) {
      throw new CliError(`${input}: ${e.message}`);
    }
    throw e;
  }
  const root = resolvePath(io, outdir);
  // The same files the template writes (manifests, config.pbtxt, load-test script, the recorded
  // plan at .model-scaling/plan.json, docs/scaling.md), from the same renderer.
  const { files } = renderServiceRepository(plan);
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, 'utf8');
    if (file.executable) await chmod(target, 0o755);
  }
  io.stdout(
    [
      `Rendered ${plan.name} (pattern ${plan.pattern}${
        plan.pattern === plan.recommendedPattern
          ? ''
          : `; recommended ${plan.recommendedPattern}`
      }) into ${outdir}:`,
      ...files.map(f => `  ${f.path}`),
      'Why:',
      ...plan.rationale.map(r => `  - ${r}`),
      '',
    ].join('\n'),
  );
  return 0;
}
