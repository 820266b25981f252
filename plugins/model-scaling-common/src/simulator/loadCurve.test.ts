import fc from 'fast-check';
import { loadAt, loadCursor } from './loadCurve';

describe('loadCursor', () => {
  it('gives exactly what loadAt gives, for any curve and any order of times', () => {
    const curve = fc
      .array(
        fc.record({
          t: fc.integer({ min: 0, max: 1000 }),
          rps: fc.double({ min: 0, max: 1e4, noNaN: true }),
        }),
        { minLength: 1, maxLength: 30 },
      )
      .map(points => points.sort((a, b) => a.t - b.t));
    fc.assert(
      fc.property(
        curve,
        fc.array(fc.double({ min: -10, max: 1010, noNaN: true }), {
          maxLength: 60,
        }),
        fc.boolean(),
        (points, times, forward) => {
          const queries = forward ? [...times].sort((a, b) => a - b) : times;
          const at = loadCursor(points);
          for (const t of queries) expect(at(t)).toBe(loadAt(points, t));
        },
      ),
    );
  });
});
