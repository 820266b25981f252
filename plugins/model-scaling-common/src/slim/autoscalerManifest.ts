import { Document } from 'yaml';
import type { AutoscalerManifest } from '../types/status';
import { ReadContext, readObject, readString, readStringMap } from './read';
import { LAST_APPLIED_ANNOTATION } from './toSlimMeta';
import { redactText, redactTriggerMetadata } from './redactTriggerMetadata';

/**
 * Bounds of the copy kept per HPA and ScaledObject, so one odd object (a
 * megabyte-long query, thousands of conditions) cannot grow the cache.
 */
export const AUTOSCALER_MANIFEST_LIMITS = {
  /** Longest string value kept, in characters; longer ones are cut. */
  maxStringLength: 2048,
  /** Most items kept of any list, and most keys of any map. */
  maxArrayItems: 32,
  /** Deepest nesting kept below `spec` / `status`. */
  maxDepth: 10,
  /** Largest copy, as compact JSON; above it `status`, then `spec` are left out. */
  maxJsonLength: 16 * 1024,
  /** Most notes on what was cut. */
  maxTruncationNotes: 10,
} as const;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface CopyState {
  truncated: string[];
  /**
   * An upper bound of the copy's compact JSON length so far (every string
   * counted as if each character needed a `\\uXXXX` escape): when the bound
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
interface CopyPath {
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date)
  );
}

/**
 * A JSON copy of `value`: `Date`s (as `@kubernetes/client-node` gives
 * timestamps) become ISO strings, strings are redacted ({@link redactText})
 * and cut at the limit, lists and nesting are bounded. Everything cut is
 * named in `state.truncated`.
 */
function boundedCopy(
  value: unknown,
  path: CopyPath,
  depth: number,
  state: CopyState,
): Json | undefined {
  const limits = AUTOSCALER_MANIFEST_LIMITS;
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
    state.jsonBound += 26;
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
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

/** `spec.triggers[].metadata` keeps only the keys the views read, redacted like the slim triggers. */
function redactScaledObjectSpec(
  ctx: ReadContext,
  spec: Record<string, unknown>,
): Record<string, unknown> {
  if (!Array.isArray(spec.triggers)) return spec;
  return {
    ...spec,
    triggers: spec.triggers.map((trigger, i) => {
      if (!isRecord(trigger) || trigger.metadata === undefined) return trigger;
      return {
        ...trigger,
        metadata: redactTriggerMetadata(
          readStringMap(ctx, trigger.metadata, `spec.triggers[${i}].metadata`),
        ),
      };
    }),
  };
}

/**
 * A bounded, redacted copy of an HPA's or ScaledObject's manifest for the
 * Scaling tab's YAML view (what `kubectl get -o yaml` shows, minus what must
 * not or need not leave the cluster): `apiVersion`, `kind`, `metadata.name`,
 * `namespace`, `labels` and `annotations` (without
 * `kubectl.kubernetes.io/last-applied-configuration`; no `managedFields`,
 * `uid` or `ownerReferences`), `spec` and `status`. KEDA trigger metadata
 * keeps only the keys the views read ({@link redactTriggerMetadata}), and
 * every string is redacted ({@link redactText}). Strings, lists, nesting and
 * the whole copy are bounded ({@link AUTOSCALER_MANIFEST_LIMITS}); what was
 * cut is listed in `truncated`.
 */
export function toAutoscalerManifest(
  kind: 'HorizontalPodAutoscaler' | 'ScaledObject',
  obj: Record<string, unknown>,
): AutoscalerManifest {
  const ctx = { kind };
  const state: CopyState = { truncated: [], jsonBound: 0 };
  const metadata = readObject(ctx, obj.metadata, 'metadata');
  const manifest: AutoscalerManifest = {
    apiVersion:
      readString(ctx, obj.apiVersion, 'apiVersion') ??
      (kind === 'ScaledObject' ? 'keda.sh/v1alpha1' : 'autoscaling/v2'),
    kind,
    metadata: { name: readString(ctx, metadata?.name, 'metadata.name') ?? '' },
  };
  const namespace = readString(ctx, metadata?.namespace, 'metadata.namespace');
  if (namespace) manifest.metadata.namespace = namespace;
  const labels = readStringMap(ctx, metadata?.labels, 'metadata.labels');
  if (Object.keys(labels).length > 0) {
    manifest.metadata.labels = boundedCopy(
      labels,
      { key: 'metadata.labels' },
      1,
      state,
    ) as Record<string, string>;
  }
  const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...annotations } =
    readStringMap(ctx, metadata?.annotations, 'metadata.annotations');
  if (Object.keys(annotations).length > 0) {
    manifest.metadata.annotations = boundedCopy(
      annotations,
      { key: 'metadata.annotations' },
      1,
      state,
    ) as Record<string, string>;
  }
  const rawSpec = readObject(ctx, obj.spec, 'spec');
  if (rawSpec) {
    const spec =
      kind === 'ScaledObject' ? redactScaledObjectSpec(ctx, rawSpec) : rawSpec;
    manifest.spec = boundedCopy(spec, { key: 'spec' }, 0, state) as Record<
      string,
      unknown
    >;
  }
  const rawStatus = readObject(ctx, obj.status, 'status');
  if (rawStatus) {
    manifest.status = boundedCopy(
      rawStatus,
      { key: 'status' },
      0,
      state,
    ) as Record<string, unknown>;
  }
  const limit = AUTOSCALER_MANIFEST_LIMITS.maxJsonLength;
  const parts: [string, () => boolean][] = [
    ['status', () => delete manifest.status],
    ['spec', () => delete manifest.spec],
    ['metadata.annotations', () => delete manifest.metadata.annotations],
    ['metadata.labels', () => delete manifest.metadata.labels],
  ];
  const leftOut: string[] = [];
  const leftOutParts: string[] = [];
  // The fields outside the bounded copies, bounded the same way.
  const bound =
    state.jsonBound +
    200 +
    6 *
      (manifest.apiVersion.length +
        manifest.kind.length +
        manifest.metadata.name.length +
        (manifest.metadata.namespace?.length ?? 0));
  for (const [part, leaveOut] of bound <= limit ? [] : parts) {
    const length = JSON.stringify(manifest).length;
    if (length <= limit) break;
    leaveOut();
    leftOutParts.push(part);
    leftOut.push(
      `${part}: left out, the copy was ${length} characters (limit ${limit})`,
    );
  }
  // What was left out whole comes first; then the cuts inside what remains.
  const notes = [
    ...leftOut,
    ...state.truncated.filter(
      note => !leftOutParts.some(part => note.startsWith(part)),
    ),
  ];
  const max = AUTOSCALER_MANIFEST_LIMITS.maxTruncationNotes;
  if (notes.length > max) {
    const more = notes.length - max;
    notes.splice(max, more, `and ${more} more cut${more === 1 ? '' : 's'}`);
  }
  if (notes.length > 0) manifest.truncated = notes;
  return manifest;
}

/**
 * The manifest as YAML, as the Scaling tab shows it: `apiVersion`, `kind`,
 * `metadata`, `spec`, `status` in that order, no line folding, and what was
 * left out as a comment on top.
 */
export function autoscalerManifestYaml(manifest: AutoscalerManifest): string {
  const { truncated, ...object } = manifest;
  const doc = new Document(object, { aliasDuplicateObjects: false });
  if (truncated && truncated.length > 0) {
    doc.commentBefore = [' Shortened to keep the copy small:', ...truncated]
      .map((line, i) => (i === 0 ? line : `   - ${line}`))
      .join('\n');
  }
  return doc.toString({ lineWidth: 0 });
}
