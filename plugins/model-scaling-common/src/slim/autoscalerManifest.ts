import { Document } from 'yaml';
import type { AutoscalerManifest } from '../types/status';
import {
  isRecord,
  ReadContext,
  readObject,
  readString,
  readStringMap,
} from './read';
import { LAST_APPLIED_ANNOTATION } from './toSlimMeta';
import { redactTriggerMetadata } from './redactTriggerMetadata';
import { boundedCopy, CopyState } from './boundedCopy';

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
 * every string is redacted (`redactText`). Strings, lists, nesting and
 * the whole copy are bounded ({@link AUTOSCALER_MANIFEST_LIMITS}); what was
 * cut is listed in `truncated`.
 */
export function toAutoscalerManifest(
  kind: 'HorizontalPodAutoscaler' | 'ScaledObject',
  obj: Record<string, unknown>,
): AutoscalerManifest {
  const ctx = { kind };
  const state: CopyState = {
    limits: AUTOSCALER_MANIFEST_LIMITS,
    truncated: [],
    jsonBound: 0,
  };
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
