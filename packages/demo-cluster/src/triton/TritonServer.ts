// long-file: every Triton endpoint the backend reads (metrics, statistics, config) served from one model state.
/** A model a simulated Triton server has loaded. */
export interface TritonModelDefinition {
  name: string;
  version: string;
  /** The JSON of `GET /v2/models/<m>/config`. */
  configJson: Record<string, unknown>;
  /** GPU memory the loaded model holds. */
  memoryBytes: number;
}

/** A GPU (or MIG device) the server sees. */
export interface TritonGpu {
  uuid: string;
  memoryTotalBytes: number;
  powerLimitWatts: number;
}

/** `executions` executions of one batch size, each serving `requestsPerExecution` requests. */
export interface ExecutionGroup {
  batchSize: number;
  requestsPerExecution: number;
  executions: number;
  computeInputUs: number;
  computeInferUs: number;
  computeOutputUs: number;
}

/** The work one model did in one interval. */
export interface ModelWork {
  executions: ExecutionGroup[];
  /** Average queue time of a request in the interval. */
  queueUsPerRequest: number;
  /** Requests rejected (queue full) in the interval. */
  rejected?: number;
  /** Queue length at the end of the interval (gauge). */
  pending: number;
}

interface Duration {
  count: number;
  ns: number;
}

interface ModelCounters {
  success: Duration;
  fail: Duration;
  queue: Duration;
  computeInput: Duration;
  computeInfer: Duration;
  computeOutput: Duration;
  failures: Record<'BACKEND' | 'CANCELED' | 'OTHER' | 'REJECTED', number>;
  inferenceCount: number;
  executionCount: number;
  /** µs sums as Triton's metrics keep them (per request, integer µs). */
  requestUs: number;
  queueUs: number;
  inputUs: number;
  inferUs: number;
  outputUs: number;
  pending: number;
  lastInferenceMs: number;
  batches: Map<
    number,
    { count: number; inputNs: number; inferNs: number; outputNs: number }
  >;
  /** Per-request durations (µs) of the recent intervals, for the latency summaries' quantiles. */
  recent: { atMs: number; observations: Observation[] }[];
}

/** `count` requests that took `us` µs in one part of their life (request, queue, compute). */
interface Observation {
  kind: SummaryKind;
  us: number;
  count: number;
}

type SummaryKind = 'request' | 'queue' | 'input' | 'infer' | 'output';

/**
 * The latency summaries Triton writes with `--metrics-config summary_latencies=true`
 * (names and HELP texts as Triton 2.51 writes them), the counter each one's
 * `_count`/`_sum` equal, and the quantiles it reports (Triton's default
 * `summary_quantiles`).
 */
const SUMMARIES: { kind: SummaryKind; name: string; help: string }[] = [
  {
    kind: 'request',
    name: 'nv_inference_request_summary_us',
    help: 'Summary of inference request duration in microseconds (includes cached requests)',
  },
  {
    kind: 'queue',
    name: 'nv_inference_queue_summary_us',
    help: 'Summary of inference queuing duration in microseconds (includes cached requests)',
  },
  {
    kind: 'input',
    name: 'nv_inference_compute_input_summary_us',
    help: 'Cumulative compute input duration in microseconds (does not include cached requests)',
  },
  {
    kind: 'infer',
    name: 'nv_inference_compute_infer_summary_us',
    help: 'Cumulative compute inference duration in microseconds (does not include cached requests)',
  },
  {
    kind: 'output',
    name: 'nv_inference_compute_output_summary_us',
    help: 'Cumulative inference compute output duration in microseconds (does not include cached requests)',
  },
];
const QUANTILES = [0.5, 0.9, 0.95, 0.99, 0.999];
/** How far back the summaries' quantiles look (prometheus-cpp's sliding window). */
const SUMMARY_WINDOW_MS = 60_000;

/** The q-quantile of weighted observations (the smallest value whose cumulative weight reaches q), or NaN. */
function weightedQuantile(obs: Observation[], q: number): number {
  const total = obs.reduce((n, o) => n + o.count, 0);
  if (total <= 0) return Number.NaN;
  const sorted = [...obs].sort((a, b) => a.us - b.us);
  let seen = 0;
  for (const o of sorted) {
    seen += o.count;
    if (seen >= q * total) return o.us;
  }
  return sorted[sorted.length - 1].us;
}

const zero = (): Duration => ({ count: 0, ns: 0 });
const REQUEST_OVERHEAD_US = 35;

function newCounters(): ModelCounters {
  return {
    success: zero(),
    fail: zero(),
    queue: zero(),
    computeInput: zero(),
    computeInfer: zero(),
    computeOutput: zero(),
    failures: { BACKEND: 0, CANCELED: 0, OTHER: 0, REJECTED: 0 },
    inferenceCount: 0,
    executionCount: 0,
    requestUs: 0,
    queueUs: 0,
    inputUs: 0,
    inferUs: 0,
    outputUs: 0,
    pending: 0,
    lastInferenceMs: 0,
    batches: new Map(),
    recent: [],
  };
}

/** Options of {@link TritonServer}. */
export interface TritonServerOptions {
  models: TritonModelDefinition[];
  gpus: TritonGpu[];
  /** Seconds the models took to load (the `nv_model_load_duration_secs` gauge). */
  loadDurationSecs: number;
  cpuMemoryTotalBytes: number;
  /**
   * Write the latency summaries (`nv_inference_*_summary_us`), as Triton does
   * with `--metrics-config summary_latencies=true` (off in Triton by default).
   * Default true: the demo's pods run Triton with it, so p50/p99 latency shows.
   */
  summaryLatencies?: boolean;
}

/**
 * The counters of one simulated Triton Inference Server process: per-model request,
 * inference and execution counts with cumulative durations (kept the way Triton's
 * `InferenceStatsAggregator` keeps them: per request, and per execution by batch size),
 * and GPU gauges. Counters only ever grow.
 */
export class TritonServer {
  readonly models: TritonModelDefinition[];
  readonly gpus: TritonGpu[];
  readonly loadDurationSecs: number;
  /** False while the models load: `/v2/health/ready` answers 400. */
  ready = false;
  private readonly counters = new Map<string, ModelCounters>();
  private readonly cpuMemoryTotalBytes: number;
  private readonly summaryLatencies: boolean;
  private gpuUtilization = 0;
  private cpuUtilization = 0.02;
  private energyJoules = 0;

  constructor(options: TritonServerOptions) {
    this.models = options.models;
    this.gpus = options.gpus;
    this.loadDurationSecs = options.loadDurationSecs;
    this.cpuMemoryTotalBytes = options.cpuMemoryTotalBytes;
    this.summaryLatencies = options.summaryLatencies ?? true;
    for (const m of options.models) this.counters.set(m.name, newCounters());
  }

  /** The model definition, or undefined. */
  model(name: string): TritonModelDefinition | undefined {
    return this.models.find(m => m.name === name);
  }

  /** Adds the work of one interval to a model's counters. */
  record(modelName: string, work: ModelWork, atMs: number): void {
    const c = this.counters.get(modelName);
    if (!c) throw new Error(`Triton server has no model "${modelName}"`);
    let served = 0;
    const observations: Observation[] = [];
    for (const g of work.executions) {
      if (g.executions <= 0) continue;
      const requests = g.executions * g.requestsPerExecution;
      served += requests;
      const inNs = Math.round(g.computeInputUs * 1000);
      const inferNs = Math.round(g.computeInferUs * 1000);
      const outNs = Math.round(g.computeOutputUs * 1000);
      const queueNs = Math.round(work.queueUsPerRequest * 1000);
      const requestNs =
        queueNs + inNs + inferNs + outNs + REQUEST_OVERHEAD_US * 1000;
      c.inferenceCount += g.executions * g.batchSize;
      c.executionCount += g.executions;
      c.success.count += requests;
      c.success.ns += requests * requestNs;
      c.queue.count += requests;
      c.queue.ns += requests * queueNs;
      c.computeInput.count += requests;
      c.computeInput.ns += requests * inNs;
      c.computeInfer.count += requests;
      c.computeInfer.ns += requests * inferNs;
      c.computeOutput.count += requests;
      c.computeOutput.ns += requests * outNs;
      c.requestUs += requests * Math.floor(requestNs / 1000);
      c.queueUs += requests * Math.floor(queueNs / 1000);
      c.inputUs += requests * Math.floor(inNs / 1000);
      c.inferUs += requests * Math.floor(inferNs / 1000);
      c.outputUs += requests * Math.floor(outNs / 1000);
      observations.push(
        { kind: 'request', us: Math.floor(requestNs / 1000), count: requests },
        { kind: 'queue', us: Math.floor(queueNs / 1000), count: requests },
        { kind: 'input', us: Math.floor(inNs / 1000), count: requests },
        { kind: 'infer', us: Math.floor(inferNs / 1000), count: requests },
        { kind: 'output', us: Math.floor(outNs / 1000), count: requests },
      );
      const b = c.batches.get(g.batchSize) ?? {
        count: 0,
        inputNs: 0,
        inferNs: 0,
        outputNs: 0,
      };
      b.count += g.executions;
      b.inputNs += g.executions * inNs;
      b.inferNs += g.executions * inferNs;
      b.outputNs += g.executions * outNs;
      c.batches.set(g.batchSize, b);
    }
    if (work.rejected && work.rejected > 0) {
      c.failures.REJECTED += work.rejected;
      c.fail.count += work.rejected;
      c.fail.ns += work.rejected * REQUEST_OVERHEAD_US * 1000;
    }
    c.pending = Math.max(0, Math.round(work.pending));
    if (served > 0) c.lastInferenceMs = atMs;
    if (observations.length > 0) c.recent.push({ atMs, observations });
    c.recent = c.recent.filter(r => r.atMs > atMs - SUMMARY_WINDOW_MS);
  }

  /** Sets the gauges that come from DCGM and the host, and accumulates energy. */
  setGauges(gauges: {
    gpuUtilization: number;
    cpuUtilization: number;
    intervalSeconds: number;
  }): void {
    this.gpuUtilization = Math.min(0.999, Math.max(0, gauges.gpuUtilization));
    this.cpuUtilization = Math.min(1, Math.max(0, gauges.cpuUtilization));
    for (const gpu of this.gpus) {
      this.energyJoules += this.powerWatts(gpu) * gauges.intervalSeconds;
    }
  }

  private powerWatts(gpu: TritonGpu): number {
    return gpu.powerLimitWatts * (0.12 + 0.8 * this.gpuUtilization);
  }

  private gpuMemoryUsedBytes(): number {
    return (
      600 * 1024 * 1024 + this.models.reduce((s, m) => s + m.memoryBytes, 0)
    );
  }

  /** The Prometheus text of `:8002/metrics`, as Triton 25.x writes it. */
  metricsText(): string {
    const lines: string[] = [];
    const gpu = this.gpus[0];
    const family = (name: string, help: string, type: 'counter' | 'gauge') => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    const modelLabels = (m: TritonModelDefinition, withGpu: boolean) =>
      withGpu && gpu
        ? `{gpu_uuid="${gpu.uuid}",model="${m.name}",version="${m.version}"}`
        : `{model="${m.name}",version="${m.version}"}`;
    const perModel = (
      name: string,
      help: string,
      type: 'counter' | 'gauge',
      value: (c: ModelCounters) => number,
      withGpu = true,
    ) => {
      family(name, help, type);
      for (const m of this.models) {
        lines.push(
          `${name}${modelLabels(m, withGpu)} ${value(
            this.counters.get(m.name)!,
          )}`,
        );
      }
    };
    perModel(
      'nv_inference_request_success',
      'Number of successful inference requests, all batch sizes',
      'counter',
      c => c.success.count,
    );
    family(
      'nv_inference_request_failure',
      'Number of failed inference requests, all batch sizes',
      'counter',
    );
    for (const m of this.models) {
      const c = this.counters.get(m.name)!;
      for (const reason of [
        'BACKEND',
        'CANCELED',
        'OTHER',
        'REJECTED',
      ] as const) {
        lines.push(
          `nv_inference_request_failure{model="${m.name}",reason="${reason}",version="${m.version}"} ${c.failures[reason]}`,
        );
      }
    }
    perModel(
      'nv_inference_count',
      'Number of inferences performed (does not include cached requests)',
      'counter',
      c => c.inferenceCount,
    );
    perModel(
      'nv_inference_exec_count',
      'Number of model executions performed (does not include cached requests)',
      'counter',
      c => c.executionCount,
    );
    perModel(
      'nv_inference_request_duration_us',
      'Cumulative inference request duration in microseconds (includes cached requests)',
      'counter',
      c => c.requestUs,
    );
    perModel(
      'nv_inference_queue_duration_us',
      'Cumulative inference queuing duration in microseconds (includes cached requests)',
      'counter',
      c => c.queueUs,
    );
    perModel(
      'nv_inference_compute_input_duration_us',
      'Cumulative compute input duration in microseconds (does not include cached requests)',
      'counter',
      c => c.inputUs,
    );
    perModel(
      'nv_inference_compute_infer_duration_us',
      'Cumulative compute inference duration in microseconds (does not include cached requests)',
      'counter',
      c => c.inferUs,
    );
    perModel(
      'nv_inference_compute_output_duration_us',
      'Cumulative inference compute output duration in microseconds (does not include cached requests)',
      'counter',
      c => c.outputUs,
    );
    perModel(
      'nv_inference_pending_request_count',
      'Instantaneous number of pending requests awaiting execution per-model.',
      'gauge',
      c => c.pending,
      false,
    );
    family(
      'nv_model_load_duration_secs',
      'Model load time in seconds',
      'gauge',
    );
    for (const m of this.models) {
      lines.push(
        `nv_model_load_duration_secs{model="${m.name}",version="${
          m.version
        }"} ${this.loadDurationSecs.toFixed(3)}`,
      );
    }
    const perGpu = (
      name: string,
      help: string,
      value: (g: TritonGpu) => number | string,
    ) => {
      if (this.gpus.length === 0) return;
      family(name, help, 'gauge');
      for (const g of this.gpus)
        lines.push(`${name}{gpu_uuid="${g.uuid}"} ${value(g)}`);
    };
    perGpu('nv_gpu_utilization', 'GPU utilization rate [0.0 - 1.0)', () =>
      this.gpuUtilization.toFixed(2),
    );
    perGpu(
      'nv_gpu_memory_total_bytes',
      'GPU total memory, in bytes',
      g => g.memoryTotalBytes,
    );
    perGpu('nv_gpu_memory_used_bytes', 'GPU used memory, in bytes', () =>
      this.gpuMemoryUsedBytes(),
    );
    perGpu('nv_gpu_power_usage', 'GPU power usage in watts', g =>
      this.powerWatts(g).toFixed(3),
    );
    perGpu(
      'nv_gpu_power_limit',
      'GPU power management limit in watts',
      g => g.powerLimitWatts,
    );
    perGpu(
      'nv_energy_consumption',
      'GPU energy consumption in joules since the Triton Server started',
      () => this.energyJoules.toFixed(3),
    );
    family('nv_cpu_utilization', 'CPU utilization rate [0.0 - 1.0]', 'gauge');
    lines.push(`nv_cpu_utilization ${this.cpuUtilization.toFixed(3)}`);
    family(
      'nv_cpu_memory_total_bytes',
      'CPU total memory (RAM), in bytes',
      'gauge',
    );
    lines.push(`nv_cpu_memory_total_bytes ${this.cpuMemoryTotalBytes}`);
    family(
      'nv_cpu_memory_used_bytes',
      'CPU used memory (RAM), in bytes',
      'gauge',
    );
    lines.push(
      `nv_cpu_memory_used_bytes ${Math.round(this.cpuMemoryTotalBytes * 0.18)}`,
    );
    if (this.summaryLatencies) this.summaryLines(lines, modelLabels);
    family(
      'nv_pinned_memory_pool_total_bytes',
      'Pinned memory pool total memory size, in bytes',
      'gauge',
    );
    lines.push('nv_pinned_memory_pool_total_bytes 268435456');
    family(
      'nv_pinned_memory_pool_used_bytes',
      'Pinned memory pool used memory size, in bytes',
      'gauge',
    );
    lines.push('nv_pinned_memory_pool_used_bytes 0');
    return `${lines.join('\n')}\n`;
  }

  /**
   * The latency summaries: `_count` and `_sum` cumulative (they equal the
   * request count and the duration counter), quantiles over the recent
   * window, `Nan` while the window is empty — as Triton writes them.
   */
  private summaryLines(
    lines: string[],
    modelLabels: (m: TritonModelDefinition, withGpu: boolean) => string,
  ): void {
    const totals: Record<SummaryKind, (c: ModelCounters) => number> = {
      request: c => c.requestUs,
      queue: c => c.queueUs,
      input: c => c.inputUs,
      infer: c => c.inferUs,
      output: c => c.outputUs,
    };
    for (const summary of SUMMARIES) {
      lines.push(
        `# HELP ${summary.name} ${summary.help}`,
        `# TYPE ${summary.name} summary`,
      );
      for (const m of this.models) {
        const c = this.counters.get(m.name)!;
        const labels = modelLabels(m, true);
        lines.push(
          `${summary.name}_count${labels} ${c.success.count}`,
          `${summary.name}_sum${labels} ${totals[summary.kind](c)}`,
        );
        const obs = c.recent.flatMap(r =>
          r.observations.filter(o => o.kind === summary.kind),
        );
        for (const q of QUANTILES) {
          const v = weightedQuantile(obs, q);
          lines.push(
            `${summary.name}${labels.slice(0, -1)},quantile="${q}"} ${
              Number.isNaN(v) ? 'Nan' : v
            }`,
          );
        }
      }
    }
  }

  /** The `model_stats` entry of one model, as `GET /v2/models/<m>/stats` answers it. */
  modelStats(name: string): Record<string, unknown> | undefined {
    const m = this.model(name);
    const c = this.counters.get(name);
    if (!m || !c) return undefined;
    const d = (x: Duration) => ({ count: x.count, ns: x.ns });
    const empty = { count: 0, ns: 0 };
    return {
      name: m.name,
      version: m.version,
      last_inference: c.lastInferenceMs,
      inference_count: c.inferenceCount,
      execution_count: c.executionCount,
      inference_stats: {
        success: d(c.success),
        fail: d(c.fail),
        queue: d(c.queue),
        compute_input: d(c.computeInput),
        compute_infer: d(c.computeInfer),
        compute_output: d(c.computeOutput),
        cache_hit: empty,
        cache_miss: empty,
      },
      response_stats: {},
      batch_stats: [...c.batches.entries()]
        .sort(([a], [b]) => a - b)
        .map(([batchSize, b]) => ({
          batch_size: batchSize,
          compute_input: { count: b.count, ns: b.inputNs },
          compute_infer: { count: b.count, ns: b.inferNs },
          compute_output: { count: b.count, ns: b.outputNs },
        })),
      memory_usage: this.gpus.length
        ? [{ type: 'GPU', id: 0, byte_size: m.memoryBytes }]
        : [{ type: 'CPU', id: 0, byte_size: m.memoryBytes }],
    };
  }

  /** Total successful requests of a model (for tests and the KEDA metric). */
  successCount(name: string): number {
    return this.counters.get(name)?.success.count ?? 0;
  }
}
