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
