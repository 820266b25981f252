/*
 * The differential test of the batching model: the same open-loop requests go
 * to the real Triton and into `simulateBatching`; the real figures come from
 * the server's statistics through the common package's own parser.
 */
import {
  BatchProfile,
  simulateBatching,
  tritonConfigFromJson,
  tritonFiguresFromStats,
} from '@internal/plugin-model-scaling-common';
import { performance } from 'node:perf_hooks';
import { openLoop } from './openLoop';
import { fetchConfig, fetchStats, infer } from './tritonEnv';

interface Duration {
  count: number;
  ns: number;
}
interface BatchStat {
  batch_size: number;
  compute_input: Duration;
  compute_infer: Duration;
  compute_output: Duration;
}

/**
 * Mean execution time per executed batch size between two stats documents:
 * what one execution of that size really took here (the profile's sleep plus
 * the Python model's own overhead and whatever the shared CPU added).
 */
export function measuredProfile(
  model: string,
  prevDoc: any,
  curDoc: any,
): BatchProfile {
  const prev = new Map<number, BatchStat>(
    (prevDoc.model_stats[0].batch_stats ?? []).map((b: BatchStat) => [
      b.batch_size,
      b,
    ]),
  );
  const points = (curDoc.model_stats[0].batch_stats as BatchStat[])
    .map(b => {
      const p = prev.get(b.batch_size);
      const count = b.compute_infer.count - (p?.compute_infer.count ?? 0);
      const ns =
        b.compute_input.ns +
        b.compute_infer.ns +
        b.compute_output.ns -
        ((p?.compute_input.ns ?? 0) +
          (p?.compute_infer.ns ?? 0) +
          (p?.compute_output.ns ?? 0));
      return { batchSize: b.batch_size, count, latencyUs: ns / 1000 / count };
    })
    .filter(p => p.count > 0)
    .sort((a, b) => a.batchSize - b.batchSize)
    .map(({ batchSize, latencyUs }) => ({ batchSize, latencyUs }));
  if (points.length === 0) throw new Error(`${model}: nothing was executed`);
  return { model, points };
}

/** What the machine adds to the profile, measured on the running server before the load points. */
export interface Calibration {
  /** Mean execution time of a lone request (batch size 1) of the model without dynamic batching, µs. */
  serviceUs: number;
  /** Time an instance is held beyond Triton's compute time per execution (closed loop at saturation), µs. */
  instanceGapUs: number;
  /** Queue time of a lone request to the batching model beyond its max queue delay, µs. */
  schedulerOverheadUs: number;
  /** One instance's capacity without batching: 1e6 / (serviceUs + instanceGapUs). */
  capacityRps: number;
}

/**
 * Measures the per-execution costs that are not the profile's sleep: lone
 * requests one after another (service time; the batcher's hand-off after its
 * delay), then a closed loop of `concurrency` clients (executions back to back,
 * so wall time per execution minus compute time is the instance's own gap).
 */
export async function calibrate(options: {
  plainModel: string;
  batchingModel: string;
  n?: number;
  concurrency?: number;
}): Promise<Calibration> {
  const n = options.n ?? 30;
  const s0 = await fetchStats(options.plainModel);
  for (let i = 0; i < n; i++) await infer(options.plainModel);
  const s1 = await fetchStats(options.plainModel);
  const serviceUs = measuredProfile(options.plainModel, s0, s1).points.find(
    p => p.batchSize === 1,
  )!.latencyUs;

  const concurrency = options.concurrency ?? 4;
  const perClient = Math.ceil((2 * n) / concurrency);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < perClient; i++) await infer(options.plainModel);
    }),
  );
  const wallUs = (performance.now() - t0) * 1000;
  const s2 = await fetchStats(options.plainModel);
  const busy = measuredProfile(options.plainModel, s1, s2).points.find(
    p => p.batchSize === 1,
  )!.latencyUs;
  const executions = perClient * concurrency;
  // The first execution starts one round trip late: count it out.
  const instanceGapUs = Math.max(0, wallUs / executions - busy);

  const config = tritonConfigFromJson(await fetchConfig(options.batchingModel));
  const delayUs = config.dynamicBatching?.maxQueueDelayMicroseconds ?? 0;
  const b0 = await fetchStats(options.batchingModel);
  for (let i = 0; i < Math.ceil(n / 2); i++) await infer(options.batchingModel);
  const b1 = await fetchStats(options.batchingModel);
  const q0 = b0.model_stats[0].inference_stats.queue;
  const q1 = b1.model_stats[0].inference_stats.queue;
  const loneQueueUs = (q1.ns - q0.ns) / (q1.count - q0.count) / 1000;
  const schedulerOverheadUs = Math.max(0, loneQueueUs - delayUs);
  return {
    serviceUs,
    instanceGapUs,
    schedulerOverheadUs,
    capacityRps: 1e6 / (serviceUs + instanceGapUs),
  };
}

/** One point of the table. */
export interface DifferentialRow {
  model: string;
  batching: string;
  loadFraction: number;
  rateRps: number;
  requests: number;
  real: {
    averageBatchSize: number;
    averageQueueMs: number;
    averageComputeMs: number;
    histogram: { batchSize: number; executions: number }[];
  };
  simulated: {
    averageBatchSize: number;
    averageQueueMs: number;
    histogram: { batchSize: number; executions: number }[];
  };
  batchError: number;
  queueError: number;
}

/** Sends an open-loop load to a model and compares its statistics with the simulation of the same arrivals. */
export async function differentialPoint(options: {
  model: string;
  loadFraction: number;
  calibration: Calibration;
  seconds: number;
  seed: number;
}): Promise<DifferentialRow> {
  const { model } = options;
  const config = tritonConfigFromJson(await fetchConfig(model));
  const cal = options.calibration;
  const rateRps = options.loadFraction * cal.capacityRps;
  const t0 = Date.now();
  const before = await fetchStats(model);
  const run = await openLoop({
    rateRps,
    seconds: options.seconds,
    seed: options.seed,
    send: () => infer(model),
  });
  const after = await fetchStats(model);
  if (run.failures > 0) {
    throw new Error(
      `${model}: ${run.failures} requests failed: ${run.firstError}`,
    );
  }
  const [real] = tritonFiguresFromStats(before, t0, after, Date.now());
  // What an execution of each size took in this run, plus the instance's gap between executions.
  const measured = measuredProfile(model, before, after);
  const profile = {
    ...measured,
    points: measured.points.map(p => ({
      ...p,
      latencyUs: p.latencyUs + cal.instanceGapUs,
    })),
  };
  const db = config.dynamicBatching;
  const sim = simulateBatching({
    profile,
    rateRps,
    dynamicBatching: db !== undefined,
    preferredBatchSizes: db?.preferredBatchSize ?? [],
    maxQueueDelayUs: db?.maxQueueDelayMicroseconds ?? 0,
    maxBatchSize: config.maxBatchSize,
    instances: config.instanceGroups.reduce((n, g) => n + (g.count ?? 1), 0),
    arrivalTimesUs: run.sentUs,
    schedulerOverheadUs: cal.schedulerOverheadUs,
  });
  const realQueueMs = (real.averageQueueUs ?? 0) / 1000;
  const rel = (sim: number, r: number) => (r === 0 ? 0 : (sim - r) / r);
  return {
    model,
    batching: db
      ? `preferred ${db.preferredBatchSize.join('/')}, delay ${
          db.maxQueueDelayMicroseconds / 1000
        } ms, max ${config.maxBatchSize}`
      : 'none',
    loadFraction: options.loadFraction,
    rateRps,
    requests: run.sentUs.length,
    real: {
      averageBatchSize: real.averageBatchSize ?? 0,
      averageQueueMs: realQueueMs,
      averageComputeMs: (real.averageComputeUs ?? 0) / 1000,
      histogram: real.batchSizeHistogram,
    },
    simulated: {
      averageBatchSize: sim.averageBatchSize,
      averageQueueMs: sim.averageQueueMs,
      histogram: sim.batchSizeHistogram,
    },
    batchError: rel(sim.averageBatchSize, real.averageBatchSize ?? 0),
    queueError: rel(sim.averageQueueMs, realQueueMs),
  };
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
const hist = (h: { batchSize: number; executions: number }[]) => {
  const total = h.reduce((n, x) => n + x.executions, 0);
  return h
    .filter(x => x.executions / total >= 0.05)
    .map(x => `${x.batchSize}:${Math.round((x.executions / total) * 100)}%`)
    .join(' ');
};

/** The table as Markdown. */
export function formatDifferentialTable(rows: DifferentialRow[]): string {
  const lines = [
    '| batching | load | req/s | requests | avg batch real / sim (Δ) | mean queue ms real / sim (Δ) | mean compute ms (real) | batch sizes real (≥5 % of executions) | batch sizes sim |',
    '| --- | ---: | ---: | ---: | --- | --- | ---: | --- | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.batching} | ${Math.round(
        r.loadFraction * 100,
      )} % | ${r.rateRps.toFixed(1)} | ${
        r.requests
      } | ${r.real.averageBatchSize.toFixed(
        2,
      )} / ${r.simulated.averageBatchSize.toFixed(2)} (${pct(
        r.batchError,
      )}) | ${r.real.averageQueueMs.toFixed(
        2,
      )} / ${r.simulated.averageQueueMs.toFixed(2)} (${pct(
        r.queueError,
      )}) | ${r.real.averageComputeMs.toFixed(2)} | ${hist(
        r.real.histogram,
      )} | ${hist(r.simulated.histogram)} |`,
    );
  }
  return lines.join('\n');
}
