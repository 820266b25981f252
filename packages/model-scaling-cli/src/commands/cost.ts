import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import {
  CapacityModel,
  CapacityRecommendation,
  capacityRecommendationsFor,
  CostSettings,
  createPlan,
  EconomicsInputError,
  ModelServiceAnswers,
  ModelServicePlan,
  parsePlan,
  PlanValidationError,
  replay,
  ReplayResult,
  replayTargetFromPlan,
  resolveCostSettings,
  savingsFor,
  SavingsResult,
} from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';
import { CliIo, resolvePath } from '../io';
import { presetsFromConfig } from '../presetsFromConfig';
import { readJsonFile } from '../readJson';
import { costReportJson, costReportText } from './costReport';
import { parseTrafficFile } from './costTraffic';
import {
  parseFormat,
  parseNonNegativeNumber,
  parsePositiveNumber,
} from './options';

/** Options of `model-scaling cost`. */
export interface CostCommandOptions {
  plan?: string;
  traffic?: string;
  config?: string;
  price?: string;
  spotPrice?: string;
  currency?: string;
  product?: string;
  sharedBy?: string;
  spot?: boolean;
  maxRpsPerPod?: string;
  rpsPerPod?: string;
  serviceTimeMs?: string;
  coldStart?: string;
  batchingMaxRpsPerPod?: string;
  step?: string;
  format?: string;
  json?: boolean;
}

async function readPlan(
  path: string,
  config: string | undefined,
  io: CliIo,
): Promise<ModelServicePlan> {
  const json = await readJsonFile(resolvePath(io, path), 'Plan');
  try {
    return typeof json === 'object' && json !== null && 'autoscaler' in json
      ? parsePlan(json)
      : createPlan(
          json as ModelServiceAnswers,
          await presetsFromConfig(config && resolvePath(io, config)),
        );
  } catch (e) {
    if (e instanceof PlanValidationError)
      throw new CliError(`${path}: ${e.message}`);
    throw e;
  }
}

/** `modelScaling.costs` of an app-config, then the command-line prices on top (which turn costs on). */
async function readSettings(
  options: CostCommandOptions,
  product: string | undefined,
  io: CliIo,
): Promise<CostSettings> {
  let raw: unknown;
  if (options.config) {
    const path = resolvePath(io, options.config);
    try {
      raw = (
        parse(await readFile(path, 'utf8')) as {
          modelScaling?: { costs?: unknown };
        } | null
      )?.modelScaling?.costs;
    } catch (e) {
      throw new CliError(
        `app-config ${options.config} cannot be read: ${(e as Error).message}`,
      );
    }
  }
  let settings: CostSettings;
  try {
    settings = resolveCostSettings(raw);
  } catch (e) {
    if (e instanceof EconomicsInputError)
      throw new CliError(`${options.config}: ${e.message}`);
    throw e;
  }
  if (options.currency !== undefined) {
    if (!/^[A-Z]{3}$/.test(options.currency)) {
      throw new CliError(
        `--currency must be an ISO 4217 code such as USD or EUR (got "${options.currency}")`,
      );
    }
    settings = { ...settings, currency: options.currency };
  }
  if (options.price !== undefined || options.spotPrice !== undefined) {
    if (!product)
      throw new CliError(
        '--price needs the GPU product: the plan names none, give --product',
      );
    const entry = { ...settings.gpuHourPrices[product] };
    if (options.price !== undefined)
      entry.onDemand = parseNonNegativeNumber(options.price, '--price');
    if (options.spotPrice !== undefined)
      entry.spot = parseNonNegativeNumber(options.spotPrice, '--spot-price');
    settings = {
      ...settings,
      enabled: true,
      gpuHourPrices: { ...settings.gpuHourPrices, [product]: entry },
    };
  }
  return settings;
}

function capacityOf(options: CostCommandOptions): Partial<CapacityModel> {
  return {
    maxRpsPerPod:
      options.maxRpsPerPod === undefined
        ? undefined
        : parsePositiveNumber(options.maxRpsPerPod, '--max-rps-per-pod'),
    rpsPerPodAtTarget:
      options.rpsPerPod === undefined
        ? undefined
        : parsePositiveNumber(options.rpsPerPod, '--rps-per-pod'),
    serviceTimeMs:
      options.serviceTimeMs === undefined
        ? undefined
        : parsePositiveNumber(options.serviceTimeMs, '--service-time-ms'),
  };
}

/**
 * `model-scaling cost`: replays a traffic file through a plan's autoscaler and
 * prints GPU-hours and cost per day, then the saving (or the SLO it breaks)
 * of each capacity change worth trying.
 */
export async function costCommand(
  options: CostCommandOptions,
  io: CliIo,
): Promise<number> {
  const format = options.json
    ? 'json'
    : parseFormat(options.format, ['text', 'json'], 'text');
  if (!options.plan)
    throw new CliError('--plan <json> is required: a plan or template answers');
  if (!options.traffic)
    throw new CliError(
      '--traffic <file> is required: CSV "timestamp,rps" or JSON',
    );
  const plan = await readPlan(options.plan, options.config, io);
  const product = options.product ?? plan.gpu?.product ?? plan.gpu?.gpuModel;
  const settings = await readSettings(options, product, io);
  const planned = replayTargetFromPlan(plan, {
    capacity: capacityOf(options),
    coldStartSeconds:
      options.coldStart === undefined
        ? undefined
        : parseNonNegativeNumber(options.coldStart, '--cold-start'),
    product: options.product,
    sharedBy:
      options.sharedBy === undefined
        ? undefined
        : parsePositiveNumber(options.sharedBy, '--shared-by'),
    spot: options.spot ? true : undefined,
  });
  if ('problem' in planned) {
    throw new CliError(
      `${options.plan}: ${planned.problem
        .replace('capacity.maxRpsPerPod', '--max-rps-per-pod')
        .replace('capacity.rpsPerPodAtTarget', '--rps-per-pod')}`,
    );
  }
  const target = planned.target;
  let text: string;
  try {
    text = await readFile(resolvePath(io, options.traffic), 'utf8');
  } catch {
    throw new CliError(`--traffic ${options.traffic}: no such file`);
  }
  const step =
    options.step === undefined
      ? undefined
      : parsePositiveNumber(options.step, '--step');
  const traffic = parseTrafficFile(text, options.traffic, step);

  const recommendations: CapacityRecommendation[] = capacityRecommendationsFor(
    target,
    {
      pattern: plan.pattern,
      modelSizeGb: plan.model.sizeGb,
    },
  );
  if (options.batchingMaxRpsPerPod !== undefined) {
    const maxRpsPerPod = parsePositiveNumber(
      options.batchingMaxRpsPerPod,
      '--batching-max-rps-per-pod',
    );
    recommendations.push({
      id: 'batching',
      title: `Dynamic batching at ${maxRpsPerPod} req/s per pod`,
      change: { kind: 'batching', maxRpsPerPod },
    });
  }
  let baseline: ReplayResult;
  let savings: SavingsResult[];
  try {
    baseline = replay({ target, traffic, settings });
    savings = recommendations.map(recommendation =>
      savingsFor({ target, traffic, settings, recommendation, baseline }),
    );
  } catch (e) {
    if (e instanceof EconomicsInputError)
      throw new CliError(`${options.traffic}: ${e.message}`);
    throw e;
  }
  const start =
    traffic.startMs +
    traffic.values.findIndex(v => v !== null) * traffic.stepSeconds * 1000;
  io.stdout(
    format === 'json'
      ? costReportJson(plan, baseline, savings, start)
      : costReportText(plan, baseline, savings),
  );
  return 0;
}
