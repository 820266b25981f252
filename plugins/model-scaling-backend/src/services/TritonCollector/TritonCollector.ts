import { LoggerService } from '@backstage/backend-plugin-api';
import {
  LatencyBuckets,
  ModelLatency,
  TritonModelConfig,
  TritonModelFigures,
  tritonLatencyFromMetrics,
} from '@internal/plugin-model-scaling-common';
import pLimit from 'p-limit';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { decodeState, encodeState } from '../CollectorStore/stateCodec';
import { StoredPod } from '../CollectorStore/CollectorStore';
import { describeError } from '../KubeApi/KubeApiError';
import {
  capText,
  countSeries,
  DEFAULT_MAX_ERROR_CHARS,
  DEFAULT_MAX_MODELS_PER_POD,
  DEFAULT_MAX_SERIES_PER_DOCUMENT,
  modelNameProblem,
} from './collectionBounds';
import { PodProxyFetcher } from './PodProxyFetcher';
import {
  PrometheusClient,
  promRegexEscape,
  promStringEscape,
  samplesToExposition,
} from './PrometheusClient';
import { TritonReader } from './tritonReader';
import { podKey, TritonTarget } from './tritonTargets';

/** What the collector knows about one pod after its latest sample. */
export interface PodTritonResult {
  pod: string;
  namespace: string;
  cluster: string;
  workload: string;
  /** When the latest sample was taken (even a failed one). */
  sampledAt: string;
  /** Figures per model; empty until two samples exist. */
  figures: TritonModelFigures[];
  /** What went wrong in the latest sample, if anything. Earlier figures are kept. */
  error?: string;
  /** GPU memory held by the pod's models (Triton stats `memory_usage`), when reported. */
  modelMemoryBytes?: number;
  /** p50 / p99 latency per model, when the server exports a latency summary or histogram. */
  latency?: ModelLatency[];
  /** GPU utilisation of the pod in percent (DCGM through Prometheus, averaged over its GPUs). */
  gpuUtilizationPercent?: number;
}

/** Served requests of a workload at one round, for the replicas-without-throughput finding. */
export interface ThroughputPoint {
  /** Pods sampled (Running and Ready). */
  replicas: number;
  requestsPerSecond: number;
}

/** Options of {@link TritonCollector}. */
export interface TritonCollectorOptions {
  /** The pods to sample this round (computed from the catalog and the watch cache). */
  targets: () => Promise<TritonTarget[]>;
  /** A pod-proxy fetcher per cluster name. */
  fetcher: (cluster: string) => PodProxyFetcher | undefined;
  reader: TritonReader;
  logger: LoggerService;
  intervalSeconds: number;
  /** Requests in flight at once per cluster. */
  concurrency: number;
  configRefreshIntervals: number;
  /** Models read per pod at most (default 32); more are reported as an error. */
  maxModelsPerPod?: number;
  /** Metrics documents with more series than this are refused before parsing (default 20,000). */
  maxSeriesPerDocument?: number;
  /** A pod's error text is cut to this many characters (default 1,000). */
  maxErrorChars?: number;
  /** A cluster's part of a round ends after this many ms; pods not done get an error (default: the interval). */
  roundDeadlineMs?: number;
  /** False for a cluster whose watch is disconnected: its pods are not sampled. */
  clusterConnected?: (cluster: string) => boolean;
  prometheus?: {
    client: PrometheusClient;
    podLabel: string;
    namespaceLabel: string;
    /** Set when one Prometheus serves several clusters. */
    clusterLabel?: string;
  };
  now?: () => Date;
}

interface PodState {
  uid?: string;
  metrics?: unknown;
  /** When the kept metrics sample was taken (ms). */
  metricsAt?: number;
  /** Figures from the last two metrics samples, reused while Prometheus has no newer scrape. */
  metricFigures?: TritonModelFigures[];
  metricModels?: string[];
  /** Latency histogram buckets of the last metrics sample (for quantiles over the increase). */
  latencyBuckets?: LatencyBuckets;
  latency?: ModelLatency[];
  stats: Map<string, unknown>;
  configs: Map<string, TritonModelConfig>;
  configAge: number;
  result?: PodTritonResult;
}

const PROMETHEUS_METRICS = [
  'nv_inference_request_success',
  'nv_inference_request_failure',
  'nv_inference_count',
  'nv_inference_exec_count',
  'nv_inference_request_duration_us',
  'nv_inference_queue_duration_us',
  'nv_inference_compute_input_duration_us',
  'nv_inference_compute_infer_duration_us',
  'nv_inference_compute_output_duration_us',
  'nv_inference_pending_request_count',
  'nv_inference_request_summary_us',
  'nv_inference_first_response_histogram_ms_bucket',
];
const PROMETHEUS_POD_CHUNK = 100;
/** GPU utilisation in percent per GPU, as NVIDIA's DCGM exporter names it. */
const DCGM_GPU_UTILIZATION = 'DCGM_FI_DEV_GPU_UTIL';

/**
 * Samples Triton Inference Server in model-service pods, one round per
 * `collectOnce()` (run by the fleet-wide collection task): `/metrics` (or
 * Prometheus), `/v2/models/<m>/stats` and `/config` through the pod proxy.
 * Requests run with bounded concurrency per cluster and each has its own
 * deadline, and each cluster's part of a round has a deadline too; results
 * are kept per pod as they arrive, so a pod that hangs or answers garbage
 * only gets an error of its own. `exportPods()` / `importPods()` carry the
 * state through the database to the replica that collects next.
 */
export class TritonCollector {
  readonly #o: TritonCollectorOptions;
  readonly #limits = new Map<string, pLimit.Limit>();
  readonly #pods = new Map<string, PodState>();
  readonly #now: () => Date;
  #running?: Promise<unknown>;
  #abort = new AbortController();
  #stopped = false;

  constructor(options: TritonCollectorOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    // Queued requests see the aborted signal and end at once; running ones are aborted.
    this.#abort.abort();
    await this.#running?.catch(() => undefined);
  }

  /** The latest result of every sampled pod of a workload (`<cluster>/<namespace>/<deployment>`). */
  resultsFor(workload: string): PodTritonResult[] {
    const out: PodTritonResult[] = [];
    for (const state of this.#pods.values()) {
      if (state.result?.workload === workload) out.push(state.result);
    }
    return out.sort((a, b) => a.pod.localeCompare(b.pod));
  }

  /**
   * Every pod's state as rows for the database: the served result and the raw
   * samples, so another replica can continue the rates after a takeover.
   */
  exportPods(): StoredPod[] {
    const rows: StoredPod[] = [];
    for (const [key, state] of this.#pods) {
      if (!state.result) continue;
      const { result, ...raw } = state;
      rows.push({
        podKey: key,
        workload: result.workload,
        result: JSON.stringify(result),
        state: encodeState(raw),
      });
    }
    return rows;
  }

  /** Replaces the in-memory state with rows another replica wrote (a takeover). */
  importPods(rows: StoredPod[]): void {
    this.#pods.clear();
    for (const row of rows) {
      try {
        const raw = decodeState<Omit<PodState, 'result'>>(row.state);
        this.#pods.set(row.podKey, {
          ...raw,
          result: JSON.parse(row.result),
        });
      } catch (error) {
        this.#o.logger.warn('Dropped an unreadable stored Triton pod state', {
          pod: row.podKey,
          error: describeError(error),
        });
      }
    }
  }

  /** Number of pods with state (for the benchmark's memory figures). */
  get podCount(): number {
    return this.#pods.size;
  }

  /**
   * One sampling round over all targets (or `options.targets`). Resolves when
   * every pod is done or timed out, with the served throughput of each
   * workload whose pods all have figures from this round.
   */
  async collectOnce(
    options: { signal?: AbortSignal; targets?: TritonTarget[] } = {},
  ): Promise<Map<string, ThroughputPoint>> {
    const round = this.#collect(options);
    this.#running = round;
    try {
      return await round;
    } finally {
      if (this.#running === round) this.#running = undefined;
    }
  }

  async #collect(options: {
    signal?: AbortSignal;
    targets?: TritonTarget[];
  }): Promise<Map<string, ThroughputPoint>> {
    const connected = this.#o.clusterConnected ?? (() => true);
    const all = dedupeTargets(options.targets ?? (await this.#o.targets()));
    // Pods of a disconnected cluster are not sampled; their last results are kept.
    const live = new Set(all.map(t => podKey(t.cluster, t.namespace, t.pod)));
    const targets = all.filter(t => connected(t.cluster));
    for (const key of [...this.#pods.keys()]) {
      if (!live.has(key)) this.#pods.delete(key);
    }
    // Each cluster's part of the round has its own deadline, so a hung
    // cluster never delays the others.
    const deadlineMs =
      this.#o.roundDeadlineMs ?? this.#o.intervalSeconds * 1000;
    const rounds = new Map<string, ClusterRound>();
    for (const t of targets) {
      if (rounds.has(t.cluster)) continue;
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), deadlineMs);
      timer.unref?.();
      rounds.set(t.cluster, {
        deadlineMs,
        deadline: deadline.signal,
        signal: AbortSignal.any([
          this.#abort.signal,
          deadline.signal,
          ...(options.signal ? [options.signal] : []),
        ]),
        timer,
      });
    }
    try {
      const fromPrometheus = this.#o.prometheus
        ? await this.#prometheusTexts(targets)
        : undefined;
      const at = this.#now();
      await Promise.all(
        targets.map(t =>
          this.#samplePod(t, fromPrometheus, rounds.get(t.cluster)!),
        ),
      );
      return this.#throughput(targets, at);
    } finally {
      for (const r of rounds.values()) clearTimeout(r.timer);
    }
  }

  /** The served rate of each workload whose pods all have figures from this round. */
  #throughput(targets: TritonTarget[], at: Date): Map<string, ThroughputPoint> {
    const byWorkload = new Map<string, TritonTarget[]>();
    for (const t of targets) {
      byWorkload.set(t.workload, [...(byWorkload.get(t.workload) ?? []), t]);
    }
    const out = new Map<string, ThroughputPoint>();
    for (const [workload, pods] of byWorkload) {
      const results = pods.map(
        t => this.#pods.get(podKey(t.cluster, t.namespace, t.pod))?.result,
      );
      // A point needs every pod's rate from this round, else the sum would undercount.
      if (
        results.some(
          r =>
            !r ||
            r.error ||
            r.figures.length === 0 ||
            Date.parse(r.sampledAt) < at.getTime(),
        )
      ) {
        continue;
      }
      out.set(workload, {
        replicas: pods.length,
        requestsPerSecond: results.reduce(
          (n, r) => n + r!.figures.reduce((m, f) => m + f.requestsPerSecond, 0),
          0,
        ),
      });
    }
    return out;
  }

  /**
   * Runs a request under its cluster's concurrency limit. After stop(), or
   * past the cluster's round deadline, queued requests end without running.
   */
  #run<T>(
    cluster: string,
    round: ClusterRound | undefined,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    let limit = this.#limits.get(cluster);
    if (!limit) {
      limit = pLimit(this.#o.concurrency);
      this.#limits.set(cluster, limit);
    }
    const signal = round?.signal ?? this.#abort.signal;
    const deadlineError = () =>
      new Error(`round deadline of ${round!.deadlineMs} ms passed`);
    return limit(() => {
      if (this.#abort.signal.aborted) {
        return Promise.reject(new Error('collector stopped'));
      }
      if (round?.deadline.aborted) return Promise.reject(deadlineError());
      return fn(signal);
    }).catch(error => {
      if (round?.deadline.aborted && !this.#abort.signal.aborted) {
        throw deadlineError();
      }
      throw error;
    });
  }

  /** Parses a metrics document after checking its size in series, in a macrotask of its own. */
  async #parseMetrics(text: string, at: Date) {
    const max = this.#o.maxSeriesPerDocument ?? DEFAULT_MAX_SERIES_PER_DOCUMENT;
    const series = countSeries(text);
    if (series > max) {
      throw new Error(`${series} series, more than the limit of ${max}`);
    }
    // Let other work run between the parses of two pods.
    await yieldToEventLoop();
    return { ...this.#o.reader.parseMetrics(text, at), text };
  }

  get #maxModels(): number {
    return this.#o.maxModelsPerPod ?? DEFAULT_MAX_MODELS_PER_POD;
  }

  /** The model names that are safe to put in a path, at most the per-pod limit. */
  #allowedModels(names: string[], errors: string[]): string[] {
    const allowed: string[] = [];
    for (const name of names) {
      const problem = modelNameProblem(name);
      if (problem) errors.push(problem);
      else if (!allowed.includes(name)) allowed.push(name);
    }
    if (allowed.length > this.#maxModels) {
      errors.push(
        `${allowed.length} models, more than the limit of ${
          this.#maxModels
        }; read the first ${this.#maxModels}`,
      );
      return allowed.slice(0, this.#maxModels);
    }
    return allowed;
  }

  async #samplePod(
    target: TritonTarget,
    fromPrometheus: Map<string, PrometheusPodSample | Error> | undefined,
    round: ClusterRound,
  ): Promise<void> {
    const key = podKey(target.cluster, target.namespace, target.pod);
    let state = this.#pods.get(key);
    if (!state || (target.podUid && state.uid !== target.podUid)) {
      // New pod, or a new pod under the same name: its counters start over.
      state = {
        uid: target.podUid,
        stats: new Map(),
        configs: new Map(),
        configAge: 0,
      };
      this.#pods.set(key, state);
    }
    const errors: string[] = [];
    const fetcher = this.#o.fetcher(target.cluster);
    if (!fetcher) return;

    // 1. Counters: /metrics through the pod proxy, or Prometheus.
    const at = this.#now();
    const metricsDone = (async (): Promise<
      | { sample: unknown; models: string[]; at: number; text: string }
      | { unchanged: true; models: string[] }
      | undefined
    > => {
      try {
        if (fromPrometheus) {
          const scraped = unwrap(
            fromPrometheus.get(key) ?? new Error('no series in Prometheus'),
          );
          if (
            state!.metricsAt !== undefined &&
            scraped.at.getTime() <= state!.metricsAt
          ) {
            // Prometheus has not scraped the pod since the last round.
            return { unchanged: true, models: state!.metricModels ?? [] };
          }
          const parsed = await this.#parseMetrics(scraped.text, scraped.at);
          return { ...parsed, at: scraped.at.getTime() };
        }
        const text = await this.#run(target.cluster, round, signal =>
          fetcher.metrics(target, signal),
        );
        return { ...(await this.#parseMetrics(text, at)), at: at.getTime() };
      } catch (error) {
        errors.push(`metrics: ${describeError(error)}`);
        return undefined;
      }
    })();
    // Known models are read in parallel with /metrics; otherwise /metrics names them.
    const models = this.#allowedModels(
      target.models.length > 0
        ? target.models
        : (await metricsDone)?.models ?? [],
      errors,
    );
    // 2. Stats and (now and then) config per model.
    const refreshConfig =
      state.configAge % this.#o.configRefreshIntervals === 0;
    const perModel = await Promise.all(
      models.map(async model => {
        const [stats, config] = await Promise.all([
          this.#run(target.cluster, round, signal =>
            fetcher.stats(target, model, signal),
          )
            .then(json => this.#o.reader.parseStats(json, this.#now()))
            .catch(error => {
              errors.push(`${model} stats: ${describeError(error)}`);
              return undefined;
            }),
          refreshConfig || !state!.configs.has(model)
            ? this.#run(target.cluster, round, signal =>
                fetcher.config(target, model, signal),
              )
                .then(json => this.#o.reader.parseConfig(json))
                .catch(error => {
                  errors.push(`${model} config: ${describeError(error)}`);
                  return undefined;
                })
            : Promise.resolve(state!.configs.get(model)),
        ]);
        return { model, stats, config };
      }),
    );
    const parsedMetrics = await metricsDone;
    if (this.#stopped) return;

    // 3. Rates from the previous sample, then keep this one.
    const figures: TritonModelFigures[] = [];
    let fromMetrics: TritonModelFigures[] = [];
    if (parsedMetrics && 'unchanged' in parsedMetrics) {
      fromMetrics = state.metricFigures ?? [];
    } else if (parsedMetrics) {
      try {
        fromMetrics = this.#o.reader.metricsFigures(
          state.metrics,
          parsedMetrics.sample,
        );
        if (fromPrometheus) {
          fromMetrics = fromMetrics.map(f => ({
            ...f,
            source: 'prometheus' as const,
          }));
        }
        state.metricFigures = fromMetrics;
      } catch (error) {
        errors.push(`metrics: ${describeError(error)}`);
      }
      state.metrics = parsedMetrics.sample;
      state.metricsAt = parsedMetrics.at;
      state.metricModels = parsedMetrics.models;
      const latency = tritonLatencyFromMetrics(
        parsedMetrics.text,
        state.latencyBuckets,
      );
      state.latencyBuckets = latency.buckets;
      state.latency = latency.latency.filter(l => !modelNameProblem(l.model));
    }
    let modelMemoryBytes: number | undefined;
    for (const { model, stats, config } of perModel) {
      if (config) state.configs.set(model, config);
      if (stats !== undefined) {
        const bytes = this.#o.reader.modelMemoryBytes(stats);
        if (bytes !== undefined)
          modelMemoryBytes = (modelMemoryBytes ?? 0) + bytes;
      }
      let fromStats: TritonModelFigures | undefined;
      if (stats !== undefined) {
        try {
          const all = this.#o.reader.statsFigures(
            state.stats.get(model),
            stats,
          );
          fromStats = all.find(f => f.model === model);
          if (!fromStats && all.length > 0) {
            // A misrouted or wrong answer must not pass as "no traffic".
            errors.push(
              `${model} stats: the answer is about ${all
                .map(f => f.model)
                .join(', ')}, not ${model}`,
            );
          }
        } catch (error) {
          errors.push(`${model} stats: ${describeError(error)}`);
        }
        state.stats.set(model, stats);
      }
      const metricFigure = fromMetrics.find(f => f.model === model);
      const merged = mergeFigures(fromStats, metricFigure);
      if (merged) {
        figures.push({
          ...merged,
          config: state.configs.get(model) ?? merged.config,
        });
      }
    }
    // Models seen only in /metrics (no stats asked for) still count, within the limit.
    for (const f of fromMetrics) {
      if (figures.length >= this.#maxModels) break;
      if (!models.includes(f.model) && !modelNameProblem(f.model)) {
        figures.push(f);
      }
    }
    state.configAge += 1;

    const previous = state.result;
    const scraped = fromPrometheus?.get(key);
    const gpuUtilizationPercent =
      scraped && !(scraped instanceof Error)
        ? scraped.gpuUtilization
        : undefined;
    state.result = {
      pod: target.pod,
      namespace: target.namespace,
      cluster: target.cluster,
      workload: target.workload,
      sampledAt: at.toISOString(),
      // Keep the last good figures when this round produced none.
      figures: figures.length > 0 ? figures : previous?.figures ?? [],
      ...(errors.length > 0 && {
        error: capText(
          errors.join('; '),
          this.#o.maxErrorChars ?? DEFAULT_MAX_ERROR_CHARS,
        ),
      }),
      ...((modelMemoryBytes ?? previous?.modelMemoryBytes) !== undefined && {
        modelMemoryBytes: modelMemoryBytes ?? previous?.modelMemoryBytes,
      }),
      ...(state.latency &&
        state.latency.length > 0 && {
          latency: state.latency.slice(0, this.#maxModels),
        }),
      ...(gpuUtilizationPercent !== undefined && { gpuUtilizationPercent }),
    };
  }

  /**
   * Two queries per chunk of pods of a namespace: the counters, and the time
   * Prometheus last scraped each pod (`timestamp()`), which is the sample's
   * time for rates. The result is exposition text and that time per pod key.
   */
  async #prometheusTexts(
    targets: TritonTarget[],
  ): Promise<Map<string, PrometheusPodSample | Error>> {
    const out = new Map<string, PrometheusPodSample | Error>();
    const prom = this.#o.prometheus!;
    const byNamespace = new Map<string, TritonTarget[]>();
    for (const t of targets) {
      const list = byNamespace.get(`${t.cluster}\u0000${t.namespace}`) ?? [];
      list.push(t);
      byNamespace.set(`${t.cluster}\u0000${t.namespace}`, list);
    }
    const chunks: TritonTarget[][] = [];
    for (const list of byNamespace.values()) {
      for (let i = 0; i < list.length; i += PROMETHEUS_POD_CHUNK) {
        chunks.push(list.slice(i, i + PROMETHEUS_POD_CHUNK));
      }
    }
    await Promise.all(
      chunks.map(chunk =>
        this.#run(chunk[0].cluster, undefined, async () => {
          const matchers = [
            `${prom.namespaceLabel}="${promStringEscape(chunk[0].namespace)}"`,
            `${prom.podLabel}=~"${chunk
              .map(t => promRegexEscape(t.pod))
              .join('|')}"`,
            ...(prom.clusterLabel
              ? [`${prom.clusterLabel}="${promStringEscape(chunk[0].cluster)}"`]
              : []),
          ].join(',');
          const selector = `{__name__=~"${PROMETHEUS_METRICS.join(
            '|',
          )}",${matchers}}`;
          try {
            const [samples, times, gpus] = await Promise.all([
              prom.client.query(selector, this.#abort.signal),
              // timestamp() drops metric names, so it must see one metric only.
              prom.client.query(
                `max by (${prom.podLabel}) (timestamp(nv_inference_request_success{${matchers}}))`,
                this.#abort.signal,
              ),
              // GPU utilisation from NVIDIA's DCGM exporter, when Prometheus has it (optional).
              prom.client
                .query(
                  `avg by (${prom.podLabel}) (${DCGM_GPU_UTILIZATION}{${matchers}})`,
                  this.#abort.signal,
                )
                .catch(() => []),
            ]);
            for (const t of chunk) {
              const mine = samples.filter(
                s => s.metric[prom.podLabel] === t.pod,
              );
              const scraped = times.find(
                s => s.metric[prom.podLabel] === t.pod,
              );
              const at = scraped ? Number(scraped.value[1]) * 1000 : NaN;
              const gpu = Number(
                gpus.find(s => s.metric[prom.podLabel] === t.pod)?.value[1],
              );
              out.set(
                podKey(t.cluster, t.namespace, t.pod),
                mine.length > 0 && Number.isFinite(at)
                  ? {
                      text: samplesToExposition(mine, [
                        prom.podLabel,
                        prom.namespaceLabel,
                        ...(prom.clusterLabel ? [prom.clusterLabel] : []),
                      ]),
                      at: new Date(at),
                      ...(Number.isFinite(gpu) && { gpuUtilization: gpu }),
                    }
                  : new Error('no Triton series in Prometheus for this pod'),
              );
            }
          } catch (error) {
            for (const t of chunk) {
              out.set(podKey(t.cluster, t.namespace, t.pod), error as Error);
            }
          }
        }),
      ),
    );
    return out;
  }
}

/** A cluster's part of one round: its deadline and the signal its requests use. */
interface ClusterRound {
  deadlineMs: number;
  /** Aborted when the deadline passes. */
  deadline: AbortSignal;
  /** Aborted by the deadline or by stop(). */
  signal: AbortSignal;
  timer: NodeJS.Timeout;
}

/** One target per pod: two entities selecting the same workload read its pods once, with the union of their models. */
function dedupeTargets(targets: TritonTarget[]): TritonTarget[] {
  const byPod = new Map<string, TritonTarget>();
  for (const t of targets) {
    const key = podKey(t.cluster, t.namespace, t.pod);
    const seen = byPod.get(key);
    if (!seen) {
      byPod.set(key, t);
    } else if (seen.models.length > 0 && t.models.length > 0) {
      byPod.set(key, {
        ...seen,
        models: [...new Set([...seen.models, ...t.models])],
      });
    } else if (t.models.length === 0) {
      // One entity reads every model /metrics reports: that covers both.
      byPod.set(key, { ...seen, models: [] });
    }
  }
  return [...byPod.values()];
}

/** Counters of one pod read from Prometheus, as exposition text, and when Prometheus scraped them. */
interface PrometheusPodSample {
  text: string;
  at: Date;
  /** The pod's GPU utilisation in percent (DCGM), when Prometheus has it. */
  gpuUtilization?: number;
}

function unwrap<T>(value: T | Error): T {
  if (value instanceof Error) throw value;
  return value;
}

/**
 * Figures of one model from both sources: stats give the batch-size
 * histogram, /metrics the queue length. Stats win where both have a value.
 */
function mergeFigures(
  stats: TritonModelFigures | undefined,
  metrics: TritonModelFigures | undefined,
): TritonModelFigures | undefined {
  if (!stats) return metrics;
  if (!metrics) return stats;
  return {
    ...stats,
    pendingRequests: stats.pendingRequests ?? metrics.pendingRequests,
    averageQueueUs: stats.averageQueueUs ?? metrics.averageQueueUs,
    averageComputeUs: stats.averageComputeUs ?? metrics.averageComputeUs,
  };
}
