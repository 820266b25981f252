import { EconomicsInputError } from './schemas';
import type { CounterSample, TrafficSeries } from './types';

/** Options of {@link trafficFromCounterSamples}. */
export interface CounterTrafficOptions {
  /** Width of one step, seconds. */
  stepSeconds: number;
  /**
   * Two samples further apart than this leave a gap between them (default:
   * 2 × `stepSeconds`, at least 60 s): a scrape that stopped is not traffic of 0.
   */
  maxSampleIntervalSeconds?: number;
}

/**
 * Request rate per step from readings of a monotonic request counter (Triton's
 * `nv_inference_request_success`, a Prometheus `_total`).
 *
 * Between two samples the counter's increase is spread evenly; a sample lower
 * than the one before it is a counter reset (the process restarted), and the
 * increase over that interval is the new value, counted from 0 — as
 * Prometheus' `rate()` does (prometheus/promql/functions.go, `extrapolatedRate`:
 * "if currentValue < prevValue { resultValue += prevValue }", which adds the
 * value before the reset so the drop is not read as negative traffic). No
 * extrapolation beyond the first and last sample. A step is a gap (`null`)
 * unless samples cover at least half of it.
 */
export function trafficFromCounterSamples(
  samples: readonly CounterSample[],
  options: CounterTrafficOptions,
): TrafficSeries & { counterResets: number } {
  const step = options.stepSeconds;
  if (!(step > 0)) {
    throw new EconomicsInputError(
      `stepSeconds: must be greater than 0 (got ${step})`,
    );
  }
  if (samples.length < 2) {
    throw new EconomicsInputError(
      `samples: a rate needs at least 2 counter samples (got ${samples.length})`,
    );
  }
  samples.forEach((s, i) => {
    if (!Number.isFinite(s.tMs) || !Number.isFinite(s.value) || s.value < 0) {
      throw new EconomicsInputError(
        `samples[${i}]: a counter sample needs a finite time and a value of 0 or more`,
      );
    }
    if (i > 0 && s.tMs <= samples[i - 1].tMs) {
      throw new EconomicsInputError(
        `samples[${i}].tMs: must increase (${s.tMs} after ${
          samples[i - 1].tMs
        })`,
      );
    }
  });
  const maxInterval =
    options.maxSampleIntervalSeconds ?? Math.max(2 * step, 60);
  const stepMs = step * 1000;
  const startMs = Math.floor(samples[0].tMs / stepMs) * stepMs;
  const endMs = Math.ceil(samples[samples.length - 1].tMs / stepMs) * stepMs;
  const steps = Math.max(1, Math.round((endMs - startMs) / stepMs));
  const increase = new Array<number>(steps).fill(0);
  const covered = new Array<number>(steps).fill(0);
  let counterResets = 0;

  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    let delta = b.value - a.value;
    if (delta < 0) {
      counterResets++;
      delta = b.value;
    }
    const dtSeconds = (b.tMs - a.tMs) / 1000;
    if (dtSeconds > maxInterval) continue;
    const rate = delta / dtSeconds;
    let from = a.tMs;
    while (from < b.tMs) {
      const index = Math.floor((from - startMs) / stepMs);
      const to = Math.min(b.tMs, startMs + (index + 1) * stepMs);
      const seconds = (to - from) / 1000;
      increase[index] += rate * seconds;
      covered[index] += seconds;
      from = to;
    }
  }
  const values = increase.map((inc, i) =>
    covered[i] >= step / 2 ? inc / covered[i] : null,
  );
  return { startMs, stepSeconds: step, values, counterResets };
}
