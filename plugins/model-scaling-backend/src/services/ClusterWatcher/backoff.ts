/** Exponential backoff settings. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of random spread around each delay (0 = none). */
  jitter?: number;
}

/** Exponential backoff: each failure doubles (×factor) the delay up to a cap; success resets it. */
export class Backoff {
  #attempt = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next retry, and counts the failure. */
  next(): number {
    const { initialMs, maxMs, factor, jitter = 0.2 } = this.options;
    const base = Math.min(maxMs, initialMs * Math.pow(factor, this.#attempt));
    this.#attempt += 1;
    const spread = base * jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.min(maxMs, Math.round(base + spread)));
  }

  /** Failures since the last reset. */
  get attempts(): number {
    return this.#attempt;
  }

  reset(): void {
    this.#attempt = 0;
  }
}
