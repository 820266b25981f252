import { LoggerService } from '@backstage/backend-plugin-api';
import { Worker } from 'node:worker_threads';
import { StoredPod } from '../CollectorStore/CollectorStore';
import { TritonCollection } from './TritonCollection';
import type { PodTritonResult, ThroughputPoint } from './TritonCollector';
import { TRITON_WORKER_MODULE } from './tritonCollectorWorker';
import { TritonTarget } from './tritonTargets';
import {
  TritonWorkerControl,
  TritonWorkerCounts,
  TritonWorkerData,
  TritonWorkerMessage,
  TritonWorkerRequest,
} from './tritonWorkerProtocol';

/*
 * Plain JavaScript given to the Worker as `eval` code: it loads the worker
 * module by its resolved path, so it works wherever the backend runs (under
 * `backstage-cli package start` the worker inherits the parent's `--require`
 * of the CLI's Node transform and loads the TypeScript; in a built backend
 * the path is the compiled module). No separate entry point has to survive
 * bundling.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
require(workerData.modulePath).runTritonCollectorWorker();
`;

/** Options of {@link WorkerTritonCollector}. */
export interface WorkerTritonCollectorOptions {
  /** The cluster connections and the collector's settings; the worker builds its clients from them. */
  data: TritonWorkerData;
  /** The pods to sample when a round is not given its targets. */
  targets: () => Promise<TritonTarget[]>;
  /** False for a cluster whose watch is disconnected: its pods are not sampled. */
  clusterConnected?: (cluster: string) => boolean;
  logger: LoggerService;
  /** A clock of the caller's (tests): each round's time is sent to the worker. */
  now?: () => Date;
  /** Node options of the worker (default: the parent's, e.g. the CLI's `--require` of its TypeScript transform). */
  execArgv?: string[];
}

interface Pending {
  resolve(message: Extract<TritonWorkerMessage, { type: 'done' }>): void;
  reject(error: Error): void;
  onResults?(results: PodTritonResult[]): void;
  onRows?(rows: StoredPod[]): void;
}

type WorkerRequest =
  | Omit<Extract<TritonWorkerRequest, { type: 'collect' }>, 'id'>
  | Omit<Extract<TritonWorkerRequest, { type: 'import' }>, 'id'>
  | Omit<Extract<TritonWorkerRequest, { type: 'export' }>, 'id'>
  | Omit<Extract<TritonWorkerRequest, { type: 'heap' }>, 'id'>;

/**
 * A {@link TritonCollector} in a worker thread: the pod-proxy and Prometheus
 * requests, the parsing of `/metrics` and stats, the rates and the raw
 * samples' encoding for the database happen there, with the worker's own
 * event loop and heap, at a lower CPU priority on Linux (`WORKER_NICE`). The plugin's event loop receives each round's results
 * a few hundred pods per turn and keeps them for the status and history
 * (`resultsFor`). The worker starts with the first round; when it dies (an
 * error it could not handle, or out of memory) the round fails with the
 * reason and the next round starts a new one, whose rates start again after
 * two samples.
 */
export class WorkerTritonCollector implements TritonCollection {
  readonly #o: WorkerTritonCollectorOptions;
  #worker?: Worker;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #byWorkload = new Map<string, PodTritonResult[]>();
  #counts: TritonWorkerCounts = {
    podCount: 0,
    requestCounts: { prometheusQueries: 0, podProxyRequests: 0 },
  };
  /** Request counts of workers that ended, so the totals never go back. */
  #endedCounts = { prometheusQueries: 0, podProxyRequests: 0 };
  #stopped = false;

  constructor(options: WorkerTritonCollectorOptions) {
    this.#o = options;
  }

  async collectOnce(
    options: { signal?: AbortSignal; targets?: TritonTarget[] } = {},
  ): Promise<Map<string, ThroughputPoint>> {
    const targets = options.targets ?? (await this.#o.targets());
    const connected = this.#o.clusterConnected ?? (() => true);
    const incoming = new Map<string, PodTritonResult[]>();
    const done = await this.#call(
      {
        type: 'collect',
        targets,
        connected: [...new Set(targets.map(t => t.cluster))].filter(c =>
          connected(c),
        ),
        ...(this.#o.now && { nowMs: this.#o.now().getTime() }),
      },
      {
        // Results arrive by workload and pod name.
        onResults: results => {
          for (const r of results) {
            const list = incoming.get(r.workload);
            if (list) list.push(r);
            else incoming.set(r.workload, [r]);
          }
        },
      },
      options.signal,
    );
    this.#byWorkload = incoming;
    return new Map(done.throughput ?? []);
  }

  resultsFor(workload: string): PodTritonResult[] {
    return [...(this.#byWorkload.get(workload) ?? [])];
  }

  async exportPodsInSlices(): Promise<StoredPod[]> {
    const out: StoredPod[] = [];
    await this.#call(
      { type: 'export' },
      {
        onRows: rows => {
          for (const r of rows) out.push(r);
        },
      },
    );
    return out;
  }

  async importPods(rows: StoredPod[]): Promise<void> {
    await this.#call({ type: 'import', rows }, {});
    const byWorkload = new Map<string, PodTritonResult[]>();
    // The results served until the next round ends are the imported ones.
    for (const row of rows) {
      try {
        const result = JSON.parse(row.result) as PodTritonResult;
        const list = byWorkload.get(result.workload) ?? [];
        list.push(result);
        byWorkload.set(result.workload, list);
      } catch {
        // The worker logs the rows it could not read.
      }
    }
    for (const list of byWorkload.values()) {
      list.sort((a, b) => a.pod.localeCompare(b.pod));
    }
    this.#byWorkload = byWorkload;
  }

  get podCount(): number {
    return this.#counts.podCount;
  }

  get requestCounts(): {
    prometheusQueries: number;
    podProxyRequests: number;
  } {
    const now = this.#counts.requestCounts;
    return {
      prometheusQueries:
        this.#endedCounts.prometheusQueries + now.prometheusQueries,
      podProxyRequests:
        this.#endedCounts.podProxyRequests + now.podProxyRequests,
    };
  }

  /** True while a worker thread runs (none before the first round, none after `stop()`). */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /**
   * Bytes of the worker's heap in use, after a garbage collection when the
   * process runs with `--expose-gc` (for the benchmark's memory figures); 0
   * without a worker.
   */
  async heapUsedBytes(): Promise<number> {
    if (!this.#worker) return 0;
    const done = await this.#call({ type: 'heap' }, {});
    return done.heapUsedBytes ?? 0;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const worker = this.#worker;
    this.#end(new Error('collector stopped'));
    await worker?.terminate();
  }

  #call(
    request: WorkerRequest,
    handlers: Pick<Pending, 'onResults' | 'onRows'>,
    signal?: AbortSignal,
  ): Promise<Extract<TritonWorkerMessage, { type: 'done' }>> {
    if (this.#stopped) return Promise.reject(new Error('collector stopped'));
    const worker = this.#worker ?? this.#spawn();
    const id = this.#nextId++;
    const onAbort = () => this.#control({ type: 'abort', id });
    signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise<Extract<TritonWorkerMessage, { type: 'done' }>>(
      (resolve, reject) => {
        this.#pending.set(id, { ...handlers, resolve, reject });
        worker.ref();
        worker.postMessage({ ...request, id } as TritonWorkerRequest);
        // As in the collector itself: an aborted round ends its requests and still answers.
        if (signal?.aborted) onAbort();
      },
    ).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      this.#pending.delete(id);
      if (this.#pending.size === 0) this.#worker?.unref();
    });
  }

  #control(message: TritonWorkerControl): void {
    this.#worker?.postMessage(message);
  }

  #spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...this.#o.data, modulePath: TRITON_WORKER_MODULE },
      ...(this.#o.execArgv && { execArgv: this.#o.execArgv }),
    });
    worker.unref();
    worker.on('message', (m: TritonWorkerMessage) => this.#receive(m));
    worker.on('error', (error: Error) => {
      if (this.#worker !== worker) return;
      this.#o.logger.error(
        `The Triton collection worker failed: ${error.message}`,
      );
      this.#end(new Error(`Triton collection worker failed: ${error.message}`));
    });
    worker.on('exit', code => {
      if (this.#worker !== worker) return;
      this.#end(new Error(`Triton collection worker exited with code ${code}`));
    });
    this.#worker = worker;
    return worker;
  }

  /** The worker is gone: its pending operations fail, and the next round starts a new one. */
  #end(error: Error): void {
    this.#worker = undefined;
    const { requestCounts } = this.#counts;
    this.#endedCounts = {
      prometheusQueries:
        this.#endedCounts.prometheusQueries + requestCounts.prometheusQueries,
      podProxyRequests:
        this.#endedCounts.podProxyRequests + requestCounts.podProxyRequests,
    };
    this.#counts = {
      podCount: 0,
      requestCounts: { prometheusQueries: 0, podProxyRequests: 0 },
    };
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(error);
  }

  #receive(m: TritonWorkerMessage): void {
    if (m.type === 'log') {
      this.#o.logger[m.level](m.message, m.meta as any);
      return;
    }
    const pending = this.#pending.get(m.id);
    if (!pending) return;
    if (m.type === 'results' || m.type === 'rows') {
      if (m.type === 'results') pending.onResults?.(m.results);
      else pending.onRows?.(m.rows);
      // The next part comes in a later turn of the event loop.
      setImmediate(() => this.#control({ type: 'ack', id: m.id }));
    } else if (m.type === 'done') {
      this.#counts = m.counts;
      pending.resolve(m);
    } else {
      pending.reject(new Error(m.message));
    }
  }
}
