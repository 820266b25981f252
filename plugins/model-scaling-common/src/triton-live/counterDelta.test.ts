import fc from 'fast-check';
import { counterDelta } from './counterDelta';

describe('counterDelta', () => {
  it('subtracts a growing counter', () => {
    expect(counterDelta(100, 160)).toBe(60);
  });
  it('treats a decrease as a reset', () => {
    expect(counterDelta(5000, 40)).toBe(40);
  });
  it('uses the current value when the whole sample was reset', () => {
    expect(counterDelta(10, 50, true)).toBe(50);
  });
  it('is zero for a missing current value', () => {
    expect(counterDelta(10, undefined)).toBe(0);
  });
  it('is never negative', () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ noNaN: true })),
        fc.option(fc.double({ noNaN: true })),
        fc.boolean(),
        (p, c, r) => {
          expect(
            counterDelta(p ?? undefined, c ?? undefined, r),
          ).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
