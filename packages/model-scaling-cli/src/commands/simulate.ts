import { readFile } from 'node:fs/promises';
import {
  createPlan,
  ModelServiceAnswers,
  ModelServicePlan,
  parsePlan,
  PlanValidationError,
  readManifests,
  SimulationInputError,
  SimulationResult,
  SimulationSettings,
  simulateAutoscaler,
  simulationInputFromWorkload,
  SimulationWorkload,
  simulationWorkloadFromPlan,
  simulationWorkloadsFromManifests,
  whatIfDefaults,
} from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';
import { collectFiles } from '../files';
import { CliIo, resolvePath } from '../io';
import { readJsonFile } from '../readJson';
import { parseLoadCsv } from './loadCsv';
import {
  parseFormat,
  parseNonNegativeNumber,
  parsePositiveNumber,
} from './options';

/** Options of `model-scaling simulate`. */
export interface SimulateCommandOptions {
  plan?: string;
  manifests?: string;
  deployment?: string;
  load?: string;
  format?: string;
  rpsPerPod?: string;
  maxRpsPerPod?: string;
  serviceTimeMs?: string;
  coldStart?: string;
}

async function fromPlan(path: string, io: CliIo): Promise<SimulationWorkload> {
  const json = await readJsonFile(resolvePath(io, path), 'Plan');
  let plan: ModelServicePlan;
  try {
    plan =
      typeof json === 'object' && json !== null && 'autoscaler' in json
        ? parsePlan(json)
        : createPlan(json as ModelServiceAnswers);
  } catch (e) {
    if (e instanceof PlanValidationError)
      throw new CliError(`${path}: ${e.message}`);
    throw e;
  }
  return simulationWorkloadFromPlan(plan);
}

async function fromManifests(
  dir: string,
  deployment: string | undefined,
  io: CliIo,
): Promise<SimulationWorkload> {
  const files = await collectFiles([resolvePath(io, dir)], io.cwd);
  const workloads = simulationWorkloadsFromManifests(readManifests(files));
  const names = workloads.map(w => w.status.name);
  const workload = deployment
    ? workloads.find(w => w.status.name === deployment)
    : workloads[0];
  if (!workload) {
    throw new CliError(
      deployment
        ? `--deployment ${deployment}: no autoscaled Deployment of that name in ${dir} (found: ${
            names.join(', ') || 'none'
          })`
        : `${dir}: no Deployment with an HPA or ScaledObject found`,
    );
  }
  if (!deployment && workloads.length > 1) {
    throw new CliError(
      `${dir} has ${workloads.length} autoscaled Deployments (${names.join(
        ', ',
      )}); choose one with --deployment`,
    );
  }
  return workload;
}

/**
 * The what-if's settings for the workload (its autoscaler's min/max, target
 * and scale-down window, the cold-start budget) with the capacity and cold
 * start given on the command line. Manifests carry no measured capacity, so
 * a CPU target needs the request rate of one pod and a queue the consume rate.
 */
function settingsFor(
  workload: SimulationWorkload,
  options: SimulateCommandOptions,
): Omit<SimulationSettings, 'load'> {
  const { settings, model } = whatIfDefaults(workload.status, workload.context);
  const trigger =
    workload.status.autoscaler.keda?.triggers[model.primaryIndex]?.type;
  const result = { ...settings };
  if (options.maxRpsPerPod !== undefined) {
    result.podCapacityRps = parsePositiveNumber(
      options.maxRpsPerPod,
      '--max-rps-per-pod',
    );
  }
  if (options.rpsPerPod !== undefined) {
    const rpsPerPod = parsePositiveNumber(options.rpsPerPod, '--rps-per-pod');
    if (model.kind !== 'cpu') {
      throw new CliError(
        `--rps-per-pod applies to a CPU target; for ${
          trigger ? `a ${trigger} trigger` : 'this metric'
        } give --max-rps-per-pod`,
      );
    }
    if (options.maxRpsPerPod !== undefined) {
      throw new CliError(
        'Give one of --rps-per-pod or --max-rps-per-pod: a pod at 100 % of its CPU request serves its maximum, so one sets the other',
      );
    }
    // A pod at the CPU target serves target/100 of what it serves at 100 % of its request.
    result.podCapacityRps = (rpsPerPod * 100) / settings.target;
  } else if (model.kind === 'cpu' && options.maxRpsPerPod === undefined) {
    throw new CliError(
      `--rps-per-pod is required for ${
        model.autoscaler === 'keda' ? 'a KEDA cpu trigger' : 'an HPA'
      }: the request rate at which one pod sits at its CPU target (measure it with a load test)`,
    );
  }
  if (model.kind === 'queue' && options.maxRpsPerPod === undefined) {
    throw new CliError(
      `--max-rps-per-pod is required for a ${
        trigger ?? 'queue'
      } trigger: the messages per second one consumer processes`,
    );
  }
  if (options.serviceTimeMs !== undefined) {
    result.serviceTimeMs = parsePositiveNumber(
      options.serviceTimeMs,
      '--service-time-ms',
    );
  }
  if (options.coldStart !== undefined) {
    result.coldStartSeconds = parseNonNegativeNumber(
      options.coldStart,
      '--cold-start',
    );
  }
  return result;
}

function toCsv(result: SimulationResult): string {
  const cell = (n: number | undefined) =>
    n === undefined ? '' : String(Math.round(n * 1000) / 1000);
  const rows = result.timeline.map(p =>
    [
      p.t,
      p.load,
      p.desiredReplicas,
      p.readyReplicas,
      p.perPodLoad,
      p.unservedRps,
      p.backlog,
      p.latencyMs,
    ]
      .map(cell)
      .join(','),
  );
  return `t,load,desired_replicas,ready_replicas,per_pod_load,unserved_rps,backlog,latency_ms\n${rows.join(
    '\n',
  )}\n`;
}

/**
 * `model-scaling simulate`: runs the autoscaler of a plan or of a manifests
 * directory against a load curve and prints the replica timeline.
 */
export async function simulateCommand(
  options: SimulateCommandOptions,
  io: CliIo,
): Promise<number> {
  const format = parseFormat(options.format, ['json', 'csv'], 'json');
  if (!options.plan === !options.manifests) {
    throw new CliError(
      'Give exactly one of --plan <json> or --manifests <dir>',
    );
  }
  if (!options.load) {
    throw new CliError(
      '--load <csv> is required: a load curve of "t,rps" lines',
    );
  }
  const workload = options.plan
    ? await fromPlan(options.plan, io)
    : await fromManifests(options.manifests!, options.deployment, io);
  const settings = settingsFor(workload, options);

  let loadText: string;
  try {
    loadText = await readFile(resolvePath(io, options.load), 'utf8');
  } catch {
    throw new CliError(`--load ${options.load}: no such file`);
  }
  const input = simulationInputFromWorkload(workload.status, {
    ...settings,
    load: parseLoadCsv(loadText, options.load),
  });
  let result: SimulationResult;
  try {
    result = simulateAutoscaler(input);
  } catch (e) {
    if (e instanceof SimulationInputError) throw new CliError(e.message);
    throw e;
  }
  io.stdout(
    format === 'csv' ? toCsv(result) : `${JSON.stringify(result, null, 2)}\n`,
  );
  return 0;
}
