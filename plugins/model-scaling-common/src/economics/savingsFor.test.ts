import { replay } from './replay';
import { savingsFor } from './savingsFor';
import { resolveCostSettings } from './schemas';
import { kedaL4Target, sevenMinutes } from './__fixtures__/kedaL4Service';
import type {
  CapacityRecommendation,
  ReplayTarget,
  TrafficSeries,
} from './types';

const settings = resolveCostSettings({
  enabled: true,
  gpuHourPrices: {
    'NVIDIA-L4': { onDemand: 0.8, spot: 0.3 },
    'NVIDIA-H100-80GB-HBM3': { onDemand: 4 },
  },
});

/** The service of replay.test.ts with a KEDA cooldown of 60 s. */
const target: ReplayTarget = {
  ...kedaL4Target,
  autoscaler: { ...kedaL4Target.autoscaler, cooldownPeriod: 60 },
};
const traffic = sevenMinutes;
const rec = (
  change: CapacityRecommendation['change'],
): CapacityRecommendation => ({
  id: change.kind,
  title: change.kind,
  change,
});

describe('savingsFor', () => {
  it('a shorter scale-down window saves the 3 − 1 pods × 45 s it held: 90 pod-seconds = 0.025 GPU-hours, 0.02 USD', () => {
    // Baseline 750 pod-seconds, changed 660 (see replay.test.ts); same 300 requests unserved.
    const s = savingsFor({
      target,
      traffic,
      settings,
      recommendation: rec({
        kind: 'scale-down-window',
        stabilizationWindowSeconds: 0,
      }),
    });
    expect(s.verdict).toBe('saves');
    expect(s.breaksSlo).toBe(false);
    expect(s.gpuHoursSaved).toBeCloseTo(0.025, 10);
    expect(s.gpuHoursSavedPerDay).toBeCloseTo(0.025 * (86400 / 420), 8);
    expect(s.costSaved).toEqual({
      amount: expect.closeTo(0.02, 10),
      currency: 'USD',
    });
    expect(s.explanation).toMatch(/^Saves 5\.14 GPU-hours a day/);
  });

  it('batching that doubles what a pod serves (15 → 30 req/s, target 10 → 20) needs 2 pods at the peak, not 3', () => {
    // t = 60: ceil(25 / 20) = 2 pods, and the one ready pod serves 30 ≥ 25, so nothing is unserved;
    // down to 1 at 225 s as before: 60 + 2 × 165 + 195 = 585 pod-seconds → 165 saved, 300 fewer unserved.
    const s = savingsFor({
      target,
      traffic,
      settings,
      recommendation: rec({ kind: 'batching', maxRpsPerPod: 30 }),
    });
    expect(s.changed.replicaTimeline.points).toEqual([
      { t: 0, replicas: 1 },
      { t: 60, replicas: 2 },
      { t: 225, replicas: 1 },
    ]);
    expect(s.gpuHoursSaved).toBeCloseTo(165 / 3600, 10);
    expect(s.changed.unservedRequests).toBe(0);
    expect(s.changed.sloMinutesMissed).toBe(0);
    expect(s.verdict).toBe('saves');
  });

  it('scale to zero frees GPU-hours but breaks the SLO when traffic returns during the cold start, and is not shown as a saving', () => {
    // One pod serves the first minute (an active ScaledObject starts at 1). Idle for 5 minutes: with
    // minReplicaCount 0 KEDA deactivates at the poll 60 s after it was last active (60 → 120 s); at 360 s traffic returns,
    // KEDA activates at its poll (360 s) and the pod is Ready at 390 s: 2 syncs × 15 s × 5 req/s = 150 requests unserved.
    const idle: TrafficSeries = {
      ...traffic,
      values: [5, 0, 0, 0, 0, 0, 5, 5],
    };
    const s = savingsFor({
      target,
      traffic: idle,
      settings,
      recommendation: rec({ kind: 'scale-to-zero' }),
    });
    expect(s.baseline.unservedRequests).toBe(0);
    expect(s.changed.unservedRequests).toBeCloseTo(150, 6);
    expect(s.changed.sloMinutesMissed).toBe(1);
    expect(s.gpuHoursSaved).toBeGreaterThan(0);
    expect(s.breaksSlo).toBe(true);
    expect(s.verdict).toBe('breaks-slo');
    expect(s.explanation).toMatch(
      /^Breaks the SLO: 1 minutes missed instead of 0, 150 requests unserved instead of 0, although/,
    );
  });

  it('spot keeps the GPU-hours and saves the price difference: 750 / 3600 × (0.80 − 0.30) = 0.104 USD', () => {
    const s = savingsFor({
      target,
      traffic,
      settings,
      recommendation: rec({ kind: 'spot' }),
    });
    expect(s.gpuHoursSaved).toBe(0);
    expect(s.costSaved).toEqual({
      amount: expect.closeTo((750 / 3600) * 0.5, 10),
      currency: 'USD',
    });
    expect(s.verdict).toBe('saves');
    expect(s.explanation).toMatch(/at a lower price/);
  });

  it('without a spot price there is no saving to show, and the explanation names the missing price', () => {
    const h100 = {
      ...target,
      placement: { ...target.placement, product: 'NVIDIA-H100-80GB-HBM3' },
    };
    const s = savingsFor({
      target: h100,
      traffic,
      settings,
      recommendation: rec({ kind: 'spot' }),
    });
    expect(s.costSaved).toEqual({
      problem: expect.stringContaining(
        'no price for NVIDIA-H100-80GB-HBM3 spot',
      ),
    });
    expect(s.verdict).toBe('no-saving');
    expect(s.explanation).toMatch(/no price for NVIDIA-H100-80GB-HBM3 spot/);
  });

  it('a MIG slice for a small model: 3g.40gb holds 1/2 of an H100 and serves 3/7 of its rate', () => {
    // 10 minutes of 2 req/s. Whole GPU: 1 pod × 600 s = 1/6 GPU-hours. Slice: a pod serves 15 × 3/7 = 6.43 req/s,
    // target 10 × 3/7 = 4.29; ceil(2 / 4.29) = 1 pod, which holds max(3/7, 40/80) = 1/2 GPU → 1/12 GPU-hours.
    const h100 = {
      ...target,
      placement: { ...target.placement, product: 'NVIDIA-H100-80GB-HBM3' },
    };
    const small: TrafficSeries = { ...traffic, values: new Array(10).fill(2) };
    const s = savingsFor({
      target: h100,
      traffic: small,
      settings,
      recommendation: rec({ kind: 'mig-slice', migProfile: '3g.40gb' }),
    });
    expect(s.baseline.gpuHours).toBeCloseTo(1 / 6, 10);
    expect(s.changed.gpuHours).toBeCloseTo(1 / 12, 10);
    expect(s.costSaved).toEqual({
      amount: expect.closeTo(4 / 12, 10),
      currency: 'USD',
    });
    expect(s.verdict).toBe('saves');
  });

  it('a lower minimum at night: 3 pods by day, 1 from 23:00 UTC after the 300 s default scale-down window', () => {
    // 22:00–02:00 UTC at 2 req/s; KEDA min 3 (no explicit scale-down window → the HPA default 300 s).
    // Baseline: 3 pods × 4 h = 12 GPU-hours.
    // Changed: 22:00–23:00 3 pods (3 h); at 23:00 the minimum is 1; the HPA recommends ceil(2 / 10) = 1
    // from its first sync, but an HPA without `behavior` keeps the largest recommendation not older than
    // 300 s, the one at the cutoff included (horizontal.go stabilizeRecommendation drops only samples
    // Before the cutoff); the first sync at 23:00:00 recorded the 3 it found, so the scale-down comes at
    // 23:05:15: 3 × 315 s = 0.2625 h, then 1 pod × (3 h − 315 s) = 2.9125 h → 6.175 GPU-hours; saved 5.825.
    const night: ReplayTarget = {
      ...target,
      autoscaler: {
        kind: 'ScaledObject',
        minReplicaCount: 3,
        maxReplicaCount: 10,
        triggers:
          target.autoscaler.kind === 'ScaledObject'
            ? target.autoscaler.triggers
            : [],
      },
    };
    const fourHours: TrafficSeries = {
      startMs: Date.UTC(2026, 11, 1, 22, 0, 0),
      stepSeconds: 60,
      values: new Array(240).fill(2),
    };
    const s = savingsFor({
      target: night,
      traffic: fourHours,
      settings,
      recommendation: rec({
        kind: 'night-min-replicas',
        minReplicas: 1,
        fromHourUtc: 23,
        toHourUtc: 5,
      }),
    });
    expect(s.baseline.gpuHours).toBeCloseTo(12, 10);
    expect(s.changed.replicaTimeline.points).toEqual([
      { t: 0, replicas: 3 },
      { t: 3600 + 315, replicas: 1 },
    ]);
    expect(s.changed.gpuHours).toBeCloseTo(
      3 + (3 * 315) / 3600 + (10800 - 315) / 3600,
      10,
    );
    expect(s.gpuHoursSaved).toBeCloseTo(5.825, 10);
    expect(s.verdict).toBe('saves');
    expect(s.changed.buckets.map(b => b.used)).toEqual([
      expect.closeTo(3, 10),
      expect.closeTo((3 * 315 + 3285) / 3600, 10),
      expect.closeTo(1, 10),
      expect.closeTo(1, 10),
    ]);
  });

  it('says why a change does not apply instead of replaying it', () => {
    const onSpot = {
      ...target,
      placement: { ...target.placement, capacity: 'spot' as const },
    };
    expect(
      savingsFor({
        target: onSpot,
        traffic,
        settings,
        recommendation: rec({ kind: 'spot' }),
      }),
    ).toMatchObject({
      verdict: 'not-applicable',
      explanation: 'Does not apply: the service already runs on spot capacity.',
      gpuHoursSaved: 0,
    });
    const hpa: ReplayTarget = {
      ...target,
      autoscaler: {
        kind: 'HorizontalPodAutoscaler',
        minReplicas: 2,
        maxReplicas: 5,
      },
      capacity: { rpsPerPodAtTarget: 10, maxRpsPerPod: 15 },
    };
    expect(
      savingsFor({
        target: hpa,
        traffic,
        settings,
        recommendation: rec({ kind: 'scale-to-zero' }),
      }).explanation,
    ).toMatch(/scale to zero needs a KEDA ScaledObject/);
    expect(
      savingsFor({
        target,
        traffic,
        settings,
        recommendation: rec({
          kind: 'scale-down-window',
          stabilizationWindowSeconds: 120,
        }),
      }).verdict,
    ).toBe('not-applicable');
  });

  it('reuses a given baseline', () => {
    const baseline = replay({ target, traffic, settings });
    const s = savingsFor({
      target,
      traffic,
      settings,
      baseline,
      recommendation: rec({ kind: 'spot' }),
    });
    expect(s.baseline).toBe(baseline);
  });
});
