import { RescaleEventView } from '@internal/plugin-model-scaling-common';

/** One step of the replica timeline. */
export interface ReplicaPoint {
  /** Milliseconds since the epoch. */
  t: number;
  replicas: number;
  reason?: string;
}

/**
 * Turns rescale events (`New size: N; reason: …`) into a step series ending at
 * `until` with the current replica count. Events without a parsed size or a
 * valid time are skipped; an empty array means there is nothing to draw.
 */
export function replicaTimeline(
  events: RescaleEventView[],
  options: { until: string; current: number },
): ReplicaPoint[] {
  const points: ReplicaPoint[] = events
    .flatMap(event => {
      const t = Date.parse(event.time);
      if (Number.isNaN(t) || typeof event.newSize !== 'number') {
        return [];
      }
      return [{ t, replicas: event.newSize, reason: event.reason }];
    })
    .sort((a, b) => a.t - b.t);
  if (points.length === 0) {
    return [];
  }
  const until = Date.parse(options.until);
  if (!Number.isNaN(until) && until > points[points.length - 1].t) {
    points.push({ t: until, replicas: options.current });
  }
  return points;
}
