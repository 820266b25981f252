import { simulateAutoscaler } from '../simulator/simulateAutoscaler';
import { SimulationInputError } from '../simulator/simulationInputSchema';
import { kedaTriggerThresholds } from '../status/kedaTriggers';
import type {
  LoadPoint,
  SimulationPoint,
  SimulationResult,
} from '../simulator/types';
import {
  NightSchedule,
  applyChange,
  perPodCapacity,
  withMinimum,
} from './applyChange';
import { costOf, scaleCost } from './costOf';
import { gpuEquivalentPerPod } from './gpuShare';
import { podSeconds } from './gpuHours';
import { EconomicsInputError } from './schemas';
import type {
  CapacityChange,
  CostSettings,
  GpuHoursBucket,
  ReplayResult,
  ReplayTarget,
  ReplicaTimeline,
  TrafficSeries,
} from './types';
import { validateTraffic } from './validateTraffic';

/** Input of {@link replay}. */
export interface ReplayInput {
  target: ReplayTarget;
  traffic: TrafficSeries;
  settings: CostSettings;
  change?: CapacityChange;
  /** Width of a trend bucket, seconds (default 3600). */
  bucketSeconds?: number;
}

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

interface Run {
  records: SimulationPoint[];
  timeline: ReplicaTimeline;
}

function simulate(
  target: ReplayTarget,
  values: readonly (number | null)[],
  stepSeconds: number,
  initialReplicas: number | undefined,
): SimulationResult {
  const load = trafficLoadPoints(values, stepSeconds);
  try {
    return simulateAutoscaler({
      autoscaler: target.autoscaler,
      load: load.length > 0 ? load : [{ t: 0, rps: 0 }],
      capacity: target.capacity,
      coldStartSeconds: target.coldStartSeconds,
      durationSeconds: values.length * stepSeconds,
      ...(initialReplicas !== undefined ? { initialReplicas } : {}),
      // A service that has been running: its ScaledObject is old and was last active at the start.
      kedaStatus: { createdAt: -86400, lastActiveTime: 0 },
    });
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

/** Runs the simulator once, or segment by segment when the minimum follows a night schedule. */
function run(
  target: ReplayTarget,
  traffic: TrafficSeries,
  night: NightSchedule | undefined,
): Run {
  const { values, stepSeconds } = traffic;
  const duration = values.length * stepSeconds;
  const segments = night
    ? nightSegments(traffic.startMs, values.length, stepSeconds, night)
    : [{ from: 0, to: values.length, night: false }];
  const records: SimulationPoint[] = [];
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
    const result = simulate(
      segTarget,
      values.slice(seg.from, seg.to),
      stepSeconds,
      initial,
    );
    const offset = seg.from * stepSeconds;
    const segEnd = seg.to * stepSeconds;
    const startReplicas =
      result.events.length > 0
        ? result.events[0].from
        : result.timeline[0].desiredReplicas;
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
    for (const p of result.timeline) {
      if (p.t < segEnd - offset) records.push({ ...p, t: offset + p.t });
    }
    replicas = points[points.length - 1].replicas;
  }
  return { records, timeline: { points, endSeconds: duration } };
}

/** Trims leading and trailing gaps; returns the recorded range. */
function recordedRange(traffic: TrafficSeries): TrafficSeries {
  const first = traffic.values.findIndex(v => v !== null);
  let last = traffic.values.length - 1;
  while (last > first && traffic.values[last] === null) last--;
  return {
    startMs: traffic.startMs + first * traffic.stepSeconds * 1000,
    stepSeconds: traffic.stepSeconds,
    values: traffic.values.slice(first, last + 1),
  };
}

/**
 * Replays recorded traffic through the autoscaler simulator (the real HPA
 * algorithm and KEDA's activation, cooldown and fallback; see
 * `simulateAutoscaler`), with or without a capacity change, and reports the
 * GPU-hours held (from the exact replica timeline: every scale event, starting
 * pods included), the GPU-hours the load needed, the cost, the minutes that
 * missed the SLO and the unserved requests.
 *
 * Throws an {@link EconomicsInputError} when the traffic cannot be replayed
 * (empty, too many gaps, longer than `maxReplayDays`), the placement has no
 * GPU share, or the change does not apply (the message says why).
 */
export function replay(input: ReplayInput): ReplayResult {
  const { settings } = input;
  const problems = validateTraffic(input.traffic, settings);
  const errors = problems.filter(p => p.severity === 'error');
  if (errors.length > 0)
    throw new EconomicsInputError(errors.map(p => p.message).join('; '));
  let target = input.target;
  let night: NightSchedule | undefined;
  if (input.change) {
    const changed = applyChange(target, input.change);
    if ('problem' in changed)
      throw new EconomicsInputError(
        `change ${input.change.kind}: ${changed.problem}`,
      );
    target = changed.target;
    night = changed.night;
  }
  const share = gpuEquivalentPerPod(target.placement);
  if ('problem' in share) throw new EconomicsInputError(share.problem);

  const traffic = recordedRange(input.traffic);
  const step = traffic.stepSeconds;
  const duration = traffic.values.length * step;
  const { records, timeline } = run(target, traffic, night);

  const perPod = perPodCapacity(target.capacity);
  const bucketSeconds = input.bucketSeconds ?? 3600;
  const buckets: GpuHoursBucket[] = [];
  for (let t = 0; t < duration; t += bucketSeconds)
    buckets.push({ t, used: 0, needed: 0 });

  const slo = target.latencySloMs;
  const missedMinutes = new Set<number>();
  let unservedRequests = 0;
  let totalRequests = 0;
  let gpuHoursNeeded = 0;
  records.forEach((p, i) => {
    const next = i + 1 < records.length ? records[i + 1].t : duration;
    const seconds = Math.min(next, duration) - p.t;
    if (seconds <= 0) return;
    totalRequests += p.load * seconds;
    unservedRequests += p.unservedRps * seconds;
    const saturated =
      slo !== undefined &&
      target.capacity.serviceTimeMs !== undefined &&
      p.perPodLoad !== undefined &&
      p.latencyMs === undefined;
    const slow =
      slo !== undefined && p.latencyMs !== undefined && p.latencyMs > slo;
    if (p.unservedRps > 0 || saturated || slow)
      missedMinutes.add(Math.floor(p.t / 60));
    if (perPod !== undefined) {
      const needed = ((p.load / perPod) * share.gpus * seconds) / 3600;
      gpuHoursNeeded += needed;
      buckets[Math.floor(p.t / bucketSeconds)].needed += needed;
    }
  });
  // GPU-hours used per bucket, from the replica timeline clipped to each bucket.
  const { points } = timeline;
  points.forEach((pt, i) => {
    const end = i + 1 < points.length ? points[i + 1].t : duration;
    let from = pt.t;
    while (from < end) {
      const b = Math.floor(from / bucketSeconds);
      const to = Math.min(end, (b + 1) * bucketSeconds);
      buckets[b].used += (pt.replicas * share.gpus * (to - from)) / 3600;
      from = to;
    }
  });

  const pods = podSeconds(timeline);
  const gpuHoursUsed = (pods / 3600) * share.gpus;
  const cost = costOf(gpuHoursUsed, target.placement, settings);
  const perDay = 86400 / duration;
  return {
    durationSeconds: duration,
    gpuHours: gpuHoursUsed,
    gpuHoursNeeded,
    gpuHoursPerDay: gpuHoursUsed * perDay,
    podHours: pods / 3600,
    cost,
    costPerDay: scaleCost(cost, perDay),
    sloMinutesMissed: missedMinutes.size,
    unservedRequests,
    totalRequests,
    replicaTimeline: timeline,
    buckets,
    gapSteps: traffic.values.filter(v => v === null).length,
    notes: problems.map(p => p.message),
  };
}
