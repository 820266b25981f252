/** A duration as the traffic route and `modelScaling.traffic.maxRange` write it: `90m`, `24h`, `7d`. */
export const DURATION_PATTERN = /^([1-9][0-9]{0,5})(m|h|d)$/;

const UNIT_SECONDS = { m: 60, h: 3600, d: 86400 } as const;

/** Seconds of a duration such as `24h`; undefined when it does not match {@link DURATION_PATTERN}. */
export function durationSeconds(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}

/** The shortest way to write a number of seconds as a duration (`604800` → `7d`). */
export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${Math.round(seconds / 60)}m`;
}
