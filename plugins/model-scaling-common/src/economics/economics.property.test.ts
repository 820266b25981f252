import fc from 'fast-check';
import { alignTraffic } from './alignTraffic';
import { gpuHours, podSeconds } from './gpuHours';
import { replay } from './replay';
import { resolveCostSettings } from './schemas';
import { trafficFromCounterSamples } from './trafficFromCounterSamples';
import type { GpuPlacement, ReplayTarget } from './types';

const settings = resolveCostSettings({
  enabled: true,
  gpuHourPrices: { 'NVIDIA-L4': { onDemand: 1 } },
});

describe('economics invariants', () => {
  it('a rate from counter samples is never negative, whatever the resets', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 120 }),
            fc.integer({ min: 0, max: 10_000 }),
          ),
          { minLength: 2, maxLength: 60 },
        ),
        rows => {
          let t = 0;
          const samples = rows.map(([dt, value]) => ({
            tMs: (t += dt) * 1000,
            value,
          }));
          const series = trafficFromCounterSamples(samples, {
            stepSeconds: 60,
          });
          const rates = series.values.filter((v): v is number => v !== null);
          expect(rates.every(v => Number.isFinite(v) && v >= 0)).toBe(true);
        },
      ),
    );
  });

  it('alignment to a coarser step keeps the requests of a series without gaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), {
          minLength: 1,
          maxLength: 24,
        }),
        fc.integer({ min: 1, max: 5 }),
        (blocks, perBlock) => {
          // Whole 5-minute blocks of 1-minute steps, so every aligned step is fully covered.
          const values = blocks.flatMap(b => new Array(5).fill(b + perBlock));
          const aligned = alignTraffic(
            { startMs: 0, stepSeconds: 60, values },
            300,
          );
          const before = values.reduce((a, v) => a + v * 60, 0);
          const after = aligned.values.reduce<number>(
            (a, v) => a + (v as number) * 300,
            0,
          );
          expect(aligned.values).toHaveLength(blocks.length);
          expect(aligned.values).not.toContain(null);
          expect(after).toBeCloseTo(before, 6);
        },
      ),
    );
  });

  it('GPU-hours are pod-hours times the share of one pod, for every sharing mode', () => {
    const placements: GpuPlacement[] = [
      {
        product: 'NVIDIA-H100-80GB-HBM3',
        gpusPerPod: 2,
        sharing: 'exclusive',
        capacity: 'on-demand',
      },
      {
        product: 'NVIDIA-H100-80GB-HBM3',
        gpusPerPod: 1,
        sharing: 'mig',
        migProfile: '2g.20gb',
        capacity: 'spot',
      },
      {
        product: 'NVIDIA-L4',
        gpusPerPod: 1,
        sharing: 'time-slicing',
        sharedBy: 3,
        capacity: 'on-demand',
      },
    ];
    const shares = [2, 2 / 7, 1 / 3];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), {
          minLength: 1,
          maxLength: 30,
        }),
        replicas => {
          const timeline = {
            points: replicas.map((r, i) => ({ t: i * 60, replicas: r })),
            endSeconds: replicas.length * 60,
          };
          const podHours = podSeconds(timeline) / 3600;
          placements.forEach((p, i) =>
            expect(gpuHours(timeline, p)).toBeCloseTo(podHours * shares[i], 9),
          );
        },
      ),
    );
  });

  it('a replay keeps replicas within the autoscaler bounds and holds at least the GPU-hours its served load needed', () => {
    const target: ReplayTarget = {
      autoscaler: {
        kind: 'ScaledObject',
        minReplicaCount: 0,
        maxReplicaCount: 8,
        triggers: [{ type: 'prometheus', metadata: { threshold: '10' } }],
      },
      capacity: { maxRpsPerPod: 15 },
      coldStartSeconds: 45,
      placement: {
        product: 'NVIDIA-L4',
        gpusPerPod: 1,
        sharing: 'exclusive',
        capacity: 'on-demand',
      },
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 150 }), {
          minLength: 1,
          maxLength: 40,
        }),
        values => {
          const r = replay({
            target,
            traffic: { startMs: 0, stepSeconds: 60, values },
            settings,
          });
          const inBounds = r.replicaTimeline.points.every(
            p => p.replicas >= 0 && p.replicas <= 8,
          );
          // Served load needs at most the ready pods' capacity, and ready pods are among the pods held.
          const servedNeeded =
            (r.totalRequests - r.unservedRequests) / 15 / 3600;
          expect(inBounds).toBe(true);
          expect(r.gpuHours + 1e-9).toBeGreaterThanOrEqual(servedNeeded);
          expect(r.unservedRequests).toBeLessThanOrEqual(
            r.totalRequests + 1e-6,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});
