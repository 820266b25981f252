import { WorkloadHistoryPoint } from '@internal/plugin-model-scaling-common';
import { rateFromPoint } from './rateFromPoint';
import { TrafficRecorder } from './TrafficRecorder';

/**
 * Records the request rate of stored history points (what the collection
 * task wrote each round), so every backend replica holds the same traffic
 * whichever replica collected; points without a request rate are skipped.
 */
export function recordHistoryPoints(
  recorder: TrafficRecorder,
  points: { workload: string; t: number; point: WorkloadHistoryPoint }[],
): void {
  let latest = 0;
  for (const p of points) {
    const rate = rateFromPoint(p.point);
    if (rate) recorder.record(p.workload, p.t, rate.rps);
    latest = Math.max(latest, p.t);
  }
  if (latest > 0) recorder.prune(latest);
}
