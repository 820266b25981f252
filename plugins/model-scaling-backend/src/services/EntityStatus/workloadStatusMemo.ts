import { BuiltWorkloadStatus } from '@internal/plugin-model-scaling-common';

/**
 * What one workload's status is built from: the watch cache's records
 * (compared by identity, lists element by element; the cache replaces a
 * record on every change and never edits one), the collection's results and
 * throughput series (replaced on every reload) and the entity's figures
 * (compared by value).
 */
export type WorkloadStatusInputs = Readonly<Record<string, unknown>>;

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameInputs(a: WorkloadStatusInputs, b: WorkloadStatusInputs) {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!same(a[k], b[k])) return false;
  return true;
}

/**
 * The built status of each workload, kept while its inputs stay the same:
 * the fleet index rebuilds a service's row right after a change, and the
 * status views that follow (and the rows of the other services selecting the
 * workload) take that build instead of building it again; `workloadStatusAt`
 * then re-evaluates only the findings that read the time. At most
 * `maxEntries` workloads are kept (the oldest entry goes first), so the memo
 * of a workload that is gone does not stay for ever.
 */
export class WorkloadStatusMemo {
  readonly #entries = new Map<
    string,
    { inputs: WorkloadStatusInputs; built: BuiltWorkloadStatus }
  >();
  #hits = 0;
  #misses = 0;

  constructor(private readonly maxEntries = 20_000) {}

  /** The build of `key` for `inputs`: the kept one if its inputs are the same, else `build()`'s, kept. */
  get(
    key: string,
    inputs: WorkloadStatusInputs,
    build: () => BuiltWorkloadStatus,
  ): BuiltWorkloadStatus {
    const entry = this.#entries.get(key);
    if (entry && sameInputs(entry.inputs, inputs)) {
      this.#hits += 1;
      return entry.built;
    }
    this.#misses += 1;
    const built = build();
    if (!entry && this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { inputs, built });
    return built;
  }

  /** Builds taken from the memo and builds made, since the start (for benchmarks and tests). */
  get stats(): { hits: number; misses: number; entries: number } {
    return {
      hits: this.#hits,
      misses: this.#misses,
      entries: this.#entries.size,
    };
  }
}
