import { durationSeconds, formatDuration } from './duration';

describe('durationSeconds', () => {
  it('reads minutes, hours and days', () => {
    expect(durationSeconds('90m')).toBe(5400);
    expect(durationSeconds('24h')).toBe(86400);
    expect(durationSeconds('7d')).toBe(604800);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '0h', '24', 'h', '1w', '-1d', '1.5h', '24h ']) {
      expect(durationSeconds(bad)).toBeUndefined();
    }
  });
});

describe('formatDuration', () => {
  it('writes the largest whole unit', () => {
    expect(formatDuration(604800)).toBe('7d');
    expect(formatDuration(7200)).toBe('2h');
    expect(formatDuration(5400)).toBe('90m');
  });
});
