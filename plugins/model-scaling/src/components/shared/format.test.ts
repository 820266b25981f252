import {
  formatAge,
  formatClock,
  formatMicros,
  formatNumber,
  formatSeconds,
} from './format';

describe('format', () => {
  it('formats numbers with bounded decimals', () => {
    expect(formatNumber(1234.56)).toBe('1,234.6');
    expect(formatNumber(7.0)).toBe('7');
    expect(formatNumber(7.125, 2)).toBe('7.13');
    expect(formatNumber(NaN)).toBe('—');
  });

  it('formats microseconds in the unit a reader expects', () => {
    expect(formatMicros(540)).toBe('540 µs');
    expect(formatMicros(2400)).toBe('2.4 ms');
    expect(formatMicros(38000)).toBe('38 ms');
    expect(formatMicros(1_250_000)).toBe('1.25 s');
    expect(formatMicros(undefined)).toBe('—');
  });

  it('formats seconds', () => {
    expect(formatSeconds(9.84)).toBe('9.8 s');
    expect(formatSeconds(94.1)).toBe('94 s');
    expect(formatSeconds(300)).toBe('5 min');
    expect(formatSeconds(5400)).toBe('1 h 30 min');
    expect(formatSeconds(7200)).toBe('2 h');
  });

  it('formats ages relative to now', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(formatAge('2026-11-28T11:59:50Z', now)).toBe('just now');
    expect(formatAge('2026-11-28T11:41:00Z', now)).toBe('19 min ago');
    expect(formatAge('not a date', now)).toBe('unknown');
    expect(formatAge(undefined, now)).toBe('unknown');
  });

  it('formats clock times in UTC', () => {
    expect(formatClock(Date.parse('2026-11-28T08:05:00Z'))).toBe('08:05');
  });
});
