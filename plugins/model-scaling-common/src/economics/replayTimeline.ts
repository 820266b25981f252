import {
  blankSimulationPoint,
  copySimulationPoint,
} from '../simulator/simulationPoint';
import { simulateAutoscaler } from '../simulator/simulateAutoscaler';
import { SimulationInputError } from '../simulator/simulationInputSchema';
import { kedaTriggerThresholds } from '../status/kedaTriggers';
import type {
  LoadPoint,
  SimulateOptions,
  SimulationPoint,
  SimulationResult,
} from '../simulator/types';
import { NightSchedule, withMinimum } from './applyChange';
import { EconomicsInputError } from './schemas';
import type { ReplayTarget, ReplicaTimeline, TrafficSeries } from './types';

/**
 * The recorded steps as a load curve the simulator reads: each recorded step
 * is flat at its value (a point at its start and one just before its end);
 * gap steps have no points, so the simulator's linear interpolation bridges
 * them between the recorded neighbours.
 */
export function trafficLoadPoints(
  values: readonly (number | null)[],
  stepSeconds: number,
): LoadPoint[] {
  const edge = Math.min(0.001, stepSeconds / 1000);
  const points: LoadPoint[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    points.push(
      { t: i * stepSeconds, rps: v },
      { t: (i + 1) * stepSeconds - edge, rps: v },
    );
  });
  return points;
}

interface Segment {
  from: number;
  to: number;
  night: boolean;
}

/** Contiguous step ranges inside and outside the night window (UTC hours of each step's start). */
function nightSegments(
  startMs: number,
  steps: number,
  stepSeconds: number,
  night: NightSchedule,
): Segment[] {
  const inNight = (i: number) => {
    const hour = new Date(startMs + i * stepSeconds * 1000).getUTCHours();
    return night.fromHourUtc < night.toHourUtc
      ? hour >= night.fromHourUtc && hour < night.toHourUtc
      : hour >= night.fromHourUtc || hour < night.toHourUtc;
  };
  const segments: Segment[] = [];
  for (let i = 0; i < steps; i++) {
    const n = inNight(i);
    const last = segments[segments.length - 1];
    if (last && last.night === n) last.to = i + 1;
    else segments.push({ from: i, to: i + 1, night: n });
  }
  return segments;
}

/** The HPA syncs of a replay and its exact replica timeline (seconds from the first recorded step). */
export interface ReplayRun {
  /** The syncs; empty when they were streamed to `onRecord`. */
  records: SimulationPoint[];
  timeline: ReplicaTimeline;
}

function simulate(
  target: ReplayTarget,
  values: readonly (number | null)[],
  stepSeconds: number,
  initialReplicas: number | undefined,
  options: SimulateOptions | undefined,
): SimulationResult {
  const load = trafficLoadPoints(values, stepSeconds);
  try {
    return simulateAutoscaler(
      {
        autoscaler: target.autoscaler,
        load: load.length > 0 ? load : [{ t: 0, rps: 0 }],
        capacity: target.capacity,
        coldStartSeconds: target.coldStartSeconds,
        durationSeconds: values.length * stepSeconds,
        ...(initialReplicas !== undefined ? { initialReplicas } : {}),
        // A service that has been running: its ScaledObject is old and was last active at the start.
        kedaStatus: { createdAt: -86400, lastActiveTime: 0 },
      },
      options,
    );
  } catch (e) {
    if (e instanceof SimulationInputError)
      throw new EconomicsInputError(e.message);
    throw e;
  }
}

/**
 * Replicas when the recording begins: what the autoscaler holds in steady
 * state for the first recorded load — ceil(load / per-pod target) for a
 * request-rate target (`rpsPerPodAtTarget`, or a KEDA `prometheus`
 * AverageValue threshold) — within its bounds; for KEDA at least 1 while
 * that load is above 0 (an active ScaledObject is not at zero or idle).
 * A service that was already serving its traffic, not one starting cold.
 */
function defaultInitialReplicas(
  target: ReplayTarget,
  values: readonly (number | null)[],
): number {
  const a = target.autoscaler;
  const first = values.find(v => v !== null) ?? 0;
  const perPodTargets: number[] = [];
  if (target.capacity.rpsPerPodAtTarget)
    perPodTargets.push(target.capacity.rpsPerPodAtTarget);
  else if (a.kind === 'ScaledObject') {
    for (const t of a.triggers) {
      if (t.type !== 'prometheus' || t.metricType === 'Value') continue;
      const { threshold } = kedaTriggerThresholds(t);
      if (threshold !== undefined && threshold > 0)
        perPodTargets.push(threshold);
    }
  }
  const steady =
    first > 0
      ? Math.max(0, ...perPodTargets.map(p => Math.ceil(first / p)))
      : 0;
  if (a.kind === 'HorizontalPodAutoscaler') {
    return Math.min(a.maxReplicas, Math.max(a.minReplicas ?? 1, steady));
  }
  const min = a.minReplicaCount ?? 0;
  const lower = first > 0 ? Math.max(1, min) : a.idleReplicaCount ?? min;
  return Math.min(a.maxReplicaCount ?? 100, Math.max(lower, steady));
}

/**
 * Runs the simulator once, or segment by segment when the minimum follows a
 * night schedule. With `onRecord`, each sync is handed over in order instead
 * of kept (one object updated in place; see `SimulateOptions.onPoint`).
 */
export function runReplay(
  target: ReplayTarget,
  traffic: TrafficSeries,
  night: NightSchedule | undefined,
  onRecord?: (record: Readonly<SimulationPoint>) => void,
): ReplayRun {
  const { values, stepSeconds } = traffic;
  const duration = values.length * stepSeconds;
  const segments = night
    ? nightSegments(traffic.startMs, values.length, stepSeconds, night)
    : [{ from: 0, to: values.length, night: false }];
  const records: SimulationPoint[] = [];
  const shifted = blankSimulationPoint();
  const points: ReplicaTimeline['points'] = [];
  let replicas: number | undefined =
    target.initialReplicas ?? defaultInitialReplicas(target, values);
  for (const seg of segments) {
    const segTarget =
      seg.night && night
        ? {
            ...target,
            autoscaler: withMinimum(target.autoscaler, night.minReplicas),
          }
        : target;
    const a = segTarget.autoscaler;
    const min =
      a.kind === 'ScaledObject'
        ? a.idleReplicaCount ?? a.minReplicaCount ?? 0
        : a.minReplicas ?? 1;
    const max =
      a.kind === 'ScaledObject' ? a.maxReplicaCount ?? 100 : a.maxReplicas;
    // The next segment starts with the replicas the last one ended with, within its own bounds
    // (a changed minimum is applied at once, as patching the ScaledObject or HPA does).
    const initial =
      replicas === undefined
        ? undefined
        : Math.min(max, Math.max(min, replicas));
    const offset = seg.from * stepSeconds;
    const segEnd = seg.to * stepSeconds;
    let firstDesired: number | undefined;
    const result = simulate(
      segTarget,
      values.slice(seg.from, seg.to),
      stepSeconds,
      initial,
      onRecord && {
        onPoint: p => {
          firstDesired ??= p.desiredReplicas;
          if (p.t >= segEnd - offset) return;
          if (offset === 0) onRecord(p);
          else {
            copySimulationPoint(shifted, p);
            shifted.t = offset + p.t;
            onRecord(shifted);
          }
        },
      },
    );
    const startReplicas =
      result.events.length > 0
        ? result.events[0].from
        : firstDesired ?? result.timeline[0].desiredReplicas;
    if (
      points.length === 0 ||
      points[points.length - 1].replicas !== startReplicas
    ) {
      points.push({ t: offset, replicas: startReplicas });
    }
    for (const e of result.events) {
      if (e.t >= segEnd - offset) break;
      const t = offset + e.t;
      if (points.length > 0 && points[points.length - 1].t === t)
        points[points.length - 1].replicas = e.to;
      else points.push({ t, replicas: e.to });
    }
    // The simulator's points are new objects: kept as they are when the segment starts at 0.
    for (const p of result.timeline) {
      if (p.t < segEnd - offset)
        records.push(offset === 0 ? p : { ...p, t: offset + p.t });
    }
    replicas = points[points.length - 1].replicas;
  }
  return { records, timeline: { points, endSeconds: duration } };
}

/** Trims leading and trailing gaps; returns the recorded range. */
export function recordedRange(traffic: TrafficSeries): TrafficSeries {
  const first = traffic.values.findIndex(v => v !== null);
  let last = traffic.values.length - 1;
  while (last > first && traffic.values[last] === null) last--;
  return {
    startMs: traffic.startMs + first * traffic.stepSeconds * 1000,
    stepSeconds: traffic.stepSeconds,
    values: traffic.values.slice(first, last + 1),
  };
}
