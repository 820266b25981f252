import { renderPlanFile } from '../fixes/planFile';
import { lintPlan } from '../lint/lintManifests';
import type { ModelServicePlan } from '../plan/planSchema';
import { renderServiceFiles } from '../render/renderManifests';
import {
  renderLoadTestScript,
  serviceEndpoint,
} from '../render/renderLoadTestScript';
import { renderScalingDoc } from '../render/renderScalingDoc';
import type { Finding } from '../types/status';

/** One file of a generated model-service repository. */
export interface RepositoryFile {
  /** Path relative to the repository root, `/`-separated. */
  path: string;
  content: string;
  /** Written with the executable bit (the load-test script). */
  executable?: boolean;
}

/** Everything "Create new model service" generates for a plan. */
export interface ServiceRepository {
  files: RepositoryFile[];
  /** The plan's scaling pitfalls (`lintPlan`), as `docs/scaling.md` lists them. */
  findings: Finding[];
}

/** Where the generated scaling doc lives. */
export const SCALING_DOC_PATH = 'docs/scaling.md';
/** Where the generated load-test script lives. */
export const LOAD_TEST_SCRIPT_PATH = 'scripts/load-test.sh';

/**
 * Every file of the repository the template generates for a plan, in the order it writes them:
 * the Kubernetes manifests, the Triton `config.pbtxt` (Triton patterns), the load-test script,
 * the recorded plan (`.model-scaling/plan.json`, which fixes re-render from) and
 * `docs/scaling.md`, whose file list names every one of them. The scaffolder action, the CLI's
 * `render` and the fixes all write what this returns, so they cannot drift apart.
 *
 * @public
 */
export function renderServiceRepository(
  plan: ModelServicePlan,
  options: { checkPlan?: (plan: ModelServicePlan) => Finding[] } = {},
): ServiceRepository {
  const findings = (options.checkPlan ?? lintPlan)(plan);
  const rendered = renderServiceFiles(plan);
  const files: RepositoryFile[] = rendered.map(f => ({
    path: f.path,
    content: f.content,
  }));
  files.push({
    path: LOAD_TEST_SCRIPT_PATH,
    content: renderLoadTestScript(
      plan,
      serviceEndpoint(
        plan,
        rendered.flatMap(f => f.objects),
      ),
    ),
    executable: true,
  });
  const planFile = renderPlanFile(plan);
  files.push({ path: planFile.path, content: planFile.content });
  const written = [...files.map(f => f.path), SCALING_DOC_PATH];
  files.push({
    path: SCALING_DOC_PATH,
    content: renderScalingDoc(plan, findings, written),
  });
  return { files, findings };
}
