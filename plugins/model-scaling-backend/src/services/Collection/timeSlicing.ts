import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Milliseconds of synchronous work a slicer does before letting other work
 * run. Background work of several kinds (watch events, a collection round,
 * the fleet index) can each take a slice in one turn of the event loop, so
 * slices are short: at 5,000 services three 5 ms slices in one turn made
 * 15 ms stalls.
 */
export const DEFAULT_SLICE_MS = 3;

/**
 * Runs synchronous jobs a few milliseconds at a time: queued jobs run in a
 * macrotask until `budgetMs` is spent, then the rest wait for the next turn
 * of the event loop, so HTTP requests and timers are served between slices.
 * Jobs queued from many concurrent tasks (one per pod) share the budget,
 * which `await setImmediate()` in each task would not do: immediates queued
 * together all run in one turn.
 */
export class TimeSlicer {
  #jobs: Array<() => void> = [];
  #next = 0;
  #scheduled = false;

  constructor(private readonly budgetMs = DEFAULT_SLICE_MS) {}

  /** Runs `fn` in a slice; resolves with its result (or rejects with its error). */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push(() => {
        try {
          resolve(fn());
        } catch (error) {
          reject(error);
        }
      });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#drain());
  }

  #drain(): void {
    this.#scheduled = false;
    const start = performance.now();
    while (this.#next < this.#jobs.length) {
      this.#jobs[this.#next++]();
      if (performance.now() - start >= this.budgetMs) break;
    }
    if (this.#next >= this.#jobs.length) {
      this.#jobs = [];
      this.#next = 0;
    } else {
      this.#schedule();
    }
  }
}

/**
 * For a sequential loop: returns a function to await between items, which
 * yields to the event loop once `budgetMs` of work has run since the last
 * yield, and otherwise returns at once.
 */
export function yieldEvery(
  budgetMs = DEFAULT_SLICE_MS,
): () => Promise<void> | undefined {
  let start = performance.now();
  return () => {
    if (performance.now() - start < budgetMs) return undefined;
    return yieldToEventLoop().then(() => {
      start = performance.now();
    });
  };
}
