// long-file: one collection round (targets, pod proxy or Prometheus, bounds, time slices, results) must keep its ordering visible.
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
import { MAX_TRITON_RESPONSE_BYTES, PodProxyFetcher } from './PodProxyFetcher';
import {
  PrometheusClient,
  PrometheusSample,
  samplesToExposition,
} from './PrometheusClient';
import { tritonFleetQueries } from './prometheusFleetQueries';
import { TimeSlicer, yieldEvery } from '../Collection/timeSlicing';
import { TritonCollection } from './TritonCollection';
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

/** Pods whose sampling starts in one macrotask. */
const PODS_STARTED_PER_MACROTASK = 200;

/** Prometheus series mapped to pods per macrotask. */
const PROMETHEUS_SERIES_PER_SLICE = 5000;

/** A pod's database row: its served result and raw samples; none before its first result. */
function storedPod(key: string, state: PodState): StoredPod | undefined {
  if (!state.result) return undefined;
  const { result, ...raw } = state;
  return {
    podKey: key,
    workload: result.workload,
    result: JSON.stringify(result),
    state: encodeState(raw),
  };
}

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
export class TritonCollector implements TritonCollection {
  readonly #o: TritonCollectorOptions;
  readonly #limits = new Map<string, pLimit.Limit>();
  readonly #pods = new Map<string, PodState>();
  readonly #now: () => Date;
  #running?: Promise<unknown>;
  #abort = new AbortController();
  #stopped = false;
  readonly #slicer = new TimeSlicer();
  #prometheusQueries = 0;
  /** Results per workload, dropped whenever a result changes. */
  #byWorkload?: Map<string, PodTritonResult[]>;
  #podProxyRequests = 0;

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
    if (!this.#byWorkload) {
      // Built once per change of the results, not once per workload asked.
      const index = new Map<string, PodTritonResult[]>();
      for (const state of this.#pods.values()) {
        if (!state.result) continue;
        const list = index.get(state.result.workload) ?? [];
        list.push(state.result);
        index.set(state.result.workload, list);
      }
      for (const list of index.values()) {
        list.sort((a, b) => a.pod.localeCompare(b.pod));
      }
      this.#byWorkload = index;
    }
    return [...(this.#byWorkload.get(workload) ?? [])];
  }

  /** The latest result of every sampled pod, by workload and then pod name. */
  allResults(): PodTritonResult[] {
    const out: PodTritonResult[] = [];
    for (const state of this.#pods.values()) {
      if (state.result) out.push(state.result);
    }
    return out.sort(
      (a, b) =>
        compareText(a.workload, b.workload) || a.pod.localeCompare(b.pod),
    );
  }

  /**
   * Every pod's state as rows for the database: the served result and the raw
   * samples, so another replica can continue the rates after a takeover.
   */
  exportPods(): StoredPod[] {
    const rows: StoredPod[] = [];
    for (const [key, state] of this.#pods) {
      const row = storedPod(key, state);
      if (row) rows.push(row);
    }
    return rows;
  }

  /** {@link TritonCollector.exportPods}, a few milliseconds of encoding at a time. */
  async exportPodsInSlices(): Promise<StoredPod[]> {
    const rows: StoredPod[] = [];
    const pause = yieldEvery();
    for (const [key, state] of this.#pods) {
      await pause();
      const row = storedPod(key, state);
      if (row) rows.push(row);
    }
    return rows;
  }

  /** Replaces the in-memory state with rows another replica wrote (a takeover). */
  importPods(rows: StoredPod[]): void {
    this.#pods.clear();
    this.#byWorkload = undefined;
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

  /** Requests made so far: Prometheus queries and pod-proxy requests (for benchmarks and tests). */
  get requestCounts(): { prometheusQueries: number; podProxyRequests: number } {
    return {
      prometheusQueries: this.#prometheusQueries,
      podProxyRequests: this.#podProxyRequests,
    };
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
      if (!live.has(key)) {
        this.#pods.delete(key);
        this.#byWorkload = undefined;
      }
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
        ? await this.#prometheusTexts(targets, rounds)
        : undefined;
      const at = this.#now();
      // With Prometheus, stats and config (the batch-size histogram, model
      // memory, the configured batching) come through the pod proxy from one
      // pod per workload: requests grow with workloads, not pods.
      const statsPods = fromPrometheus ? onePodPerWorkload(targets) : undefined;
      // Pods are started a few hundred per macrotask: starting thousands at
      // once held the event loop for a hundred milliseconds and more.
      const sampled: Promise<void>[] = [];
      for (let i = 0; i < targets.length; i++) {
        if (i > 0 && i % PODS_STARTED_PER_MACROTASK === 0) {
          await yieldToEventLoop();
        }
        const t = targets[i];
        const pod = this.#samplePod(
          t,
          fromPrometheus,
          rounds.get(t.cluster)!,
          !statsPods || statsPods.has(podKey(t.cluster, t.namespace, t.pod)),
        );
        // Handled by the Promise.all below, also when it fails before that.
        pod.catch(() => undefined);
        sampled.push(pod);
      }
      await Promise.all(sampled);
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
    countedElsewhere = false,
  ): Promise<T> {
    let limit = this.#limits.get(cluster);
    if (!limit) {
      limit = pLimit(this.#o.concurrency);
      this.#limits.set(cluster, limit);
    }
    const signal = round?.signal ?? this.#abort.signal;
    const deadlineError = () =>
      (round!.deadlineError ??= new Error(
        `round deadline of ${round!.deadlineMs} ms passed`,
      ));
    return limit(() => {
      if (this.#abort.signal.aborted) {
        return Promise.reject(new Error('collector stopped'));
      }
      if (round?.deadline.aborted) return Promise.reject(deadlineError());
      if (!countedElsewhere) this.#podProxyRequests += 1;
      return fn(signal);
    }).catch(error => {
      if (round?.deadline.aborted && !this.#abort.signal.aborted) {
        throw deadlineError();
      }
      throw error;
    });
  }

  /**
   * Parses a metrics document after checking its size in series, in a time
   * slice shared with the other pods' parses (so the event loop stays free).
   */
  #parseMetrics(document: string | (() => string), at: Date) {
    return this.#slicer.run(() => {
      const text = typeof document === 'string' ? document : document();
      const max =
        this.#o.maxSeriesPerDocument ?? DEFAULT_MAX_SERIES_PER_DOCUMENT;
      const series = countSeries(text);
      if (series > max) {
        throw new Error(`${series} series, more than the limit of ${max}`);
      }
      return { ...this.#o.reader.parseMetrics(text, at), text };
    });
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
    readStats: boolean,
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
      this.#byWorkload = undefined;
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
          const parsed = await this.#parseMetrics(
            () => samplesToExposition(scraped.samples, scraped.dropLabels),
            scraped.at,
          );
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
    const allowed = this.#allowedModels(
      target.models.length > 0
        ? target.models
        : (await metricsDone)?.models ?? [],
      errors,
    );
    // With Prometheus, one pod per workload is read through the pod proxy.
    const models = readStats ? allowed : [];
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
    await this.#slicer.run(() =>
      this.#keepSample(state!, target, key, {
        at,
        errors,
        models,
        perModel,
        parsedMetrics,
        fromPrometheus,
      }),
    );
  }

  /** Rates from the previous sample, then keeps this one as the pod's result. */
  #keepSample(
    state: PodState,
    target: TritonTarget,
    key: string,
    sample: {
      at: Date;
      errors: string[];
      models: string[];
      perModel: {
        model: string;
        stats: unknown;
        config: TritonModelConfig | undefined;
      }[];
      parsedMetrics:
        | { sample: unknown; models: string[]; at: number; text: string }
        | { unchanged: true; models: string[] }
        | undefined;
      fromPrometheus: Map<string, PrometheusPodSample | Error> | undefined;
    },
  ): void {
    const { at, errors, models, perModel, parsedMetrics, fromPrometheus } =
      sample;
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
    this.#byWorkload = undefined;
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
   * The counters of every target pod from Prometheus: per cluster, one query
   * per metric family aggregated by pod and model, the scrape times and the
   * GPU utilisation (`tritonFleetQueries`), whatever the number of pods. The
   * answers are mapped back to the pods as exposition text with the time
   * Prometheus scraped each, a few thousand series per macrotask so the
   * event loop stays free.
   */
  async #prometheusTexts(
    targets: TritonTarget[],
    rounds: Map<string, ClusterRound>,
  ): Promise<Map<string, PrometheusPodSample | Error>> {
    const out = new Map<string, PrometheusPodSample | Error>();
    const prom = this.#o.prometheus!;
    const byCluster = new Map<string, TritonTarget[]>();
    for (const t of targets) {
      const list = byCluster.get(t.cluster) ?? [];
      list.push(t);
      byCluster.set(t.cluster, list);
    }
    const podLabels = [
      prom.podLabel,
      prom.namespaceLabel,
      ...(prom.clusterLabel ? [prom.clusterLabel] : []),
    ];
    await Promise.all(
      [...byCluster].map(async ([cluster, list]) => {
        const queries = tritonFleetQueries(prom, {
          cluster,
          namespaces: list.map(t => t.namespace),
        });
        // The answers grow with the fleet: 4 MiB plus 8 KiB per sampled pod.
        const maxBytes = MAX_TRITON_RESPONSE_BYTES + 8192 * list.length;
        const round = rounds.get(cluster);
        const query = (promql: string) =>
          this.#run(
            cluster,
            round,
            signal => prom.client.query(promql, signal, { maxBytes }),
            true,
          );
        this.#prometheusQueries += queries.families.length + 2;
        try {
          const [families, times, gpus] = await Promise.all([
            Promise.all(
              queries.families.map(async f => ({
                name: f.name,
                samples: await query(f.promql),
              })),
            ),
            query(queries.scrapeTimes),
            // GPU utilisation from NVIDIA's DCGM exporter, when Prometheus has it (optional).
            query(queries.gpuUtilization).catch(() => []),
          ]);
          const wanted = new Map(
            list.map(t => [`${t.namespace}\u0000${t.pod}`, t]),
          );
          const keyOf = (m: Record<string, string>) =>
            `${m[prom.namespaceLabel]}\u0000${m[prom.podLabel]}`;
          const perPod = new Map<string, PrometheusSample[]>();
          let handled = 0;
          for (const family of families) {
            for (const s of family.samples) {
              if (++handled % PROMETHEUS_SERIES_PER_SLICE === 0) {
                await yieldToEventLoop();
              }
              const key = keyOf(s.metric);
              if (!wanted.has(key)) continue;
              const mine = perPod.get(key) ?? [];
              mine.push({
                metric: { ...s.metric, __name__: family.name },
                value: s.value,
              });
              perPod.set(key, mine);
            }
          }
          const scraped = new Map(
            times.map(s => [keyOf(s.metric), Number(s.value[1]) * 1000]),
          );
          const gpu = new Map(
            gpus.map(s => [keyOf(s.metric), Number(s.value[1])]),
          );
          for (const [key, t] of wanted) {
            const mine = perPod.get(key);
            const at = scraped.get(key) ?? NaN;
            const utilization = gpu.get(key);
            out.set(
              podKey(t.cluster, t.namespace, t.pod),
              mine && mine.length > 0 && Number.isFinite(at)
                ? {
                    samples: mine,
                    dropLabels: podLabels,
                    at: new Date(at),
                    ...(utilization !== undefined &&
                      Number.isFinite(utilization) && {
                        gpuUtilization: utilization,
                      }),
                  }
                : new Error('no Triton series in Prometheus for this pod'),
            );
          }
        } catch (error) {
          for (const t of list) {
            out.set(podKey(t.cluster, t.namespace, t.pod), error as Error);
          }
        }
      }),
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
  /**
   * The error of every request the deadline ends, made once: when a round
   * misses it, thousands of queued requests fail in one turn of the loop.
   */
  deadlineError?: Error;
}

/** Orders workload keys by code unit (cheaper than a locale compare, and only grouping matters). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The key of the first pod (by name) of each workload. */
function onePodPerWorkload(targets: TritonTarget[]): Set<string> {
  const first = new Map<string, TritonTarget>();
  for (const t of targets) {
    const seen = first.get(t.workload);
    if (!seen || t.pod < seen.pod) first.set(t.workload, t);
  }
  return new Set(
    [...first.values()].map(t => podKey(t.cluster, t.namespace, t.pod)),
  );
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

/** Counters of one pod read from Prometheus (written as exposition text when parsed), and when Prometheus scraped them. */
interface PrometheusPodSample {
  samples: PrometheusSample[];
  /** The labels that name the pod, left out of the exposition text. */
  dropLabels: string[];
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
