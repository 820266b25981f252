/** Small, locale-stable formatters shared by the cards. */

/** `1234.5` → `1,234.5`; at most `digits` decimals, trailing zeros dropped. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) {
    return '—';
  }
  return value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  });
}

/** Microseconds as `540 µs`, `2.4 ms` or `1.2 s`. */
export function formatMicros(us: number | undefined): string {
  if (us === undefined || !Number.isFinite(us)) {
    return '—';
  }
  if (us < 1000) {
    return `${formatNumber(us, 0)} µs`;
  }
  if (us < 1_000_000) {
    return `${formatNumber(us / 1000, 1)} ms`;
  }
  return `${formatNumber(us / 1_000_000, 2)} s`;
}

/** Seconds as `45 s`, `5 min`, `1 h 30 min`. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return '—';
  }
  if (seconds < 120) {
    return `${formatNumber(seconds, seconds < 10 ? 1 : 0)} s`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** How long ago `iso` was, seen from `now`: `just now`, `3 min ago`, `2 h ago`. */
export function formatAge(iso: string | undefined, now: Date): string {
  if (!iso) {
    return 'unknown';
  }
  const then = Date.parse(iso);
  if (Number.isNaN(then)) {
    return 'unknown';
  }
  const seconds = Math.max(0, (now.getTime() - then) / 1000);
  if (seconds < 30) {
    return 'just now';
  }
  return `${formatSeconds(seconds)} ago`;
}

/** Clock time of an ISO timestamp in UTC, `HH:MM`. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(
    d.getUTCMinutes(),
  ).padStart(2, '0')}`;
}
