import { TrafficSeries } from '@internal/plugin-model-scaling-common';

/** Bytes one recorded step takes: its step number (Uint32) and its rate (Float32). */
export const BYTES_PER_STEP = 8;

interface Ring {
  /** Step number (`floor(t / step)`) held by each slot; 0 = empty. */
  steps: Uint32Array;
  rates: Float32Array;
  lastStep: number;
}

/**
 * The recent request rate of every workload, one value per collection step
 * in a fixed ring per workload: memory is bounded by
 * `workloads × ceil(recordHours × 3600 / stepSeconds) × 8 bytes` (24 h at
 * 15 s: 5,760 steps, 46 KB per workload, 46 MB for 1,000 workloads). A
 * slot is overwritten a ring later; a workload not recorded for a whole
 * ring is dropped. Rates are stored as float32 (7 significant digits).
 */
export class TrafficRecorder {
  readonly #rings = new Map<string, Ring>();
  readonly capacity: number;

  constructor(
    private readonly o: { stepSeconds: number; recordHours: number },
  ) {
    this.capacity = Math.ceil((o.recordHours * 3600) / o.stepSeconds);
  }

  /** Workloads held. */
  get size(): number {
    return this.#rings.size;
  }

  /** Bytes the rings hold. */
  get bytes(): number {
    return this.#rings.size * this.capacity * BYTES_PER_STEP;
  }

  /** Records `rps` of `workload` (`<cluster>/<namespace>/<name>`) at `tMs`; a later value of the same step wins. */
  record(workload: string, tMs: number, rps: number): void {
    if (!Number.isFinite(rps) || rps < 0) return;
    const step = Math.floor(tMs / 1000 / this.o.stepSeconds);
    let ring = this.#rings.get(workload);
    if (!ring) {
      ring = {
        steps: new Uint32Array(this.capacity),
        rates: new Float32Array(this.capacity),
        lastStep: step,
      };
      this.#rings.set(workload, ring);
    }
    const slot = step % this.capacity;
    ring.steps[slot] = step;
    ring.rates[slot] = rps;
    ring.lastStep = Math.max(ring.lastStep, step);
  }

  /** Drops workloads whose last record is older than a ring. */
  prune(nowMs: number): void {
    const step = Math.floor(nowMs / 1000 / this.o.stepSeconds);
    for (const [workload, ring] of this.#rings) {
      if (step - ring.lastStep >= this.capacity) this.#rings.delete(workload);
    }
  }

  /** The first time any of `workloads` has a value still held, epoch ms. */
  firstRecordedMs(workloads: string[]): number | undefined {
    let first: number | undefined;
    for (const w of workloads) {
      const ring = this.#rings.get(w);
      if (!ring) continue;
      for (const s of ring.steps) {
        if (s > 0 && s > ring.lastStep - this.capacity) {
          first = Math.min(first ?? Infinity, s * this.o.stepSeconds * 1000);
        }
      }
    }
    return first;
  }

  /**
   * The summed rate of `workloads` from `startMs` for `count` steps of
   * `stepSeconds` (a multiple of the recording step): each step the mean of
   * the recorded values inside it, summed over the workloads; `null` when
   * any workload has no value in it (a partial sum would undercount).
   */
  series(
    workloads: string[],
    startMs: number,
    stepSeconds: number,
    count: number,
  ): TrafficSeries {
    const values: (number | null)[] = new Array(count).fill(null);
    const rings = workloads.map(w => this.#rings.get(w));
    if (workloads.length > 0 && rings.every(r => r)) {
      const per = Math.max(1, Math.round(stepSeconds / this.o.stepSeconds));
      const first = Math.floor(startMs / 1000 / this.o.stepSeconds);
      for (let i = 0; i < count; i++) {
        let total = 0;
        let complete = true;
        for (const ring of rings as Ring[]) {
          let sum = 0;
          let n = 0;
          for (let k = 0; k < per; k++) {
            const step = first + i * per + k;
            if (step > ring.lastStep || step <= ring.lastStep - this.capacity)
              continue;
            const slot = step % this.capacity;
            if (ring.steps[slot] !== step) continue;
            sum += ring.rates[slot];
            n += 1;
          }
          if (n === 0) {
            complete = false;
            break;
          }
          total += sum / n;
        }
        if (complete) values[i] = total;
      }
    }
    return { startMs, stepSeconds, values };
  }
}
