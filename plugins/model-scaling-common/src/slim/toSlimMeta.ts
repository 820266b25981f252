import type { SlimCondition, SlimMeta } from '../types/status';
import {
  ReadContext,
  SlimObjectError,
  readArray,
  readObject,
  readString,
  readStringMap,
  readTime,
} from './read';

/**
 * Checks that `raw` is an object of `kind` and returns it as a record.
 * `raw.kind` may be absent (items of a list carry no kind) but must match when present.
 */
export function expectKind(
  kind: string,
  raw: unknown,
): Record<string, unknown> {
  const ctx = { kind };
  const obj = readObject(ctx, raw, '(object)');
  if (!obj) {
    throw new SlimObjectError(
      kind,
      '(object)',
      'must be an object, got nothing',
    );
  }
  const actual = readString(ctx, obj.kind, 'kind');
  if (actual !== undefined && actual !== kind) {
    throw new SlimObjectError(
      kind,
      'kind',
      `must be "${kind}", got "${actual}"`,
    );
  }
  return obj;
}

/**
 * Annotation in which `kubectl apply` keeps a whole earlier copy of the
 * object, credentials in KEDA trigger metadata included. Never kept: it
 * would double a record's size and carry what the reducers redact.
 */
export const LAST_APPLIED_ANNOTATION =
  'kubectl.kubernetes.io/last-applied-configuration';

/** Reduces `metadata` to the slim meta (without {@link LAST_APPLIED_ANNOTATION}); `metadata.name` is required. */
export function toSlimMeta(
  ctx: ReadContext,
  raw: Record<string, unknown>,
  cluster: string,
): SlimMeta {
  const metadata = readObject(ctx, raw.metadata, 'metadata');
  const name = readString(ctx, metadata?.name, 'metadata.name');
  if (!name) {
    throw new SlimObjectError(ctx.kind, 'metadata.name', 'is required');
  }
  const { [LAST_APPLIED_ANNOTATION]: _lastApplied, ...annotations } =
    readStringMap(ctx, metadata?.annotations, 'metadata.annotations');
  const meta: SlimMeta = {
    cluster,
    name,
    labels: readStringMap(ctx, metadata?.labels, 'metadata.labels'),
    annotations,
  };
  const namespace = readString(ctx, metadata?.namespace, 'metadata.namespace');
  if (namespace) meta.namespace = namespace;
  const uid = readString(ctx, metadata?.uid, 'metadata.uid');
  if (uid) meta.uid = uid;
  const created = readTime(
    ctx,
    metadata?.creationTimestamp,
    'metadata.creationTimestamp',
  );
  if (created) meta.creationTimestamp = created;
  const rv = readString(
    ctx,
    metadata?.resourceVersion,
    'metadata.resourceVersion',
  );
  if (rv) meta.resourceVersion = rv;
  return meta;
}

/** The name of the first owner reference of `ownerKind`, if any. */
export function ownerName(
  ctx: ReadContext,
  raw: Record<string, unknown>,
  ownerKind: string,
): string | undefined {
  const metadata = readObject(ctx, raw.metadata, 'metadata');
  const refs = readArray(
    ctx,
    metadata?.ownerReferences,
    'metadata.ownerReferences',
  );
  for (const [i, entry] of refs.entries()) {
    const ref = readObject(ctx, entry, `metadata.ownerReferences[${i}]`);
    if (
      ref &&
      readString(ctx, ref.kind, `metadata.ownerReferences[${i}].kind`) ===
        ownerKind
    ) {
      return readString(ctx, ref.name, `metadata.ownerReferences[${i}].name`);
    }
  }
  return undefined;
}

/** Reduces a `conditions[]` array (HPA, KEDA, pods, nodes). Entries without a type are skipped. */
export function toSlimConditions(
  ctx: ReadContext,
  value: unknown,
  path: string,
): SlimCondition[] {
  const out: SlimCondition[] = [];
  for (const [i, entry] of readArray(ctx, value, path).entries()) {
    const c = readObject(ctx, entry, `${path}[${i}]`);
    const type = readString(ctx, c?.type, `${path}[${i}].type`);
    if (!c || !type) {
      continue;
    }
    const condition: SlimCondition = {
      type,
      status: readString(ctx, c.status, `${path}[${i}].status`) ?? 'Unknown',
    };
    const reason = readString(ctx, c.reason, `${path}[${i}].reason`);
    if (reason) condition.reason = reason;
    const message = readString(ctx, c.message, `${path}[${i}].message`);
    if (message) condition.message = message;
    const time = readTime(
      ctx,
      c.lastTransitionTime,
      `${path}[${i}].lastTransitionTime`,
    );
    if (time) condition.lastTransitionTime = time;
    out.push(condition);
  }
  return out;
}
