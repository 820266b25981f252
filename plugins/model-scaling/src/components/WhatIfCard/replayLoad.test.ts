import { replayLoad } from './replayLoad';

describe('replayLoad', () => {
  it('turns recorded steps into a flat-per-step load, trimmed to what was recorded', () => {
    const out = replayLoad({
      startMs: 0,
      stepSeconds: 60,
      values: [null, 5, null, 7, null],
    })!;
    expect(out.durationSeconds).toBe(180);
    expect(out.load[0]).toEqual({ t: 0, rps: 5 });
    expect(out.load.at(-1)!.rps).toBe(7);
    expect(out.load.at(-1)!.t).toBeLessThan(180);
    expect(out.load.at(-1)!.t).toBeGreaterThan(179.9);
  });

  it('has no load when nothing was recorded', () => {
    expect(
      replayLoad({ startMs: 0, stepSeconds: 60, values: [null, null] }),
    ).toBeUndefined();
  });
});
