/**
 * The increase of a cumulative counter between two samples. A counter that
 * went down was reset (the process restarted): its current value is then the
 * increase since the reset. Never negative.
 */
export function counterDelta(
  prev: number | undefined,
  cur: number | undefined,
  reset = false,
): number {
  if (cur === undefined || !Number.isFinite(cur) || cur < 0) return 0;
  if (reset || prev === undefined || !Number.isFinite(prev) || cur < prev)
    return cur;
  return cur - prev;
}
