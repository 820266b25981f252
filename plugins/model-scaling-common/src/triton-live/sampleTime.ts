/** A sampling instant: a `Date`, epoch milliseconds or an ISO-8601 string. */
export type SampleTime = Date | number | string;

/** Epoch milliseconds of a {@link SampleTime}; throws naming `field` when it is not a valid time. */
export function sampleTimeMs(at: SampleTime, field: string): number {
  let ms: number;
  if (at instanceof Date) ms = at.getTime();
  else if (typeof at === 'number') ms = at;
  else ms = Date.parse(at);
  if (!Number.isFinite(ms)) {
    throw new RangeError(
      `${field} must be a valid time, got ${JSON.stringify(at)}`,
    );
  }
  return ms;
}

/** Seconds from `prev` to `cur`; throws unless `cur` is strictly later. */
export function intervalSeconds(
  prevMs: number,
  curMs: number,
  field: string,
): number {
  const seconds = (curMs - prevMs) / 1000;
  if (!(seconds > 0)) {
    throw new RangeError(
      `${field}: the current sample must be later than the previous one (interval ${seconds} s)`,
    );
  }
  return seconds;
}
