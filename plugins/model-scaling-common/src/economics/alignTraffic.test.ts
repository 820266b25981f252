import { alignTraffic } from './alignTraffic';

describe('alignTraffic', () => {
  it('averages steps into a coarser step and keeps gaps as gaps', () => {
    const aligned = alignTraffic(
      { startMs: 0, stepSeconds: 60, values: [10, 8.5, null, null, null, 10] },
      120,
    );
    // [0,120): (10 + 8.5) / 2 = 9.25; [120,240): no value → null; [240,360): 60 s of 10 (half covered) → 10
    expect(aligned).toEqual({
      startMs: 0,
      stepSeconds: 120,
      values: [9.25, null, 10],
    });
  });

  it('splits steps into a finer step', () => {
    expect(
      alignTraffic({ startMs: 0, stepSeconds: 60, values: [4, null] }, 30)
        .values,
    ).toEqual([4, 4, null, null]);
  });

  it('moves an unaligned series onto a grid of step multiples (as query_range aligns start)', () => {
    // From 30 s: [0,60) holds 30 s of 6 → 6; [60,120) 30 s of 6 and 30 s of 12 → 9; [120,150) 30 s of 12 → 12
    const aligned = alignTraffic(
      { startMs: 30_000, stepSeconds: 60, values: [6, 12] },
      60,
    );
    expect(aligned).toEqual({
      startMs: 0,
      stepSeconds: 60,
      values: [6, 9, 12],
    });
  });

  it('rejects a step that is not positive', () => {
    expect(() =>
      alignTraffic({ startMs: 0, stepSeconds: 60, values: [1] }, 0),
    ).toThrow('stepSeconds: must be greater than 0 (got 0)');
  });
});
