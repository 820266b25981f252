const STEPS_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720];

/**
 * Even time ticks for a chart axis: the smallest round step (1, 2, 5, 10,
 * 15, 30 min, 1, 2, 3, 6, 12 h) that gives at most `maxTicks` ticks, on
 * multiples of the step (so 10:00, 10:15, 10:30 …, never 10:07).
 */
export function evenTimeTicks(
  fromMs: number,
  toMs: number,
  maxTicks = 7,
): number[] {
  if (!(toMs > fromMs)) return [fromMs];
  const spanMinutes = (toMs - fromMs) / 60_000;
  const step =
    STEPS_MINUTES.find(s => spanMinutes / s <= maxTicks) ??
    STEPS_MINUTES[STEPS_MINUTES.length - 1];
  const stepMs = step * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / stepMs) * stepMs; t <= toMs; t += stepMs) {
    ticks.push(t);
  }
  return ticks;
}
