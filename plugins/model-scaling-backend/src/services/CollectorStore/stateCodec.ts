/**
 * JSON for collector state that holds `Date`s and `Map`s (raw Triton
 * samples kept for the next rates), so a replica that takes over the
 * collection continues the rates where the last one stopped.
 */
export function encodeState(value: unknown): string {
  return JSON.stringify(value, function replacer(this: any, key: string, v) {
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (raw instanceof Map) return { $map: [...raw.entries()] };
    return v;
  });
}

/** The inverse of {@link encodeState}. */
export function decodeState<T>(text: string): T {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$date') return new Date(v.$date);
      if (keys.length === 1 && keys[0] === '$map') return new Map(v.$map);
    }
    return v;
  }) as T;
}
