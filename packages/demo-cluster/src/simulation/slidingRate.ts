/**
 * A per-second rate averaged over a sliding window, like PromQL's `rate(x[1m])`: it drops
 * to zero one window after the last event (an exponential average would linger).
 */
export class SlidingRate {
  private readonly samples: { at: number; value: number; seconds: number }[] =
    [];

  constructor(private readonly windowSeconds = 60) {}

  /** Records `value` per second over the `seconds` ending at `atMs`. */
  add(atMs: number, value: number, seconds: number): void {
    this.samples.push({ at: atMs, value, seconds });
    const cutoff = atMs - this.windowSeconds * 1000;
    while (this.samples.length > 0 && this.samples[0].at <= cutoff)
      this.samples.shift();
  }

  /** The average over the window (samples older than the window are gone). */
  value(): number {
    if (this.samples.length === 0) return 0;
    let sum = 0;
    let seconds = 0;
    for (const s of this.samples) {
      sum += s.value * s.seconds;
      seconds += s.seconds;
    }
    return sum / Math.max(seconds, this.windowSeconds);
  }
}
