import { DAY_SECONDS, LOAD_SHAPES, loadCurve } from './loadShapes';

function valueAt(points: { t: number; rps: number }[], t: number): number {
  for (let i = 1; i < points.length; i++) {
    if (points[i].t >= t) {
      const a = points[i - 1];
      const b = points[i];
      return a.rps + ((b.rps - a.rps) * (t - a.t)) / (b.t - a.t);
    }
  }
  return points[points.length - 1].rps;
}

describe('loadCurve', () => {
  it.each(LOAD_SHAPES)(
    '%s covers the day in strictly increasing t, never above the peak',
    shape => {
      const points = loadCurve(shape, 400);
      expect(points[0].t).toBe(0);
      expect(points[points.length - 1].t).toBe(DAY_SECONDS);
      for (let i = 1; i < points.length; i++) {
        expect(points[i].t).toBeGreaterThan(points[i - 1].t);
      }
      for (const p of points) {
        expect(p.rps).toBeGreaterThanOrEqual(0);
        expect(p.rps).toBeLessThanOrEqual(400);
      }
      expect(Math.max(...points.map(p => p.rps))).toBe(400);
    },
  );

  it('steady is flat', () => {
    expect(loadCurve('steady', 120)).toEqual([
      { t: 0, rps: 120 },
      { t: DAY_SECONDS, rps: 120 },
    ]);
  });

  it('diurnal is lowest at 03:00 and highest at 15:00', () => {
    const points = loadCurve('diurnal', 1000);
    expect(valueAt(points, 3 * 3600)).toBeCloseTo(150, 0);
    expect(valueAt(points, 15 * 3600)).toBeCloseTo(1000, 0);
    expect(valueAt(points, 9 * 3600)).toBeCloseTo(575, 0);
  });

  it('bursty idles at 2 % and reaches the peak in each burst', () => {
    const points = loadCurve('bursty', 500);
    expect(valueAt(points, 0)).toBe(10);
    expect(valueAt(points, 4 * 3600)).toBe(10);
    // The 09:12 burst lasts 20 minutes.
    expect(valueAt(points, 9.2 * 3600 + 10 * 60)).toBe(500);
    expect(points.filter(p => p.rps === 500)).toHaveLength(12);
  });

  it('treats a negative peak as zero', () => {
    expect(loadCurve('steady', -5)[0].rps).toBe(0);
  });
});
