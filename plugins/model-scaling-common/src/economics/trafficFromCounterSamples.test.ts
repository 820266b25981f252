import { trafficFromCounterSamples } from './trafficFromCounterSamples';

const s = (tSeconds: number, value: number) => ({
  tMs: tSeconds * 1000,
  value,
});

describe('trafficFromCounterSamples', () => {
  it('turns counter readings into a rate per step, reading a drop as a counter reset (as Prometheus rate does)', () => {
    const series = trafficFromCounterSamples(
      [
        // minute 0: +150 every 15 s → 600 / 60 s = 10 req/s
        s(0, 0),
        s(15, 150),
        s(30, 300),
        s(45, 450),
        s(60, 600),
        // minute 1: the server restarts; 600 → 60 is a reset, so the increase is 60 (from 0), not −540;
        // then +150 three times: (60 + 150 + 150 + 150) / 60 s = 8.5 req/s
        s(75, 60),
        s(90, 210),
        s(105, 360),
        s(120, 510),
        // minutes 2–4: no sample for 180 s (more than 2 steps) → gaps, never 0
        s(300, 2910),
        // minute 5: (3510 − 2910) / 60 s = 10 req/s
        s(315, 3060),
        s(330, 3210),
        s(345, 3360),
        s(360, 3510),
      ],
      { stepSeconds: 60 },
    );
    expect(series.startMs).toBe(0);
    expect(series.stepSeconds).toBe(60);
    expect(series.values).toEqual([10, 8.5, null, null, null, 10]);
    expect(series.counterResets).toBe(1);
  });

  it('aligns steps to multiples of the step and leaves a step a gap unless samples cover half of it', () => {
    // Samples from 90 s to 150 s at 2 req/s: step [60,120) covered 30 s (half) → 2; [120,180) covered 30 s → 2.
    const series = trafficFromCounterSamples(
      [s(90, 100), s(120, 160), s(150, 220)],
      { stepSeconds: 60 },
    );
    expect(series.startMs).toBe(60_000);
    expect(series.values).toEqual([2, 2]);
    // From 100 s: [60,120) is covered 20 s only → gap.
    expect(
      trafficFromCounterSamples([s(100, 0), s(120, 40), s(150, 100)], {
        stepSeconds: 60,
      }).values,
    ).toEqual([null, 2]);
  });

  it('rejects fewer than two samples, times that do not increase and negative counters, naming the sample', () => {
    expect(() =>
      trafficFromCounterSamples([s(0, 1)], { stepSeconds: 60 }),
    ).toThrow('samples: a rate needs at least 2 counter samples (got 1)');
    expect(() =>
      trafficFromCounterSamples([s(0, 1), s(0, 2)], { stepSeconds: 60 }),
    ).toThrow('samples[1].tMs: must increase (0 after 0)');
    expect(() =>
      trafficFromCounterSamples([s(0, 1), s(15, -2)], { stepSeconds: 60 }),
    ).toThrow(/samples\[1\]/);
    expect(() =>
      trafficFromCounterSamples([s(0, 1), s(15, 2)], { stepSeconds: 0 }),
    ).toThrow(/stepSeconds/);
  });
});
