import { readFile } from 'node:fs/promises';
import {
  CapacityModel,
  createPlan,
  estimateColdStartSeconds,
  ManifestWorkload,
  manifestWorkloads,
  ModelServiceAnswers,
  ModelServicePlan,
  parsePlan,
  PlanValidationError,
  readManifests,
  renderManifests,
  SimulationInput,
  SimulationInputError,
  SimulationResult,
  simulateAutoscaler,
  SimulatorHpaSpec,
  SimulatorKedaSpec,
} from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';
import { collectFiles } from '../files';
import { CliIo, resolvePath } from '../io';
import { readJsonFile } from '../readJson';
import { parseLoadCsv } from './loadCsv';
import { parseFormat, parseNonNegativeNumber, parsePositiveNumber } from './options';

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

interface Target {
  workload: ManifestWorkload;
  /** Cold start to assume when no --cold-start is given. */
  coldStartSeconds: number;
}

async function fromPlan(path: string, io: CliIo): Promise<Target> {
  const json = await readJsonFile(resolvePath(io, path), 'Plan');
  let plan: ModelServicePlan;
  try {
    plan =
      typeof json === 'object' && json !== null && 'autoscaler' in json
        ? parsePlan(json)
        : createPlan(json as ModelServiceAnswers);
  } catch (e) {
    if (e instanceof PlanValidationError) throw new CliError(`${path}: ${e.message}`);
    throw e;
  }
  const [workload] = manifestWorkloads(readManifests(renderManifests(plan)));
  return {
    workload,
    coldStartSeconds:
      plan.coldStartBudgetSeconds ?? estimateColdStartSeconds(plan.model.sizeGb, plan.model.needsGpu),
  };
}

async function fromManifests(dir: string, deployment: string | undefined, io: CliIo): Promise<Target> {
  const files = await collectFiles([resolvePath(io, dir)], io.cwd);
  const workloads = manifestWorkloads(readManifests(files)).filter(
    w => w.hpas.length > 0 || w.scaledObjects.length > 0,
  );
  const names = workloads.map(w => w.deployment.meta.name);
  const workload = deployment ? workloads.find(w => w.deployment.meta.name === deployment) : workloads[0];
  if (!workload) {
    throw new CliError(
      deployment
        ? `--deployment ${deployment}: no autoscaled Deployment of that name in ${dir} (found: ${names.join(', ') || 'none'})`
        : `${dir}: no Deployment with an HPA or ScaledObject found`,
    );
  }
  if (!deployment && workloads.length > 1) {
    throw new CliError(`${dir} has ${workloads.length} autoscaled Deployments (${names.join(', ')}); choose one with --deployment`);
  }
  return { workload, coldStartSeconds: workload.coldStartBudgetSeconds ?? 60 };
}

function capacityFor(
  autoscaler: SimulatorHpaSpec | SimulatorKedaSpec,
  options: SimulateCommandOptions,
): CapacityModel {
  const capacity: CapacityModel = {};
  if (options.rpsPerPod !== undefined) {
    capacity.rpsPerPodAtTarget = parsePositiveNumber(options.rpsPerPod, '--rps-per-pod');
  }
  if (options.maxRpsPerPod !== undefined) {
    capacity.maxRpsPerPod = parsePositiveNumber(options.maxRpsPerPod, '--max-rps-per-pod');
  }
  if (options.serviceTimeMs !== undefined) {
    capacity.serviceTimeMs = parsePositiveNumber(options.serviceTimeMs, '--service-time-ms');
  }
  if (autoscaler.kind === 'HorizontalPodAutoscaler') {
    if (capacity.rpsPerPodAtTarget === undefined) {
      throw new CliError(
        '--rps-per-pod is required for an HPA: the request rate at which one pod sits at its CPU/memory target (measure it with a load test)',
      );
    }
    return capacity;
  }
  const prometheus = autoscaler.triggers.find(t => t.type === 'prometheus');
  if (prometheus) {
    // A request-rate trigger's threshold is the per-pod load the golden path aims for, about 2/3 of what a pod serves.
    const threshold = Number(prometheus.metadata.threshold);
    if (capacity.maxRpsPerPod === undefined && Number.isFinite(threshold) && threshold > 0) {
      capacity.maxRpsPerPod = threshold * 1.5;
    }
  } else if (capacity.maxRpsPerPod === undefined) {
    throw new CliError(
      `--max-rps-per-pod is required for a ${autoscaler.triggers[0]?.type ?? 'queue'} trigger: the messages per second one consumer processes`,
    );
  }
  if (capacity.maxRpsPerPod === undefined && capacity.rpsPerPodAtTarget === undefined) {
    throw new CliError('--max-rps-per-pod or --rps-per-pod is required for this trigger');
  }
  return capacity;
}

function toCsv(result: SimulationResult): string {
  const cell = (n: number | undefined) => (n === undefined ? '' : String(Math.round(n * 1000) / 1000));
  const rows = result.timeline.map(p =>
    [p.t, p.load, p.desiredReplicas, p.readyReplicas, p.perPodLoad, p.unservedRps, p.backlog, p.latencyMs]
      .map(cell)
      .join(','),
  );
  return `t,load,desired_replicas,ready_replicas,per_pod_load,unserved_rps,backlog,latency_ms\n${rows.join('\n')}\n`;
}

/**
 * `model-scaling simulate`: runs the autoscaler of a plan or of a manifests
 * directory against a load curve and prints the replica timeline.
 */
export async function simulateCommand(options: SimulateCommandOptions, io: CliIo): Promise<number> {
  const format = parseFormat(options.format, ['json', 'csv'], 'json');
  if (!options.plan === !options.manifests) {
    throw new CliError('Give exactly one of --plan <json> or --manifests <dir>');
  }
  if (!options.load) {
    throw new CliError('--load <csv> is required: a load curve of "t,rps" lines');
  }
  const target = options.plan
    ? await fromPlan(options.plan, io)
    : await fromManifests(options.manifests!, options.deployment, io);
  const autoscaler = (target.workload.scaledObjects[0] ?? target.workload.hpas[0]) as
    | SimulatorKedaSpec
    | SimulatorHpaSpec;

  let loadText: string;
  try {
    loadText = await readFile(resolvePath(io, options.load), 'utf8');
  } catch {
    throw new CliError(`--load ${options.load}: no such file`);
  }
  const input: SimulationInput = {
    autoscaler,
    load: parseLoadCsv(loadText, options.load),
    capacity: capacityFor(autoscaler, options),
    coldStartSeconds:
      options.coldStart !== undefined
        ? parseNonNegativeNumber(options.coldStart, '--cold-start')
        : target.coldStartSeconds,
  };
  let result: SimulationResult;
  try {
    result = simulateAutoscaler(input);
  } catch (e) {
    if (e instanceof SimulationInputError) throw new CliError(e.message);
    throw e;
  }
  io.stdout(format === 'csv' ? toCsv(result) : `${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
