/*
 * Benchmark of the GPU economics replay (not a test): one service's recorded
 * traffic replayed through the autoscaler simulator, for 1 and 7 days at a
 * 60 s step, alone and with the savings of every capacity recommendation.
 *
 * Run from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/model-scaling-common/bench/replay.bench.ts
 */
/* eslint-disable no-console */
import { performance } from 'node:perf_hooks';
import { capacityRecommendationsFor } from '../src/economics/recommendations';
import { replay } from '../src/economics/replay';
import { trafficLoadPoints } from '../src/economics/replayTimeline';
import { simulateAutoscaler } from '../src/simulator/simulateAutoscaler';
import { savingsFor } from '../src/economics/savingsFor';
import { resolveCostSettings } from '../src/economics/schemas';
import type { ReplayTarget, TrafficSeries } from '../src/economics/types';

const settings = resolveCostSettings({
  enabled: true,
  gpuHourPrices: { 'NVIDIA-H100-80GB-HBM3': { onDemand: 4, spot: 1.6 } },
});

const target: ReplayTarget = {
  autoscaler: {
    kind: 'ScaledObject',
    minReplicaCount: 2,
    maxReplicaCount: 30,
    triggers: [{ type: 'prometheus', metadata: { threshold: '100' } }],
  },
  capacity: { maxRpsPerPod: 150, serviceTimeMs: 8 },
  coldStartSeconds: 90,
  placement: {
    product: 'NVIDIA-H100-80GB-HBM3',
    gpusPerPod: 1,
    sharing: 'exclusive',
    capacity: 'on-demand',
  },
  latencySloMs: 40,
};

/** Diurnal traffic with a lunchtime burst, one value a minute. */
function traffic(days: number): TrafficSeries {
  const values: number[] = [];
  for (let i = 0; i < days * 1440; i++) {
    const h = (i / 60) % 24;
    const diurnal = 0.5 + 0.45 * Math.sin(((h - 8) / 24) * 2 * Math.PI);
    const burst = h > 12 && h < 12.5 ? 0.6 : 0;
    values.push(Math.round(1200 * (diurnal + burst)));
  }
  return { startMs: Date.UTC(2026, 11, 1), stepSeconds: 60, values };
}

function time(label: string, runs: number, fn: () => unknown): void {
  fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(
      1,
    )} ms  (min ${samples[0].toFixed(1)}, max ${samples[
      samples.length - 1
    ].toFixed(1)}, ${runs} runs)`,
  );
}

const recommendations = capacityRecommendationsFor(target, {
  pattern: 'realtime-gpu',
  modelSizeGb: 8,
});
for (const days of [1, 7]) {
  const series = traffic(days);
  const load = trafficLoadPoints(series.values, 60);
  time(`simulateAutoscaler alone, ${days} day(s)`, 10, () =>
    simulateAutoscaler({
      autoscaler: target.autoscaler,
      load,
      capacity: target.capacity,
      coldStartSeconds: target.coldStartSeconds,
      durationSeconds: series.values.length * 60,
    }),
  );
  time(`replay, ${days} day(s)`, 10, () =>
    replay({ target, traffic: series, settings }),
  );
  time(`replay + ${recommendations.length} savings, ${days} day(s)`, 5, () => {
    const baseline = replay({ target, traffic: series, settings });
    for (const recommendation of recommendations)
      savingsFor({
        target,
        traffic: series,
        settings,
        recommendation,
        baseline,
      });
  });
}
console.log(
  `node ${process.version}, recommendations: ${recommendations
    .map(r => r.id)
    .join(', ')}`,
);
