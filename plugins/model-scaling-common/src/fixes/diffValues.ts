import type { FixPath } from './types';

/** One field that differs between two values. */
export interface ValueChange {
  path: FixPath;
  from: unknown;
  to: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of JSON-like values (key order ignored, `undefined` keys = absent). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every(k => sameValue(a[k], b[k]));
  }
  return false;
}

/**
 * The fields that differ between `from` and `to`, as deep as both sides are
 * objects (or arrays of objects of the same length): scalars and arrays of
 * scalars are compared whole, so a list such as `preferred_batch_size`
 * becomes one change. Keys in `from`'s order, then new keys in `to`'s.
 */
export function diffValues(
  from: unknown,
  to: unknown,
  path: FixPath = [],
): ValueChange[] {
  if (sameValue(from, to)) return [];
  if (isPlainObject(from) && isPlainObject(to)) {
    const keys = [
      ...Object.keys(from),
      ...Object.keys(to).filter(k => !(k in from)),
    ];
    return keys.flatMap(k => diffValues(from[k], to[k], [...path, k]));
  }
  if (
    Array.isArray(from) &&
    Array.isArray(to) &&
    from.length === to.length &&
    from.some(x => typeof x === 'object' && x !== null)
  ) {
    return from.flatMap((x, i) => diffValues(x, to[i], [...path, i]));
  }
  return [{ path, from, to }];
}

/** `a.b[0].c` */
export function formatPath(path: FixPath): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}
