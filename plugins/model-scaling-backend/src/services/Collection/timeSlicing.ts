import { performance } from 'node:perf_hooks';

/**
 * Milliseconds of synchronous work a slicer does before letting other work
 * run. Background work of several kinds (watch events, a collection round,
 * the fleet index) can each take a slice in one turn of the event loop, so
 * slices are short: at 5,000 services three 5 ms slices in one turn made
 * 15 ms stalls.
 */
export const DEFAULT_SLICE_MS = 3;

const waiting: Array<() => void> = [];
let released = false;

function release(): void {
  released = false;
  waiting.shift()?.();
  if (waiting.length > 0) {
    released = true;
    setImmediate(release);
  }
}

/**
 * Resolves in a later turn of the event loop, and in each turn resolves one
 * waiter only, oldest first: the turns are shared by every kind of
 * background work (watch events, the collection round's history and writes,
 * the read cache's reload, the fleet index), so a turn carries one slice of
 * one of them, never a slice of each. The continuation runs in the turn's
 * check phase (`setImmediate`), after the I/O of that turn (the HTTP
 * requests that arrived) has been handled. Waiters queued while the loop is
 * idle are released one per turn too, without waiting for I/O.
 */
export function nextBackgroundTurn(): Promise<void> {
  return new Promise<void>(resolve => {
    waiting.push(resolve);
    if (!released) {
      released = true;
      setImmediate(release);
    }
  });
}

/**
 * Runs synchronous jobs a few milliseconds at a time: queued jobs run in a
 * macrotask until `budgetMs` is spent, then the rest wait for the next
 * background turn of the event loop ({@link nextBackgroundTurn}), so HTTP requests and timers are served between slices.
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
    nextBackgroundTurn().then(() => this.#drain());
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
    return nextBackgroundTurn().then(() => {
      start = performance.now();
    });
  };
}
