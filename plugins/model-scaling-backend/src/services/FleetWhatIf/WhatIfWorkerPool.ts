import type {
  DayFigures,
  FleetWhatIfService,
  FleetWhatIfServiceResult,
  PresetChange,
} from '@internal/plugin-model-scaling-common';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workersCanLoad } from '../workerThreads';

/*
 * The worker runs the common package's `fleetWhatIfResults` on one slice of
 * the fleet. It is plain JavaScript given to the Worker as `eval` code and
 * loads the common package by its resolved path, so it works wherever the
 * backend runs: under `backstage-cli package start` the worker inherits the
 * parent's `--require` of the CLI's Node transform (`execArgv`) and loads the
 * TypeScript sources; in a built backend the path resolves to the package's
 * compiled `dist`. No separate worker file has to survive bundling.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const common = require(workerData.commonPath);
parentPort.on('message', async job => {
  try {
    const prepared = common.prepareChange(job.change);
    const baselines = new Map();
    job.services.forEach((s, i) => {
      if (job.baselines[i]) baselines.set(s, job.baselines[i]);
    });
    let reported = 0;
    const results = await common.fleetWhatIfResults(job.services, prepared, {
      sliceMs: 50,
      baselineOf: s => baselines.get(s),
      onProgress: done => {
        parentPort.postMessage({ id: job.id, progress: done - reported });
        reported = done;
      },
    });
    parentPort.postMessage({ id: job.id, results });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) });
  }
});
`;

/**
 * What a worker loads: in a source checkout only the common package's
 * `fleetWhatIf` folder (a fraction of the package to compile on load), in a
 * built backend the package's compiled entry point.
 */
export function whatIfModulePath(): string {
  const main = require.resolve('@internal/plugin-model-scaling-common');
  if (!main.endsWith('.ts')) return main;
  const folder = join(dirname(main), 'fleetWhatIf', 'index.ts');
  return existsSync(folder) ? folder : main;
}

/** True when a worker thread can load {@link whatIfModulePath} (see {@link workersCanLoad}). */
export function workersCanLoadWhatIf(
  execArgv: string[] = process.execArgv,
): boolean {
  return workersCanLoad(whatIfModulePath(), execArgv);
}

interface Job {
  id: number;
  services: FleetWhatIfService[];
  baselines: (DayFigures | undefined)[];
  change: PresetChange;
  onProgress(done: number): void;
  resolve(results: FleetWhatIfServiceResult[]): void;
  reject(error: Error): void;
}

type WorkerMessage =
  | { id: number; progress: number }
  | { id: number; results: FleetWhatIfServiceResult[] }
  | { id: number; error: string };

interface Slot {
  worker: Worker;
  job?: Job;
}

/** Options of {@link WhatIfWorkerPool}. */
export interface WhatIfWorkerPoolOptions {
  /** Worker threads (default: the machine's available parallelism, at most 4). */
  size?: number;
  /** Services per job handed to a worker (default 200): small enough to balance, large enough to be cheap. */
  sliceSize?: number;
  /** Workers end after this long without work (default 60 s) and start again on the next run. */
  idleMs?: number;
  /** Node options of the workers (default: the parent's, e.g. the CLI's `--require` of its TypeScript transform). */
  execArgv?: string[];
}

/**
 * A small pool of `worker_threads` that runs fleet what-ifs off the event
 * loop, slice by slice: each idle worker takes the next slice, so two cores
 * share the work whatever each slice costs. Workers start on first use and
 * end when idle.
 */
export class WhatIfWorkerPool {
  readonly size: number;
  readonly #sliceSize: number;
  readonly #idleMs: number;
  readonly #execArgv?: string[];
  readonly #commonPath = whatIfModulePath();
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 1;
  #idleTimer?: NodeJS.Timeout;

  constructor(options: WhatIfWorkerPoolOptions = {}) {
    this.size = Math.max(
      1,
      options.size ?? Math.min(4, availableParallelism()),
    );
    this.#sliceSize = Math.max(1, options.sliceSize ?? 200);
    this.#idleMs = options.idleMs ?? 60_000;
    this.#execArgv = options.execArgv;
  }

  /**
   * The per-service results for `services`, in their order; `onProgress`
   * gets the number of services finished since its last call.
   */
  async run(
    services: FleetWhatIfService[],
    change: PresetChange,
    options: {
      baselines?: (DayFigures | undefined)[];
      onProgress?(finished: number): void;
      signal?: AbortSignal;
    } = {},
  ): Promise<FleetWhatIfServiceResult[]> {
    const slices: Promise<FleetWhatIfServiceResult[]>[] = [];
    const queued: Job[] = [];
    // At least four slices per worker when the fleet is small, so every worker gets some.
    const sliceSize = Math.max(
      1,
      Math.min(this.#sliceSize, Math.ceil(services.length / (this.size * 4))),
    );
    for (let i = 0; i < services.length; i += sliceSize) {
      slices.push(
        new Promise((resolve, reject) => {
          const job: Job = {
            id: this.#nextId++,
            services: services.slice(i, i + sliceSize),
            baselines: (options.baselines ?? []).slice(i, i + sliceSize),
            change,
            onProgress: n => options.onProgress?.(n),
            resolve,
            reject,
          };
          queued.push(job);
        }),
      );
    }
    const onAbort = () => {
      // Slices not started yet are dropped; running ones finish and are discarded.
      const error = options.signal?.reason ?? new Error('cancelled');
      this.#queue = this.#queue.filter(j => !queued.includes(j));
      queued.forEach(j => j.reject(error));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.#queue.push(...queued);
    this.#dispatch();
    try {
      return (await Promise.all(slices)).flat();
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Worker threads running now: none until the first run (a backend that
   * never runs a fleet what-if starts none), none again after an idle
   * period or {@link WhatIfWorkerPool.close}.
   */
  get workerCount(): number {
    return this.#slots.length;
  }

  /** Ends every worker that was started; nothing to end before the first run. */
  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    const slots = this.#slots;
    this.#slots = [];
    for (const s of slots) s.job?.reject(new Error('worker pool closed'));
    await Promise.all(slots.map(s => s.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { commonPath: this.#commonPath },
      ...(this.#execArgv && { execArgv: this.#execArgv }),
    });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (m: WorkerMessage) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      if ('progress' in m) {
        job.onProgress(m.progress);
        return;
      }
      slot.job = undefined;
      slot.worker.unref();
      if ('error' in m) job.reject(new Error(m.error));
      else job.resolve(m.results);
      this.#dispatch();
    });
    worker.on('error', (error: Error) => {
      slot.job?.reject(error);
      slot.job = undefined;
      this.#slots = this.#slots.filter(s => s !== slot);
      this.#dispatch();
    });
    this.#slots.push(slot);
    return slot;
  }

  #dispatch(): void {
    clearTimeout(this.#idleTimer);
    while (this.#queue.length > 0) {
      let slot = this.#slots.find(s => !s.job);
      if (!slot && this.#slots.length < this.size) slot = this.#spawn();
      if (!slot) return;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({
        id: job.id,
        services: job.services,
        baselines: job.baselines,
        change: job.change,
      });
    }
    if (this.#slots.every(s => !s.job)) {
      this.#idleTimer = setTimeout(() => {
        this.close().catch(() => {});
      }, this.#idleMs);
      this.#idleTimer.unref();
    }
  }
}
