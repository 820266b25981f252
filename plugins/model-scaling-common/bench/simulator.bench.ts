/*
 * Benchmark of the autoscaler simulator and the batching advisor (not a test).
 *
 * Run from the repository root:  yarn bench:simulator
 * which runs:  node --require @backstage/cli/config/nodeTransform.cjs \
 *                plugins/model-scaling-common/bench/simulator.bench.ts
 * (`@backstage/cli`'s Node transform compiles TypeScript on require with SWC;
 * Node 22's own `--experimental-strip-types` cannot resolve the extensionless
 * imports this code base uses.)
 */
/* eslint-disable no-console */
import { performance } from 'node:perf_hooks';
import { adviseBatching } from '../src/batching/adviseBatching';
import { loadBatchProfiles } from '../src/batching/batchProfile';
import profileFile from '../src/batching/profiles/batch-profile-h200.json';
import { simulateAutoscaler } from '../src/simulator/simulateAutoscaler';
import type {
  LoadPoint,
  SimulationInput,
  SimulationPoint,
} from '../src/simulator/types';

const DAY = 24 * 3600;

/** A day of traffic: diurnal sine plus a lunchtime and an evening burst, one point per 5 minutes. */
function dayLoad(peakRps: number, phase: number): LoadPoint[] {
  const points: LoadPoint[] = [];
  for (let t = 0; t <= DAY; t += 300) {
    const diurnal =
      0.55 + 0.45 * Math.sin(((t / DAY) * 2 - 0.5 + phase) * Math.PI);
    let burst = 0;
    if (t > 12 * 3600 && t < 12.5 * 3600) burst = 0.6;
    if (t > 20 * 3600 && t < 20.25 * 3600) burst = 0.9;
    points.push({ t, rps: Math.max(0, peakRps * (diurnal + burst)) });
  }
  return points;
}

function services(n: number): SimulationInput[] {
  return Array.from({ length: n }, (_, i) => {
    const peak = 200 + ((i * 7919) % 3000);
    const load = dayLoad(peak, (i % 24) / 24);
    if (i % 2 === 0) {
      return {
        autoscaler: {
          kind: 'HorizontalPodAutoscaler',
          minReplicas: 2,
          maxReplicas: 60,
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
          ...(i % 4 === 0
            ? { behavior: { scaleDown: { stabilizationWindowSeconds: 120 } } }
            : {}),
        },
        load,
        capacity: {
          cpu: {
            millicoresPerRps: 4,
            idleMillicores: 50,
            requestMillicores: 500,
          },
          memoryUtilizationPercent: 45,
          maxRpsPerPod: 110,
        },
        coldStartSeconds: 40,
        durationSeconds: DAY,
      } satisfies SimulationInput;
    }
    return {
      autoscaler: {
        kind: 'ScaledObject',
        minReplicaCount: i % 3 === 0 ? 0 : 1,
        maxReplicaCount: 40,
        cooldownPeriod: 300,
        pollingInterval: 15,
        fallback: { failureThreshold: 3, replicas: 6 },
        triggers: [
          {
            type: 'prometheus',
            metadata: {
              query: 'sum(rate(x[1m]))',
              threshold: '100',
              activationThreshold: '5',
            },
          },
        ],
      },
      load,
      capacity: { maxRpsPerPod: 150, serviceTimeMs: 4 },
      coldStartSeconds: 90,
      durationSeconds: DAY,
      metricFailures: [{ from: 3 * 3600, to: 3 * 3600 + 600 }],
    } satisfies SimulationInput;
  });
}

/** Runs `fn` once and prints wall-clock and CPU time (the CPU time is what counts on a shared machine). */
function time<T>(label: string, fn: () => T): T {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(
    `${label.padEnd(58)} wall ${wall.toFixed(1).padStart(9)} ms   cpu ${cpuMs
      .toFixed(1)
      .padStart(9)} ms`,
  );
  return result;
}

function main() {
  console.log(
    `Node ${process.version}; one simulated day = ${
      DAY / 15
    } HPA syncs of 15 s; load average ${require('node:os')
      .loadavg()[0]
      .toFixed(1)}`,
  );
  const one = services(1)[0];
  time('warm-up (1 service, 1 day)', () => simulateAutoscaler(one));
  const r = time('simulateAutoscaler: 1 service, 1 day', () =>
    simulateAutoscaler(one),
  );
  console.log(
    `  → ${r.timeline.length} points, ${r.events.length} rescales, max ${r.summary.maxReplicas} replicas`,
  );
  const fleet = services(1000);
  // Keep only counts, as a fleet view would keep summaries: 5.8 M timeline points would mostly measure the GC.
  const steps = time('simulateAutoscaler: 1,000 services, 1 day each', () =>
    fleet.reduce((a, s) => a + simulateAutoscaler(s).timeline.length, 0),
  );
  console.log(`  → ${steps.toLocaleString('en')} syncs in total`);
  // The same days with the syncs streamed (`onPoint`), as the fleet what-if runs them: nothing kept per sync.
  let streamedSyncs = 0;
  let streamedLoad = 0;
  time('simulateAutoscaler: 1,000 services, points streamed (onPoint)', () => {
    const options = {
      onPoint: (p: Readonly<SimulationPoint>) => {
        streamedSyncs++;
        streamedLoad += p.load;
      },
    };
    for (const s of fleet) simulateAutoscaler(s, options);
  });
  console.log(
    `  → ${streamedSyncs.toLocaleString('en')} syncs streamed (mean load ${(
      streamedLoad / streamedSyncs
    ).toFixed(0)} req/s)`,
  );
  const profiles = loadBatchProfiles(profileFile);
  for (const [model, rate, slo] of [
    ['resnet50-224', 4000, 20],
    ['bert-base-seq128', 8000, 50],
    ['mlp-4x4096', 50000, 5],
  ] as const) {
    const profile = profiles.find(p => p.model === model)!;
    const advice = time(
      `adviseBatching: ${model} at ${rate} req/s, p99 ≤ ${slo} ms`,
      () => adviseBatching({ profile, rateRps: rate, sloMs: slo, seed: 1 }),
    );
    const rec = advice.recommended;
    console.log(
      `  → ${advice.options.length} configurations simulated; ${
        rec?.replicas ?? '-'
      } replicas with preferred ` +
        `${JSON.stringify(rec?.preferredBatchSizes ?? [])}, delay ${
          rec?.maxQueueDelayUs ?? '-'
        } µs, ` +
        `p99 ${rec?.result?.p99Ms.toFixed(2) ?? '-'} ms (no batching: ${
          advice.noBatching.replicas ?? '-'
        } replicas)`,
    );
  }
}

main();
