// long-file: calibration, open-loop load, trace replay and the table of one differential point belong together.
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
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openLoop } from './openLoop';
import {
  fetchConfig,
  fetchMetrics,
  fetchStats,
  infer,
  STATE_DIR,
} from './tritonEnv';

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

/** Successful inferences a stats document counts so far. */
function inferenceCount(doc: any): number {
  return Number(doc.model_stats?.[0]?.inference_stats?.success?.count ?? 0);
}

/**
 * The stats document once it counts `expected` more successful inferences than `prev`.
 * Triton sends the response before it records the request's statistics, so a stats read right
 * after the answer can still miss it; poll briefly (bounded) until the counts have caught up.
 */
async function statsSettled(
  model: string,
  prev: any,
  expected: number,
): Promise<any> {
  const want = inferenceCount(prev) + expected;
  let cur = await fetchStats(model);
  for (let i = 0; i < 100 && inferenceCount(cur) < want; i++) {
    await new Promise(resolve => setTimeout(resolve, 10));
    cur = await fetchStats(model);
  }
  return cur;
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

/** Where serve.py appends one line per execution of a model. */
function executionLogPath(model: string): string {
  return path.join(STATE_DIR, 'executions', `${model}.log`);
}

function logSize(model: string): number {
  return fs.existsSync(executionLogPath(model))
    ? fs.statSync(executionLogPath(model)).size
    : 0;
}

/**
 * The executions of a model since `offset` of its log, as execution times per
 * batch size in the order they ran, each size's times scaled so their mean is
 * Triton's own mean for that size in the interval (the model callable's wall
 * time misses Triton's part of an execution, not its ups and downs).
 */
function executionTrace(
  model: string,
  offset: number,
  triton: BatchProfile,
): Record<number, number[]> {
  const fd = fs.openSync(executionLogPath(model), 'r');
  const size = fs.fstatSync(fd).size;
  const buffer = Buffer.alloc(size - offset);
  fs.readSync(fd, buffer, 0, buffer.length, offset);
  fs.closeSync(fd);
  const bySize: Record<number, number[]> = {};
  for (const line of buffer.toString('utf8').split('\n')) {
    const [, b, us] = line.trim().split(' ').map(Number);
    if (!(b > 0 && us > 0)) continue;
    (bySize[b] ??= []).push(us);
  }
  for (const [b, times] of Object.entries(bySize)) {
    const want = triton.points.find(p => p.batchSize === Number(b))?.latencyUs;
    const mean = times.reduce((n, t) => n + t, 0) / times.length;
    if (want) bySize[Number(b)] = times.map(t => (t * want) / mean);
  }
  return bySize;
}

/** Mean queue time per request between two stats documents of one model, µs. */
function meanQueueUs(prevDoc: any, curDoc: any): number {
  const q0 = prevDoc.model_stats[0].inference_stats.queue;
  const q1 = curDoc.model_stats[0].inference_stats.queue;
  return (q1.ns - q0.ns) / (q1.count - q0.count) / 1000;
}

/**
 * The spread of execution times of a model from Triton's compute summary
 * (`nv_inference_compute_infer_summary_us`, recent window): p90 / p50, at
 * least 1. Stats documents only have sums; on a shared CPU the spread is what
 * makes queues longer than fixed execution times would.
 */
export async function computeSpread(model: string): Promise<number> {
  const text = await fetchMetrics();
  const q = (quantile: string) => {
    const m = text.match(
      new RegExp(
        `^nv_inference_compute_infer_summary_us\\{model="${model}",version="1",quantile="${quantile}"\\} (\\S+)$`,
        'm',
      ),
    );
    return m ? Number(m[1]) : Number.NaN;
  };
  const ratio = q('0.9') / q('0.5');
  return Number.isFinite(ratio) && ratio > 1 ? ratio : 1;
}

/** What the machine adds to the profile, measured on the running server before the load points. */
export interface Calibration {
  /** Mean execution time of a lone request (batch size 1) of the model without dynamic batching, µs. */
  serviceUs: number;
  /** Time an instance is held beyond Triton's compute time per execution (closed loop at saturation), µs. */
  instanceGapUs: number;
  /**
   * Queue time of a lone request beyond the model's max queue delay, per
   * model: the hand-off from the scheduler to an idle instance here, µs.
   */
  schedulerOverheadUs: Record<string, number>;
  /** One instance's capacity without batching: 1e6 / (serviceUs + instanceGapUs). */
  capacityRps: number;
  /**
   * Relative standard error of the calibrated time per execution (the lone requests' spread,
   * `1.2533 σ / (median √n)` for a median, at least 0.5 %): how well this run knows it.
   */
  serviceRelError: number;
}

/**
 * Measures the per-execution costs that are not the profile's sleep: lone
 * requests one after another (service time; the scheduler's hand-off to an
 * idle instance, and for the batching model after its delay), then a closed
 * loop of `concurrency` clients (executions back to back, so wall time per
 * execution minus compute time is the instance's own gap).
 */
export async function calibrate(options: {
  plainModel: string;
  batchingModel: string;
  n?: number;
  concurrency?: number;
}): Promise<Calibration> {
  const n = options.n ?? 30;
  // Lone requests one by one, each between two stats documents: the median of
  // the per-request values is robust to the other work on a shared machine.
  const lone = async (model: string, count: number) => {
    const serviceUs: number[] = [];
    const queueUs: number[] = [];
    const relError = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(
        values.reduce((a, b) => a + (b - mean) ** 2, 0) /
          Math.max(1, values.length - 1),
      );
      return (1.2533 * sd) / (median(values) * Math.sqrt(values.length));
    };
    let prev = await fetchStats(model);
    for (let i = 0; i < count; i++) {
      await infer(model);
      const cur = await statsSettled(model, prev, 1);
      serviceUs.push(measuredProfile(model, prev, cur).points[0].latencyUs);
      queueUs.push(meanQueueUs(prev, cur));
      prev = cur;
    }
    return {
      serviceUs: median(serviceUs),
      queueUs: median(queueUs),
      relError: relError(serviceUs),
    };
  };
  const plain = await lone(options.plainModel, n);

  const concurrency = options.concurrency ?? 4;
  const perClient = Math.ceil((2 * n) / concurrency);
  const s1 = await fetchStats(options.plainModel);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < perClient; i++) await infer(options.plainModel);
    }),
  );
  const wallUs = (performance.now() - t0) * 1000;
  const s2 = await statsSettled(
    options.plainModel,
    s1,
    perClient * concurrency,
  );
  const busy = measuredProfile(options.plainModel, s1, s2).points.find(
    p => p.batchSize === 1,
  )!.latencyUs;
  const executions = perClient * concurrency;
  const instanceGapUs = Math.max(0, wallUs / executions - busy);

  const config = tritonConfigFromJson(await fetchConfig(options.batchingModel));
  const delayUs = config.dynamicBatching?.maxQueueDelayMicroseconds ?? 0;
  const batching = await lone(options.batchingModel, Math.ceil(n / 2));
  return {
    serviceUs: plain.serviceUs,
    instanceGapUs,
    schedulerOverheadUs: {
      [options.plainModel]: plain.queueUs,
      [options.batchingModel]: Math.max(0, batching.queueUs - delayUs),
    },
    capacityRps: 1e6 / (plain.serviceUs + instanceGapUs),
    serviceRelError: Math.max(0.005, plain.relError),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One point of the table. */
export interface DifferentialRow {
  model: string;
  batching: string;
  loadFraction: number;
  rateRps: number;
  requests: number;
  /** 99th percentile of how late the load generator sent (ms): the machine's own noise during the point. */
  lateP99Ms: number;
  real: {
    averageBatchSize: number;
    averageQueueMs: number;
    averageComputeMs: number;
    histogram: { batchSize: number; executions: number }[];
  };
  /** simulateBatching replaying the arrivals and the executions' measured times. */
  simulated: {
    averageBatchSize: number;
    averageQueueMs: number;
    histogram: { batchSize: number; executions: number }[];
  };
  /** simulateBatching replaying the arrivals with the profile's times (mean and spread of the run). */
  fromProfile: { averageBatchSize: number; averageQueueMs: number };
  /** Simulated mean queue time with every execution 2 calibration standard errors shorter / longer. */
  simulatedQueueBandMs: [number, number];
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
  const logOffset = logSize(model);
  const run = await openLoop({
    rateRps,
    seconds: options.seconds,
    seed: options.seed,
    send: () => infer(model),
  });
  const after = await statsSettled(
    model,
    before,
    run.sentUs.length - run.failures,
  );
  if (run.failures > 0) {
    throw new Error(
      `${model}: ${run.failures} requests failed: ${run.firstError}`,
    );
  }
  const [real] = tritonFiguresFromStats(before, t0, after, Date.now());
  // What an execution of each size took in this run (its mean), plus the instance's gap between
  // executions, with the measured spread: simulateBatching draws log-normal times whose median is
  // latencyUs and p90 latencyP90Us, so the median is the mean / exp(σ²/2).
  const measured = measuredProfile(model, before, after);
  const spread = await computeSpread(model);
  const sigma = Math.log(spread) / 1.2816;
  const profile = {
    ...measured,
    points: measured.points.map(p => {
      const median =
        (p.latencyUs + cal.instanceGapUs) / Math.exp((sigma * sigma) / 2);
      return { ...p, latencyUs: median, latencyP90Us: median * spread };
    }),
  };
  const db = config.dynamicBatching;
  const gapped = {
    ...measured,
    points: measured.points.map(p => ({
      ...p,
      latencyUs: p.latencyUs + cal.instanceGapUs,
    })),
  };
  const trace = executionTrace(model, logOffset, gapped);
  const simulate = (executionTimesUs?: Record<number, number[]>) =>
    simulateBatching({
      profile,
      rateRps,
      dynamicBatching: db !== undefined,
      preferredBatchSizes: db?.preferredBatchSize ?? [],
      maxQueueDelayUs: db?.maxQueueDelayMicroseconds ?? 0,
      maxBatchSize: config.maxBatchSize,
      instances: config.instanceGroups.reduce((n, g) => n + (g.count ?? 1), 0),
      arrivalTimesUs: run.sentUs,
      schedulerOverheadUs: cal.schedulerOverheadUs[model] ?? 0,
      ...(executionTimesUs ? { executionTimesUs } : {}),
    });
  const sim = simulate(trace);
  // Near saturation the queue time is steep in the time per execution (M/G/1: the wait grows with
  // ρ / (1 − ρ), so at 90 % a 1 % longer execution means about 10 % more queue). The band replays
  // the same arrivals with every execution (and the instance's gap) 2 standard errors of the
  // calibration shorter and longer: the queue times this run's own measurement allows.
  const band = [-2, 2].map(k => {
    const f = 1 + k * cal.serviceRelError;
    const scaled: Record<number, number[]> = {};
    for (const [b, times] of Object.entries(trace)) {
      scaled[Number(b)] = times.map(t => t * f);
    }
    return simulate(scaled).averageQueueMs;
  });
  // The same without the trace: the profile's mean times with the measured spread.
  const fromProfile = simulate();
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
    lateP99Ms: run.lateP99Ms,
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
    fromProfile: {
      averageBatchSize: fromProfile.averageBatchSize,
      averageQueueMs: fromProfile.averageQueueMs,
    },
    simulatedQueueBandMs: [Math.min(...band), Math.max(...band)],
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
    '| batching | load | req/s | requests | sends late p99 ms | avg batch real / sim (Δ) | mean queue ms real / sim (Δ) | sim queue band ms (±2 SE of the calibration) | queue ms, sim from the profile (Δ) | mean compute ms (real) | batch sizes real (≥5 % of executions) | batch sizes sim |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | --- | --- |',
  ];
  const rel = (sim: number, real: number) =>
    real === 0 ? 0 : (sim - real) / real;
  for (const r of rows) {
    const cells = [
      r.batching,
      `${Math.round(r.loadFraction * 100)} %`,
      r.rateRps.toFixed(1),
      String(r.requests),
      r.lateP99Ms.toFixed(1),
      `${r.real.averageBatchSize.toFixed(
        2,
      )} / ${r.simulated.averageBatchSize.toFixed(2)} (${pct(r.batchError)})`,
      `${r.real.averageQueueMs.toFixed(
        2,
      )} / ${r.simulated.averageQueueMs.toFixed(2)} (${pct(r.queueError)})`,
      `${r.simulatedQueueBandMs[0].toFixed(
        2,
      )}–${r.simulatedQueueBandMs[1].toFixed(2)}`,
      `${r.fromProfile.averageQueueMs.toFixed(2)} (${pct(
        rel(r.fromProfile.averageQueueMs, r.real.averageQueueMs),
      )})`,
      r.real.averageComputeMs.toFixed(2),
      hist(r.real.histogram),
      hist(r.simulated.histogram),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
