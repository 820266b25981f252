/*
 * Tolerant readers for raw Kubernetes objects: the plain JSON the API returns,
 * or what `@kubernetes/client-node` gives (same field names, but `Date`
 * objects for timestamps).
 *
 * The rule: a missing field is normal (partial objects, manifests without
 * status) and yields a default; a field that is present with the wrong type is
 * an invalid object and throws a {@link SlimObjectError} naming the field.
 */

/** A raw object that cannot be reduced; the message names the kind and the field. */
export class SlimObjectError extends Error {
  constructor(readonly kind: string, readonly field: string, rule: string) {
    super(`${kind} ${field} ${rule}`);
    this.name = 'SlimObjectError';
  }
}

/** A plain object (record), or undefined. */
export type Raw = Record<string, unknown>;

/** Context threaded through the readers so errors name the kind and full path. */
export interface ReadContext {
  kind: string;
}

/** A plain object (not an array, not a `Date`). */
export function isRecord(value: unknown): value is Raw {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  );
}

/** The object at `path`, `undefined` when missing or null; throws when it is not an object. */
export function readObject(
  ctx: ReadContext,
  value: unknown,
  path: string,
): Raw | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isRecord(value)) {
    throw new SlimObjectError(ctx.kind, path, 'must be an object');
  }
  return value;
}

/** The array at `path`, `[]` when missing or null; throws when it is not an array. */
export function readArray(
  ctx: ReadContext,
  value: unknown,
  path: string,
): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new SlimObjectError(ctx.kind, path, 'must be an array');
  }
  return value;
}

/** The string at `path`, `undefined` when missing; numbers and booleans are turned into strings. */
export function readString(
  ctx: ReadContext,
  value: unknown,
  path: string,
): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new SlimObjectError(ctx.kind, path, 'must be a string');
}

/** The number at `path`, `undefined` when missing; numeric strings are accepted. */
export function readNumber(
  ctx: ReadContext,
  value: unknown,
  path: string,
): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  ) {
    return Number(value);
  }
  throw new SlimObjectError(ctx.kind, path, 'must be a number');
}

/** The boolean at `path`, `undefined` when missing; `"true"`/`"false"` are accepted. */
export function readBoolean(
  ctx: ReadContext,
  value: unknown,
  path: string,
): boolean | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  throw new SlimObjectError(ctx.kind, path, 'must be a boolean');
}

/**
 * A timestamp as an ISO-8601 string: accepts the API's RFC 3339 strings
 * (kept as they are), `Date` objects and epoch milliseconds.
 */
export function readTime(
  ctx: ReadContext,
  value: unknown,
  path: string,
): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new SlimObjectError(ctx.kind, path, 'must be a valid date');
    }
    return value.toISOString();
  }
  if (typeof value === 'string') {
    if (Number.isNaN(Date.parse(value))) {
      throw new SlimObjectError(
        ctx.kind,
        path,
        'must be an RFC 3339 timestamp',
      );
    }
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return new Date(value).toISOString();
  }
  throw new SlimObjectError(ctx.kind, path, 'must be a timestamp');
}

/** A `string → string` map (labels, selectors, resources); values are stringified. */
export function readStringMap(
  ctx: ReadContext,
  value: unknown,
  path: string,
): Record<string, string> {
  const obj = readObject(ctx, value, path);
  const out: Record<string, string> = {};
  if (!obj) {
    return out;
  }
  for (const [key, entry] of Object.entries(obj)) {
    const text = readString(ctx, entry, `${path}.${key}`);
    if (text !== undefined) {
      out[key] = text;
    }
  }
  return out;
}
