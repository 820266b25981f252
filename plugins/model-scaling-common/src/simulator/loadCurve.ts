import type { LoadPoint } from './types';

/** Load at `t`: linear between points, constant before the first and after the last. Points sorted by `t`. */
export function loadAt(points: readonly LoadPoint[], t: number): number {
  if (t <= points[0].t) return points[0].rps;
  const last = points[points.length - 1];
  if (t >= last.t) return last.rps;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t <= t) lo = mid;
    else hi = mid;
  }
  const a = points[lo];
  const b = points[hi];
  return a.rps + ((b.rps - a.rps) * (t - a.t)) / (b.t - a.t);
}

/**
 * {@link loadAt} for a sequence of times that mostly moves forward (the
 * simulator's clock): remembers where the last lookup ended, so the next
 * one costs a step or two instead of a binary search. Any order of times
 * gives the same values as {@link loadAt}.
 */
export function loadCursor(
  points: readonly LoadPoint[],
): (t: number) => number {
  const n = points.length;
  // Index of the first point after the last time looked up (1 ≤ hi ≤ n − 1 between ends).
  let hi = 1;
  return t => {
    if (t <= points[0].t) return points[0].rps;
    const last = points[n - 1];
    if (t >= last.t) return last.rps;
    if (points[hi - 1].t > t) {
      // Moved backwards: binary search for the first point after t.
      let lo = 0;
      let h = n - 1;
      while (h - lo > 1) {
        const mid = (lo + h) >> 1;
        if (points[mid].t <= t) lo = mid;
        else h = mid;
      }
      hi = h;
    } else {
      while (points[hi].t <= t) hi++;
    }
    const a = points[hi - 1];
    const b = points[hi];
    return a.rps + ((b.rps - a.rps) * (t - a.t)) / (b.t - a.t);
  };
}
