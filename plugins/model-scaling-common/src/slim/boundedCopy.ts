import { isRecord } from './read';
import { redactText } from './redactTriggerMetadata';

/*
 * The bounded, redacted JSON copy behind an autoscaler's manifest for the YAML
 * view (`toAutoscalerManifest`).
 */

/** A JSON value. */
export type Json =
  | string
  | number
  | boolean
  | null
  | Json[]
  | { [key: string]: Json };

/** What a bounded copy may keep. */
export interface CopyLimits {
  maxStringLength: number;
  maxArrayItems: number;
  maxDepth: number;
}

/** The state of one bounded copy: its limits, the notes on what was cut, its size bound. */
export interface CopyState {
  limits: CopyLimits;
  truncated: string[];
  /**
   * An upper bound of the copy's compact JSON length so far (every string
   * counted as if each character needed a `\uXXXX` escape): when the bound
   * is within `maxJsonLength` the copy is too, and the exact length, one
   * `JSON.stringify` of the whole copy per watch event, is not needed.
   */
  jsonBound: number;
}

/**
 * Where a value sits in the object, built into text only for a note on what
 * was cut: an HPA's status update is copied on every watch event, and
 * printing the path of every key was most of the copy's cost.
 */
export interface CopyPath {
  up?: CopyPath;
  /** A key (`.key`) or an index (`[i]`); the root's text when there is no `up`. */
  key: string | number;
}

function pathText(path: CopyPath): string {
  const parts: string[] = [];
  for (let p: CopyPath | undefined = path; p; p = p.up) {
    if (!p.up) parts.push(String(p.key));
    else parts.push(typeof p.key === 'number' ? `[${p.key}]` : `.${p.key}`);
  }
  return parts.reverse().join('');
}

/**
 * A JSON copy of `value`: `Date`s (as `@kubernetes/client-node` gives
 * timestamps) become ISO strings, strings are redacted ({@link redactText})
 * and cut at the limit, lists and nesting are bounded. Everything cut is
 * named in `state.truncated`.
 */
export function boundedCopy(
  value: unknown,
  path: CopyPath,
  depth: number,
  state: CopyState,
): Json | undefined {
  const { limits } = state;
  if (value === undefined || typeof value === 'function') return undefined;
  if (value === null || typeof value === 'boolean') {
    state.jsonBound += 5;
    return value;
  }
  if (typeof value === 'number') {
    state.jsonBound += 24;
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'bigint') {
    state.jsonBound += 24;
    return Number(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      state.jsonBound += 4;
      return null;
    }
    const iso = value.toISOString();
    state.jsonBound += iso.length + 2;
    return iso;
  }
  if (typeof value === 'string') {
    const redacted = redactText(value);
    if (redacted.length <= limits.maxStringLength) {
      state.jsonBound += 6 * redacted.length + 2;
      return redacted;
    }
    state.truncated.push(
      `${pathText(path)}: first ${limits.maxStringLength} of ${
        redacted.length
      } characters`,
    );
    state.jsonBound += 6 * (limits.maxStringLength + 1) + 2;
    return `${redacted.slice(0, limits.maxStringLength)}…`;
  }
  if (depth >= limits.maxDepth) {
    state.truncated.push(
      `${pathText(path)}: nested deeper than ${limits.maxDepth}`,
    );
    return undefined;
  }
  if (Array.isArray(value)) {
    if (value.length > limits.maxArrayItems) {
      state.truncated.push(
        `${pathText(path)}: first ${limits.maxArrayItems} of ${
          value.length
        } items`,
      );
    }
    const out: Json[] = [];
    const n = Math.min(value.length, limits.maxArrayItems);
    state.jsonBound += 2;
    for (let i = 0; i < n; i++) {
      const item = boundedCopy(
        value[i],
        { up: path, key: i },
        depth + 1,
        state,
      );
      if (item !== undefined) {
        out.push(item);
        state.jsonBound += 1;
      }
    }
    return out;
  }
  if (isRecord(value)) {
    const out: { [key: string]: Json } = {};
    const keys = Object.keys(value);
    if (keys.length > limits.maxArrayItems) {
      state.truncated.push(
        `${pathText(path)}: first ${limits.maxArrayItems} of ${
          keys.length
        } keys`,
      );
    }
    const n = Math.min(keys.length, limits.maxArrayItems);
    state.jsonBound += 2;
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const copied = boundedCopy(
        value[key],
        { up: path, key },
        depth + 1,
        state,
      );
      if (copied !== undefined) {
        out[key] = copied;
        state.jsonBound += 6 * key.length + 4;
      }
    }
    return out;
  }
  const text = String(value);
  state.jsonBound += 6 * text.length + 2;
  return text;
}
