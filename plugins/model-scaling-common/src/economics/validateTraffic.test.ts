import { DEFAULT_COST_SETTINGS } from './schemas';
import { validateTraffic } from './validateTraffic';

const settings = DEFAULT_COST_SETTINGS; // 7 days, 10 % gaps

describe('validateTraffic', () => {
  it('accepts a clean series', () => {
    expect(
      validateTraffic(
        { startMs: 0, stepSeconds: 60, values: [1, 2, 3] },
        settings,
      ),
    ).toEqual([]);
  });

  it('empty: nothing recorded (a Prometheus query that returned nothing) is an error, never traffic of 0', () => {
    expect(
      validateTraffic({ startMs: 0, stepSeconds: 60, values: [] }, settings),
    ).toEqual([
      {
        code: 'empty',
        severity: 'error',
        message:
          'traffic: no values were recorded in the range; nothing to replay',
      },
    ]);
    expect(
      validateTraffic(
        { startMs: 0, stepSeconds: 60, values: [null, null] },
        settings,
      ),
    ).toEqual([
      {
        code: 'empty',
        severity: 'error',
        message: 'traffic: all 2 steps are gaps; nothing to replay',
      },
    ]);
  });

  it('gaps: more than maxGapPercent is an error; fewer are bridged and said so', () => {
    // 2 gaps in 10 steps = 20 % > 10 %
    const many = validateTraffic(
      {
        startMs: 0,
        stepSeconds: 60,
        values: [1, null, 1, 1, null, 1, 1, 1, 1, 1],
      },
      settings,
    );
    expect(many).toEqual([
      {
        code: 'gaps',
        severity: 'error',
        message:
          'traffic: 2 of 10 steps (20.0 %) are gaps, more than the 10 % allowed (modelScaling.costs.maxGapPercent)',
      },
    ]);
    const few = validateTraffic(
      {
        startMs: 0,
        stepSeconds: 60,
        values: [null, 1, 1, 1, 1, null, 1, 1, 1, 1, 1, 1, null],
      },
      settings,
    );
    expect(few.map(p => [p.code, p.severity])).toEqual([
      ['gaps', 'info'],
      ['gaps', 'info'],
    ]);
    expect(few[0].message).toBe(
      'traffic: 1 gap steps (9.1 %) bridged by linear interpolation between their recorded neighbours',
    );
    expect(few[1].message).toMatch(
      /2 gap steps before the first or after the last recorded value left out/,
    );
  });

  it('too-long: a range longer than maxReplayDays is an error', () => {
    const eightDays = new Array(8 * 24).fill(1);
    expect(
      validateTraffic(
        { startMs: 0, stepSeconds: 3600, values: eightDays },
        settings,
      ),
    ).toEqual([
      {
        code: 'too-long',
        severity: 'error',
        message:
          'traffic: 8.00 days is longer than the maximum of 7 days (modelScaling.costs.maxReplayDays)',
      },
    ]);
  });

  it('bad values and steps name the index or the field', () => {
    expect(
      validateTraffic(
        { startMs: 0, stepSeconds: 60, values: [1, -1] },
        settings,
      )[0],
    ).toEqual({
      code: 'bad-value',
      severity: 'error',
      message:
        'traffic.values[1]: must be requests per second, 0 or more, or null for a gap (got -1)',
    });
    expect(
      validateTraffic({ startMs: 0, stepSeconds: 0, values: [1] }, settings)[0]
        .code,
    ).toBe('bad-step');
  });
});
