import type { LoadPoint } from '../simulator/types';

/** The load shapes the what-if offers. */
export type LoadShape = 'steady' | 'diurnal' | 'bursty';

/** All load shapes, in the order the form lists them. */
export const LOAD_SHAPES: LoadShape[] = ['steady', 'diurnal', 'bursty'];

/** One day, the what-if's horizon. */
export const DAY_SECONDS = 24 * 3600;

const STEP_SECONDS = 300;

/** Burst start times (hour of day) and length of the bursty shape; fixed so runs are comparable. */
const BURSTS: { startHour: number; minutes: number }[] = [
  { startHour: 1.5, minutes: 10 },
  { startHour: 6, minutes: 15 },
  { startHour: 9.2, minutes: 20 },
  { startHour: 13.7, minutes: 15 },
  { startHour: 17.3, minutes: 25 },
  { startHour: 21, minutes: 10 },
];

/** Share of the peak between bursts. */
const BURSTY_BASELINE = 0.02;
/** Share of the peak at the diurnal trough (03:00). */
const DIURNAL_TROUGH = 0.15;

/**
 * A day of load (requests or messages per second) with the given peak:
 * - `steady`: the peak all day;
 * - `diurnal`: a smooth day, lowest (15 % of peak) at 03:00 and peak at 15:00;
 * - `bursty`: near idle (2 %) with six bursts at the peak, ramping in one minute.
 *
 * Points are in strictly increasing `t`, as the simulator requires.
 */
export function loadCurve(
  shape: LoadShape,
  peakRps: number,
  durationSeconds: number = DAY_SECONDS,
): LoadPoint[] {
  const peak = Math.max(0, peakRps);
  if (shape === 'steady') {
    return [
      { t: 0, rps: peak },
      { t: durationSeconds, rps: peak },
    ];
  }
  if (shape === 'diurnal') {
    const points: LoadPoint[] = [];
    for (let t = 0; t <= durationSeconds; t += STEP_SECONDS) {
      const phase = (2 * Math.PI * (t - 3 * 3600)) / DAY_SECONDS;
      const share =
        DIURNAL_TROUGH + (1 - DIURNAL_TROUGH) * ((1 - Math.cos(phase)) / 2);
      points.push({ t, rps: round(peak * share) });
    }
    return points;
  }
  const base = round(peak * BURSTY_BASELINE);
  const points: LoadPoint[] = [{ t: 0, rps: base }];
  for (const burst of BURSTS) {
    const start = Math.round(burst.startHour * 3600);
    const end = start + burst.minutes * 60;
    if (end + 60 > durationSeconds) {
      continue;
    }
    points.push(
      { t: start, rps: base },
      { t: start + 60, rps: peak },
      { t: end, rps: peak },
      { t: end + 60, rps: base },
    );
  }
  if (points[points.length - 1].t < durationSeconds) {
    points.push({ t: durationSeconds, rps: base });
  }
  return points;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
