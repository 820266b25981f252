import { utilisation } from './utilisation';

describe('utilisation', () => {
  it('is compute time over GPU time held; the rest is idle', () => {
    // 2 GPU-equivalents for an hour = 7,200 GPU-seconds; Triton computed 1,800 s → 25 %, 5,400 s idle
    expect(utilisation(1800, 7200)).toEqual({
      utilisation: 0.25,
      idleSeconds: 5400,
    });
  });

  it('gives a problem, not a number, without GPU time or with compute time well above it', () => {
    expect(utilisation(10, 0)).toEqual({
      problem: expect.stringContaining('no GPU time held'),
    });
    expect(utilisation(-1, 10)).toEqual({
      problem: 'computeSeconds: must be 0 or more (got -1)',
    });
    expect(utilisation(200, 100)).toEqual({
      problem: expect.stringContaining('exceeds the 100.0 GPU-seconds held'),
    });
    // Within 5 % (sampling edges) it is capped at full use.
    expect(utilisation(103, 100)).toEqual({ utilisation: 1, idleSeconds: 0 });
  });
});
