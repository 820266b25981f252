import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import {
  CapacityModel,
  CapacityRecommendation,
  capacityRecommendationsFor,
  CostAmount,
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

function money(amount: CostAmount): string {
  return 'problem' in amount
    ? '—'
    : `${amount.amount.toFixed(2)} ${amount.currency}`;
}

/** `−10.29`, `+1.50`, `0.00`: a change in GPU-hours with its sign. */
function signed(n: number): string {
  const text = Math.abs(n).toFixed(2);
  if (Number(text) === 0) return text;
  return `${n < 0 ? '−' : '+'}${text}`;
}

function summary(r: ReplayResult) {
  return {
    gpuHours: r.gpuHours,
    gpuHoursPerDay: r.gpuHoursPerDay,
    gpuHoursNeeded: r.gpuHoursNeeded,
    podHours: r.podHours,
    cost: r.cost,
    costPerDay: r.costPerDay,
    sloMinutesMissed: r.sloMinutesMissed,
    unservedRequests: r.unservedRequests,
    totalRequests: r.totalRequests,
    maxReplicas: Math.max(...r.replicaTimeline.points.map(p => p.replicas)),
  };
}

function toJson(
  plan: ModelServicePlan,
  baseline: ReplayResult,
  savings: SavingsResult[],
  trafficStartMs: number,
): string {
  return `${JSON.stringify(
    {
      service: plan.name,
      pattern: plan.pattern,
      traffic: {
        start: new Date(trafficStartMs).toISOString(),
        durationSeconds: baseline.durationSeconds,
        gapSteps: baseline.gapSteps,
        notes: baseline.notes,
      },
      baseline: summary(baseline),
      recommendations: savings.map(s => ({
        id: s.recommendation.id,
        title: s.recommendation.title,
        ...(s.recommendation.findingId
          ? { findingId: s.recommendation.findingId }
          : {}),
        change: s.recommendation.change,
        verdict: s.verdict,
        breaksSlo: s.breaksSlo,
        gpuHoursSavedPerDay: s.gpuHoursSavedPerDay,
        costSavedPerDay: s.costSavedPerDay,
        explanation: s.explanation,
        changed: summary(s.changed),
      })),
    },
    null,
    2,
  )}\n`;
}

function toText(
  plan: ModelServicePlan,
  baseline: ReplayResult,
  savings: SavingsResult[],
): string {
  const days = baseline.durationSeconds / 86400;
  const lines = [
    `${plan.name} (${plan.pattern}): ${days.toFixed(
      2,
    )} days of traffic replayed, ${Math.round(
      baseline.totalRequests,
    ).toLocaleString('en-US')} requests`,
    ...baseline.notes.map(n => `  note: ${n}`),
    `Today: ${baseline.gpuHoursPerDay.toFixed(
      2,
    )} GPU-hours/day (the load needed ${(
      baseline.gpuHoursNeeded / days
    ).toFixed(2)}), ${money(baseline.costPerDay)}/day, ${
      baseline.sloMinutesMissed
    } SLO minutes missed, ${Math.round(
      baseline.unservedRequests,
    )} requests unserved`,
  ];
  if ('problem' in baseline.cost)
    lines.push(`  cost: ${baseline.cost.problem}`);
  if (savings.length === 0) {
    lines.push('No capacity change to replay for this service.');
  } else {
    lines.push('Savings per recommendation, replayed on the same traffic:');
    for (const s of savings) {
      let figures = '';
      if (s.verdict === 'breaks-slo')
        figures = ' [not a saving: it breaks the SLO]';
      else if (s.verdict !== 'not-applicable') {
        figures = ` [${signed(-s.gpuHoursSavedPerDay)} GPU-hours/day, ${money(
          s.costSavedPerDay,
        )}/day saved]`;
      }
      lines.push(
        `  ${s.verdict.padEnd(14)} ${s.recommendation.title}${figures}`,
      );
      lines.push(`                 ${s.explanation}`);
    }
  }
  return `${lines.join('\n')}\n`;
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
      ? toJson(plan, baseline, savings, start)
      : toText(plan, baseline, savings),
  );
  return 0;
}
