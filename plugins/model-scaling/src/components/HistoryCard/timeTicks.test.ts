import { evenTimeTicks } from './timeTicks';

const at = (hhmm: string) => Date.parse(`2026-12-02T${hhmm}:00Z`);

describe('evenTimeTicks', () => {
  it('puts ticks on round multiples of an even step', () => {
    expect(evenTimeTicks(at('10:07'), at('11:52'))).toEqual([
      at('10:15'),
      at('10:30'),
      at('10:45'),
      at('11:00'),
      at('11:15'),
      at('11:30'),
      at('11:45'),
    ]);
  });

  it('widens the step for longer spans and keeps at most the asked number of ticks', () => {
    const ticks = evenTimeTicks(at('00:00'), at('23:59'), 7);
    expect(ticks.length).toBeLessThanOrEqual(7);
    const steps = ticks.slice(1).map((t, i) => t - ticks[i]);
    expect(new Set(steps).size).toBe(1);
  });
});
