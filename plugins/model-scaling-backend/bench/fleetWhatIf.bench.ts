/*
 * Benchmark (not a test): a fleet what-if — every service of a pattern, one
 * day at the HPA's 15 s sync period, today's preset against a changed one —
 * on the event loop in slices and on the backend's worker_threads pool, side
 * by side, with the event-loop delay during each run.
 *
 *   yarn workspace @internal/plugin-model-scaling-backend bench:fleet-what-if
 *   BENCH_SERVICES=5000 BENCH_MAIN_SERVICES=5000 yarn workspace @internal/plugin-model-scaling-backend bench:fleet-what-if
 *
 * The fleet follows the synthetic fleet of the demo cluster
 * (`packages/demo-cluster/src/simulation/synthetic.ts`): CPU services with an
 * HPA on CPU and memory, and every fifth a Triton service on a whole GPU with
 * a KEDA ScaledObject on request rate; here all of them are `realtime-cpu`
 * or all `realtime-gpu` as BENCH_PATTERN says, so the what-if replays every
 * service. Each gets its own diurnal peak. The main-thread run may take a
 * sample (BENCH_MAIN_SERVICES, default 1,000) on a shared machine; its
 * services/s is what compares. Output also goes to BENCH_OUT when set.
 */
/* eslint-disable no-console */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_PATTERN_PRESETS,
  fleetWhatIf,
  FleetWhatIfService,
  PresetChange,
  prepareChange,
  summarizeFleetWhatIf,
} from '@internal/plugin-model-scaling-common';
import { WhatIfWorkerPool } from '../src/services/FleetWhatIf/WhatIfWorkerPool';
import { createPrinter, withLoopDelay } from './benchHarness';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 5000);
const MAIN_SERVICES = Math.min(
  SERVICES,
  Number(process.env.BENCH_MAIN_SERVICES ?? 1000),
);
const PATTERN = (process.env.BENCH_PATTERN ?? 'realtime-cpu') as
  | 'realtime-cpu'
  | 'realtime-gpu';

function service(i: number): FleetWhatIfService {
  const name = `model-${String(i).padStart(4, '0')}`;
  const peakRps = 40 + ((i * 7919) % 900);
  if (PATTERN === 'realtime-cpu') {
    return {
      entityRef: `component:synthetic/${name}`,
      pattern: 'realtime-cpu',
      peakRps,
      shape: 'diurnal',
      target: {
        autoscaler: {
          kind: 'HorizontalPodAutoscaler',
          minReplicas: 2,
          maxReplicas: 20,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 70 },
              },
            },
            {
              type: 'Resource',
              resource: {
                name: 'memory',
                target: { type: 'Utilization', averageUtilization: 80 },
              },
            },
          ],
          behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
        },
        capacity: {
          cpu: {
            millicoresPerRps: 8,
            idleMillicores: 50,
            requestMillicores: 500,
          },
          memoryUtilizationPercent: 45,
          maxRpsPerPod: 60,
          serviceTimeMs: 20,
        },
        coldStartSeconds: 30,
        latencySloMs: 200,
      },
    };
  }
  return {
    entityRef: `component:synthetic/${name}`,
    pattern: 'realtime-gpu',
    peakRps,
    shape: 'diurnal',
    target: {
      autoscaler: {
        kind: 'ScaledObject',
        minReplicaCount: 1,
        maxReplicaCount: 8,
        cooldownPeriod: 300,
        pollingInterval: 15,
        triggers: [
          {
            type: 'prometheus',
            metadata: {
              threshold: '100',
              query: 'q',
              serverAddress: 'http://p',
            },
          },
        ],
      },
      capacity: { maxRpsPerPod: 150, serviceTimeMs: 8 },
      coldStartSeconds: 60,
      latencySloMs: 100,
      placement: {
        product: 'NVIDIA-H200',
        gpusPerPod: 1,
        sharing: 'exclusive',
        capacity: 'on-demand',
      },
    },
  };
}

function change(): PresetChange {
  if (PATTERN === 'realtime-cpu') {
    const before = DEFAULT_PATTERN_PRESETS['realtime-cpu'];
    return {
      pattern: 'realtime-cpu',
      before,
      after: {
        ...before,
        minReplicas: 1,
        cpuTargetUtilization: 85,
        behavior: {
          ...before.behavior,
          scaleDownStabilizationWindowSeconds: 30,
        },
      },
    };
  }
  const before = DEFAULT_PATTERN_PRESETS['realtime-gpu'];
  return {
    pattern: 'realtime-gpu',
    before,
    after: {
      ...before,
      maxReplicas: 6,
      prometheus: { ...before.prometheus, threshold: 130 },
    },
  };
}

const { lines, print: out } = createPrinter();

async function measured<T>(
  what: string,
  n: number,
  run: (progress: (done: number) => void) => Promise<T>,
): Promise<{ result: T; seconds: number }> {
  let updates = 0;
  const start = performance.now();
  const { value: result, delay } = await withLoopDelay(
    () =>
      run(() => {
        updates++;
      }),
    5,
  );
  const seconds = (performance.now() - start) / 1000;
  out(
    `${what.padEnd(44)} ${String(n).padStart(5)} services  ${seconds
      .toFixed(2)
      .padStart(7)} s  ${(n / seconds)
      .toFixed(0)
      .padStart(6)} services/s  event-loop delay p99 ${(
      delay.percentile(99) / 1e6
    ).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(
      1,
    )} ms  (${updates} progress updates)`,
  );
  return { result, seconds };
}

async function main() {
  const fleet = Array.from({ length: SERVICES }, (_, i) => service(i));
  const c = change();
  const prepared = prepareChange(c);
  out(
    `fleet what-if: ${SERVICES} ${PATTERN} services × 1 day (HPA sync 15 s, synthetic days in 300 s steps), changed ${prepared.replayed.join(
      ', ',
    )}; node ${process.version}, ${availableParallelism()} cores`,
  );

  const onMainThread = await measured(
    'main thread, event-loop slices of 10 ms',
    MAIN_SERVICES,
    progress =>
      fleetWhatIf(fleet.slice(0, MAIN_SERVICES), c, { onProgress: progress }),
  );

  const pool = new WhatIfWorkerPool();
  const started = performance.now();
  await pool.run(fleet.slice(0, 2), c); // start the workers and load the code
  out(
    `worker pool: ${pool.size} workers started and loaded in ${(
      (performance.now() - started) /
      1000
    ).toFixed(2)} s (once per backend; excluded below)`,
  );
  const pooled = await measured(
    `worker pool (${pool.size} workers)`,
    SERVICES,
    progress =>
      pool.run(fleet, c, {
        onProgress: () => progress(0),
      }),
  );
  const baselines = pooled.result.map(r => r.before);
  const cached = await measured(
    `worker pool, today's days cached (2nd what-if)`,
    SERVICES,
    progress =>
      pool.run(fleet, c, { baselines, onProgress: () => progress(0) }),
  );
  await pool.close();

  const summary = summarizeFleetWhatIf(prepared, pooled.result);
  const t = summary.totals;
  out(
    `result: ${t.replayed} replayed, ${t.breaking} broken by the change, ${
      t.failed
    } failed; replica-hours ${t.before.replicaHours.toFixed(
      0,
    )} → ${t.after.replicaHours.toFixed(
      0,
    )}, GPU-hours ${t.before.gpuHours.toFixed(0)} → ${t.after.gpuHours.toFixed(
      0,
    )}, SLO minutes missed ${t.before.sloMinutesMissed} → ${
      t.after.sloMinutesMissed
    }`,
  );
  // The worker results equal the main thread's for the services both ran.
  const mainByRef = new Map(
    onMainThread.result.services.map(s => [s.entityRef, s] as const),
  );
  const mismatches = pooled.result.filter(
    r =>
      mainByRef.has(r.entityRef) &&
      JSON.stringify(mainByRef.get(r.entityRef)) !== JSON.stringify(r),
  ).length;
  out(
    `worker results equal to the main thread's: ${
      mismatches === 0 ? 'yes' : `no (${mismatches} differ)`
    }`,
  );
  out(
    `target ≤ 15 s at 5,000 services: worker pool ${pooled.seconds.toFixed(
      2,
    )} s (cached ${cached.seconds.toFixed(
      2,
    )} s); main thread extrapolated to ${SERVICES}: ${(
      (onMainThread.seconds * SERVICES) /
      MAIN_SERVICES
    ).toFixed(1)} s`,
  );
  out(
    `machine load average (1/5/15 min) at the end: ${loadavg()
      .map(l => l.toFixed(1))
      .join(' / ')} on ${availableParallelism()} cores`,
  );
  if (process.env.BENCH_OUT)
    writeFileSync(process.env.BENCH_OUT, `${lines.join('\n')}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
