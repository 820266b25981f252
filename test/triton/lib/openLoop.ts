/*
 * Open-loop load: requests are sent at Poisson arrival times whatever the
 * server's answers take (a closed loop would slow down with the server and hide
 * its queue). The actual send times are kept, so a simulation can replay them.
 */
import { seededRandom } from '@internal/plugin-model-scaling-common';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OpenLoopResult {
  /** Send time of every request, µs after the first. */
  sentUs: number[];
  /** How late the sends were against their schedule, 99th percentile, ms: high when the machine is overloaded. */
  lateP99Ms: number;
  /** Seconds from the first send to the last answer. */
  elapsedSeconds: number;
  failures: number;
  firstError?: string;
}

/**
 * Sends `send()` at Poisson arrivals of `rateRps` for `seconds`, then waits for
 * every answer. Seeded, so a run's schedule is reproducible.
 */
export async function openLoop(options: {
  rateRps: number;
  seconds: number;
  seed: number;
  send: () => Promise<void>;
}): Promise<OpenLoopResult> {
  const random = seededRandom(options.seed);
  const gapsMs: number[] = [];
  for (let t = 0; t < options.seconds * 1000; ) {
    const gap = (-Math.log(1 - random()) * 1000) / options.rateRps;
    t += gap;
    if (t < options.seconds * 1000) gapsMs.push(t);
  }
  const start = performance.now();
  const sentUs: number[] = [];
  const lateMs: number[] = [];
  const pending: Promise<void>[] = [];
  let failures = 0;
  let firstError: string | undefined;
  for (const at of gapsMs) {
    const wait = start + at - performance.now();
    if (wait > 1) await sleep(wait);
    const now = performance.now();
    sentUs.push((now - start) * 1000);
    lateMs.push(Math.max(0, now - start - at));
    pending.push(
      options.send().catch(e => {
        failures += 1;
        firstError ??= String(e?.message ?? e);
      }),
    );
  }
  await Promise.all(pending);
  const first = sentUs[0] ?? 0;
  lateMs.sort((a, b) => a - b);
  return {
    sentUs: sentUs.map(t => t - first),
    lateP99Ms: lateMs[Math.floor(lateMs.length * 0.99)] ?? 0,
    elapsedSeconds: (performance.now() - start) / 1000,
    failures,
    ...(firstError !== undefined && { firstError }),
  };
}
