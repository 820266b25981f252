import { SimulationResult } from '@internal/plugin-model-scaling-common';
import { chartPoints, summarizeSimulation } from './simulationSummary';

function result(points: SimulationResult['timeline']): SimulationResult {
  return {
    timeline: points,
    events: [],
    summary: {
      maxReplicas: 4,
      podSeconds: 7200,
      unservedRequests: 30,
      secondsUnderProvisioned: 120,
      scaleEvents: 3,
    },
  };
}

const p = (
  t: number,
  load: number,
  desired: number,
  ready: number,
  latencyMs?: number,
) => ({
  t,
  load,
  desiredReplicas: desired,
  readyReplicas: ready,
  unservedRps: 0,
  latencyMs,
});

describe('summarizeSimulation', () => {
  it('converts units and finds the worst latency', () => {
    const summary = summarizeSimulation(
      result([p(0, 10, 1, 1, 5), p(15, 20, 2, 1, 30), p(30, 10, 2, 2, 6)]),
      20,
    );
    expect(summary).toEqual({
      maxReplicas: 4,
      podHours: 2,
      unservedRequests: 30,
      minutesUnderProvisioned: 2,
      scaleEvents: 3,
      worstLatencyMs: 30,
      minutesOverSlo: 0.25,
    });
  });

  it('counts saturated time as over the SLO and gives no worst latency', () => {
    const summary = summarizeSimulation(
      result([p(0, 10, 1, 0), p(15, 10, 1, 1, 5), p(30, 0, 1, 1)]),
      20,
    );
    expect(summary.worstLatencyMs).toBeUndefined();
    expect(summary.minutesOverSlo).toBe(0.25);
  });

  it('has no SLO figure without an SLO', () => {
    expect(
      summarizeSimulation(result([p(0, 1, 1, 1, 2)])).minutesOverSlo,
    ).toBeUndefined();
  });
});

describe('chartPoints', () => {
  it('buckets syncs: average load, max desired, min ready, worst latency', () => {
    const points = chartPoints(
      [
        p(0, 10, 1, 1, 5),
        p(150, 30, 3, 1, 9),
        p(300, 40, 3, 3, 7),
        p(450, 40, 3, 3, 8),
      ],
      300,
    );
    expect(points).toEqual([
      {
        hour: 0,
        load: 20,
        desired: 3,
        ready: 1,
        latencyMs: 9,
        unserved: 0,
        shortMinutes: 0,
        overSloMinutes: 0,
      },
      {
        hour: 0.083,
        load: 40,
        desired: 3,
        ready: 3,
        latencyMs: 8,
        unserved: 0,
        shortMinutes: 0,
        overSloMinutes: 0,
      },
    ]);
  });

  it('marks a saturated bucket with a null latency', () => {
    expect(
      chartPoints([p(0, 10, 1, 0), p(15, 10, 1, 1, 4)])[0].latencyMs,
    ).toBeNull();
  });
});
