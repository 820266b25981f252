import { rangeToSeries } from './rangeToSeries';

const steps = { startSec: 1000, endSec: 1240, stepSeconds: 60 };

describe('rangeToSeries', () => {
  it('puts one rate per step', () => {
    const { series, problems } = rangeToSeries(
      [
        [1000, '1'],
        [1060, '2.5'],
        [1120, '3'],
        [1180, '0'],
        [1240, '4'],
      ],
      steps,
    );
    expect(series).toEqual({
      startMs: 1_000_000,
      stepSeconds: 60,
      values: [1, 2.5, 3, 0, 4],
    });
    expect(problems).toEqual([]);
  });

  it('leaves missing steps empty and names the gap', () => {
    const { series, problems } = rangeToSeries(
      [
        [1000, '1'],
        [1240, '4'],
      ],
      steps,
    );
    expect(series.values).toEqual([1, null, null, null, 4]);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'gaps', severity: 'info' }),
    ]);
    expect(problems[0].message).toContain('3 of 5 steps (60.0 %) have no data');
    expect(problems[0].message).toContain(
      'longest gap is 3 step(s) from 1970-01-01T00:17:40.000Z',
    );
  });

  it('answers nothing, with an error, when no sample is usable', () => {
    const { series, problems } = rangeToSeries([[1000, 'NaN']], steps);
    expect(series.values.every(v => v === null)).toBe(true);
    expect(problems.map(p => p.code)).toEqual(['bad-value', 'empty']);
    expect(problems[1].severity).toBe('error');
  });

  it('turns a counter into rates and leaves the step of a reset empty', () => {
    const { series, problems } = rangeToSeries(
      [
        [940, '100'],
        [1000, '160'],
        [1060, '280'],
        [1120, '10'], // the server restarted
        [1180, '70'],
        [1240, '190'],
      ],
      steps,
      { counter: true },
    );
    expect(series.values).toEqual([1, 2, null, 1, 2]);
    expect(problems).toHaveLength(2);
    expect(problems[0].message).toContain(
      'The request counter was reset 1 time(s) (first between 1970-01-01T00:17:40.000Z and 1970-01-01T00:18:40.000Z)',
    );
    expect(problems[1].code).toBe('gaps');
  });
});
