import { replay } from './replay';
import { trafficLoadPoints } from './replayTimeline';
import { resolveCostSettings } from './schemas';
import { kedaL4Target, sevenMinutes } from './__fixtures__/kedaL4Service';
import type { ReplayTarget } from './types';

const settings = resolveCostSettings({
  enabled: true,
  gpuHourPrices: { 'NVIDIA-L4': { onDemand: 0.8, spot: 0.3 } },
});

const target: ReplayTarget = kedaL4Target;
const traffic = sevenMinutes;

describe('replay', () => {
  it('follows the HPA and KEDA rules step by step on recorded traffic', () => {
    /*
     * The HPA syncs every 15 s. For an External AverageValue metric it computes
     * ratio = total / (target × current pods) and, outside the 0.1 tolerance,
     * ceil(current × metric / target) = ceil(total / target) replicas
     * (replica_calculator.go GetExternalPerPodMetricReplicas).
     *
     * t = 0…45   load 5:  ratio 5 / (10 × 1) = 0.5 → ceil(5 / 10) = 1 → stays 1.
     * t = 60     load 25: ratio 25 / (10 × 1) = 2.5 → ceil(25 / 10) = 3; the scale-up
     *            limit is max(1 × 2, 1 + 4) = 5 ≥ 3 → 3 pods (2 new, Ready at 60 + 30 = 90).
     *            One ready pod serves 15 of 25 req/s → 10 req/s unserved.
     * t = 75     3 pods: ratio 25 / 30 = 0.83, |1 − 0.83| > 0.1 → ceil(2.5) = 3, no change;
     *            still 1 ready → 10 req/s unserved. Unserved: 2 syncs × 15 s × 10 = 300 requests, all in minute 1.
     * t = 90…165 3 ready pods serve 45 ≥ 25 → nothing unserved; each sync recommends 3.
     * t = 180    load 8: ratio 8 / 30 = 0.27 → ceil(8 / 10) = 1, but the scale-down window keeps the
     *            largest recommendation after 180 − 60 = 120 (exclusive): 135, 150, 165 said 3 → stays 3.
     * t = 195    window after 135: 150 and 165 said 3 → 3.   t = 210: after 150: 165 said 3 → 3.
     * t = 225    window after 165: 180, 195, 210, 225 all said 1 → scale to 1.
     * t = 240…405 1 pod, ratio 8 / 10 = 0.8 → ceil(0.8) = 1; 8 ≤ 15 served.
     *
     * Replicas: 1 from 0 s, 3 from 60 s, 1 from 225 s, to the end at 420 s.
     * Pod-seconds = 1 × 60 + 3 × 165 + 1 × 195 = 750 → 750 / 3600 = 0.2083 GPU-hours (one whole L4 each).
     * Requests = 5 × 60 + 25 × 120 + 8 × 240 = 5,220. Needed = 5,220 / 15 req/s per pod / 3600 = 0.0967 GPU-hours.
     */
    const result = replay({ target, traffic, settings });
    expect(result.replicaTimeline).toEqual({
      points: [
        { t: 0, replicas: 1 },
        { t: 60, replicas: 3 },
        { t: 225, replicas: 1 },
      ],
      endSeconds: 420,
    });
    expect(result.durationSeconds).toBe(420);
    expect(result.podHours).toBeCloseTo(750 / 3600, 10);
    expect(result.gpuHours).toBeCloseTo(750 / 3600, 10);
    expect(result.gpuHoursPerDay).toBeCloseTo((750 / 3600) * (86400 / 420), 8);
    expect(result.unservedRequests).toBeCloseTo(300, 6);
    expect(result.sloMinutesMissed).toBe(1);
    expect(result.totalRequests).toBeCloseTo(5220, 6);
    expect(result.gpuHoursNeeded).toBeCloseTo(5220 / 15 / 3600, 10);
    expect(result.cost).toEqual({
      amount: expect.closeTo((750 / 3600) * 0.8, 10),
      currency: 'USD',
    });
    expect(result.buckets).toEqual([
      {
        t: 0,
        used: expect.closeTo(750 / 3600, 10),
        needed: expect.closeTo(5220 / 15 / 3600, 10),
      },
    ]);
    expect(result.gapSteps).toBe(0);
    expect(result.notes).toEqual([]);
  });

  it('with a scale-down window of 0 s scales down at the first low sync (t = 180): 60 + 3 × 120 + 240 = 660 pod-seconds', () => {
    const result = replay({
      target,
      traffic,
      settings,
      change: { kind: 'scale-down-window', stabilizationWindowSeconds: 0 },
    });
    expect(result.replicaTimeline.points).toEqual([
      { t: 0, replicas: 1 },
      { t: 60, replicas: 3 },
      { t: 180, replicas: 1 },
    ]);
    expect(result.gpuHours).toBeCloseTo(660 / 3600, 10);
    expect(result.unservedRequests).toBeCloseTo(300, 6);
  });

  it('counts a minute as missed when the latency estimate exceeds the SLO', () => {
    // serviceTimeMs 50 at 15 req/s per pod: latency = 50 / (1 − load per pod / 15).
    // Minute 0: 5 req/s on 1 pod → 50 / (1 − 1/3) = 75 ms > 60 ms SLO → missed; minute 1: unserved → missed;
    // minute 2: 25 / 3 pods → 50 / (1 − 0.556) = 112.5 ms; minute 3: 8 / 3 pods → 50 / (1 − 0.178) = 60.8 ms;
    // minutes 4–6: 8 / 1 pod → 50 / (1 − 0.533) = 107 ms → all missed: 7 minutes.
    const slow = replay({
      target: {
        ...target,
        capacity: { maxRpsPerPod: 15, serviceTimeMs: 50 },
        latencySloMs: 60,
      },
      traffic,
      settings,
    });
    expect(slow.sloMinutesMissed).toBe(7);
    const relaxed = replay({
      target: {
        ...target,
        capacity: { maxRpsPerPod: 15, serviceTimeMs: 50 },
        latencySloMs: 200,
      },
      traffic,
      settings,
    });
    // Only minute 1 (unserved, and saturated while 1 pod gets 25 req/s) misses a 200 ms SLO.
    expect(relaxed.sloMinutesMissed).toBe(1);
  });

  it('bridges a short gap between recorded neighbours and leaves out leading and trailing gaps', () => {
    const values = [
      null,
      ...new Array(20).fill(5),
      null,
      ...new Array(20).fill(5),
      null,
    ];
    const result = replay({
      target,
      traffic: { ...traffic, values },
      settings,
    });
    expect(result.durationSeconds).toBe(41 * 60);
    expect(result.gapSteps).toBe(1);
    // The gap step is bridged at 5 req/s: 41 steps × 60 s × 5.
    expect(result.totalRequests).toBeCloseTo(41 * 60 * 5, 3);
    expect(result.notes).toHaveLength(2);
  });

  it('refuses traffic it cannot replay, with the reason, and gives no figures', () => {
    expect(() =>
      replay({ target, traffic: { ...traffic, values: [] }, settings }),
    ).toThrow(
      'traffic: no values were recorded in the range; nothing to replay',
    );
    expect(() =>
      replay({
        target,
        traffic: { ...traffic, values: [5, null, null, 5] },
        settings,
      }),
    ).toThrow(/2 of 4 steps \(50\.0 %\) are gaps/);
    expect(() =>
      replay({
        target,
        traffic: {
          ...traffic,
          stepSeconds: 3600,
          values: new Array(24 * 8).fill(1),
        },
        settings,
      }),
    ).toThrow(/8\.00 days is longer than the maximum of 7 days/);
  });

  it('reports a missing price as a problem next to real GPU-hours', () => {
    const result = replay({
      target: {
        ...target,
        placement: { ...target.placement, product: 'NVIDIA-A10G' },
      },
      traffic,
      settings,
    });
    expect(result.gpuHours).toBeCloseTo(750 / 3600, 10);
    expect(result.cost).toEqual({
      problem: expect.stringContaining('no price for NVIDIA-A10G on-demand'),
    });
    expect(result.costPerDay).toEqual(result.cost);
  });

  it('starts from the steady state of the first recorded load, not cold', () => {
    // 35 req/s at a 10 req/s per-pod target: ceil(35 / 10) = 4 replicas from t = 0, and nothing unserved.
    const result = replay({
      target,
      traffic: { ...traffic, values: [35, 35, 35] },
      settings,
    });
    expect(result.replicaTimeline.points).toEqual([{ t: 0, replicas: 4 }]);
    expect(result.unservedRequests).toBe(0);
    // An explicit count wins: from 1 the HPA asks for ceil(35 / 10) = 4 at t = 0, the pods are Ready at 30 s,
    // so 2 syncs × 15 s × (35 − 15) req/s = 600 requests are unserved.
    const cold = replay({
      target: { ...target, initialReplicas: 1 },
      traffic: { ...traffic, values: [35, 35, 35] },
      settings,
    });
    // (The scale from 1 to 4 happens at the first sync, t = 0, so the timeline holds 4 from t = 0.)
    expect(cold.replicaTimeline.points).toEqual([{ t: 0, replicas: 4 }]);
    expect(cold.unservedRequests).toBeCloseTo(600, 6);
  });

  it('turns recorded steps into a flat load curve the simulator reads', () => {
    expect(trafficLoadPoints([2, null, 4], 60)).toEqual([
      { t: 0, rps: 2 },
      { t: 59.999, rps: 2 },
      { t: 120, rps: 4 },
      { t: 179.999, rps: 4 },
    ]);
  });
});
