import {
  SimulationPoint,
  SimulationResult,
} from '@internal/plugin-model-scaling-common';

/** One point of the what-if chart (a bucket of simulator syncs). */
export interface WhatIfChartPoint {
  /** Hours from the start of the day. */
  hour: number;
  /** Average load in the bucket. */
  load: number;
  /** Highest replica count the autoscaler wanted in the bucket. */
  desired: number;
  /** Lowest ready replica count in the bucket (dips show). */
  ready: number;
  /** Worst latency estimate in the bucket; null when saturated or unknown. */
  latencyMs: number | null;
  /** Average load the ready pods could not serve in the bucket. */
  unserved: number;
  /** Minutes of the bucket with unserved load (they add up to the "min short" figure). */
  shortMinutes: number;
  /** Minutes of the bucket over the SLO or saturated while there was load (they add up to the "min over the SLO" figure). */
  overSloMinutes: number;
}

/** The figures a person compares between two what-if runs. */
export interface WhatIfSummary {
  maxReplicas: number;
  podHours: number;
  unservedRequests: number;
  minutesUnderProvisioned: number;
  scaleEvents: number;
  /** Worst latency estimate when never saturated. */
  worstLatencyMs?: number;
  /** Minutes with latency over the SLO or saturated while there was load. */
  minutesOverSlo?: number;
}

function stepSeconds(timeline: SimulationPoint[], i: number): number {
  if (i + 1 < timeline.length) {
    return timeline[i + 1].t - timeline[i].t;
  }
  return i > 0 ? timeline[i].t - timeline[i - 1].t : 0;
}

/** Sums up a simulation for the what-if summary line. */
export function summarizeSimulation(
  result: SimulationResult,
  sloMs?: number,
): WhatIfSummary {
  let worst: number | undefined;
  let saturated = false;
  let overSloSeconds = 0;
  result.timeline.forEach((point, i) => {
    if (point.load > 0 && point.latencyMs === undefined) {
      saturated = true;
    }
    if (point.latencyMs !== undefined) {
      worst =
        worst === undefined
          ? point.latencyMs
          : Math.max(worst, point.latencyMs);
    }
    if (
      sloMs !== undefined &&
      point.load > 0 &&
      (point.latencyMs === undefined || point.latencyMs > sloMs)
    ) {
      overSloSeconds += stepSeconds(result.timeline, i);
    }
  });
  return {
    maxReplicas: result.summary.maxReplicas,
    podHours: result.summary.podSeconds / 3600,
    unservedRequests: result.summary.unservedRequests,
    minutesUnderProvisioned: result.summary.secondsUnderProvisioned / 60,
    scaleEvents: result.summary.scaleEvents,
    worstLatencyMs: saturated ? undefined : worst,
    minutesOverSlo: sloMs === undefined ? undefined : overSloSeconds / 60,
  };
}

/**
 * Buckets the simulator's 15-second syncs for drawing (a day is 5,760 syncs;
 * 288 five-minute buckets draw the same picture).
 */
export function chartPoints(
  timeline: SimulationPoint[],
  bucketSeconds = 300,
  sloMs?: number,
): WhatIfChartPoint[] {
  const buckets = new Map<number, SimulationPoint[]>();
  const short = new Map<number, number>();
  const over = new Map<number, number>();
  timeline.forEach((point, i) => {
    const key = Math.floor(point.t / bucketSeconds);
    const bucket = buckets.get(key);
    if (bucket) {
      bucket.push(point);
    } else {
      buckets.set(key, [point]);
    }
    // The same per-sync accounting as the summary, so chart and chips agree.
    const step = stepSeconds(timeline, i);
    if (point.unservedRps > 0) short.set(key, (short.get(key) ?? 0) + step);
    if (
      sloMs !== undefined &&
      point.load > 0 &&
      (point.latencyMs === undefined || point.latencyMs > sloMs)
    ) {
      over.set(key, (over.get(key) ?? 0) + step);
    }
  });
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, points]) => {
      const saturated = points.some(
        p => p.load > 0 && p.latencyMs === undefined,
      );
      const latencies = points
        .map(p => p.latencyMs)
        .filter((l): l is number => l !== undefined);
      return {
        hour: Math.round(((key * bucketSeconds) / 3600) * 1000) / 1000,
        load:
          Math.round(
            (points.reduce((s, p) => s + p.load, 0) / points.length) * 100,
          ) / 100,
        desired: Math.max(...points.map(p => p.desiredReplicas)),
        ready: Math.min(...points.map(p => p.readyReplicas)),
        latencyMs:
          saturated || latencies.length === 0
            ? null
            : Math.round(Math.max(...latencies) * 100) / 100,
        unserved:
          Math.round(
            (points.reduce((s, p) => s + p.unservedRps, 0) / points.length) *
              100,
          ) / 100,
        shortMinutes: (short.get(key) ?? 0) / 60,
        overSloMinutes: (over.get(key) ?? 0) / 60,
      };
    });
}
