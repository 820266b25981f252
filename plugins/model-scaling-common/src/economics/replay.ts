import { NightSchedule, applyChange, perPodCapacity } from './applyChange';
import { costOf, scaleCost } from './costOf';
import { gpuEquivalentPerPod } from './gpuShare';
import { podSeconds } from './gpuHours';
import { countReplay } from './replayCounter';
import { recordedRange, runReplay } from './replayTimeline';
import { EconomicsInputError } from './schemas';
import type {
  CapacityChange,
  CostSettings,
  GpuHoursBucket,
  ReplayResult,
  ReplayTarget,
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
  const { records, timeline } = runReplay(target, traffic, night);

  const perPod = perPodCapacity(target.capacity);
  const bucketSeconds = input.bucketSeconds ?? 3600;
  const buckets: GpuHoursBucket[] = [];
  for (let t = 0; t < duration; t += bucketSeconds)
    buckets.push({ t, used: 0, needed: 0 });

  let gpuHoursNeeded = 0;
  const counts = countReplay(records, duration, target, (p, seconds) => {
    if (perPod === undefined) return;
    const needed = ((p.load / perPod) * share.gpus * seconds) / 3600;
    gpuHoursNeeded += needed;
    buckets[Math.floor(p.t / bucketSeconds)].needed += needed;
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
    ...counts,
    replicaTimeline: timeline,
    buckets,
    gapSteps: traffic.values.filter(v => v === null).length,
    notes: problems.map(p => p.message),
  };
}
