import type { SlimNode, SlimTaint } from '../types/status';
import {
  readArray,
  readBoolean,
  readObject,
  readString,
  readStringMap,
} from './read';
import { expectKind, toSlimConditions, toSlimMeta } from './toSlimMeta';

/** Reduces a raw `v1` Node to a {@link SlimNode}: labels (GFD, spot), capacity, readiness and taints. */
export function toSlimNode(raw: unknown, cluster: string): SlimNode {
  const ctx = { kind: 'Node' };
  const obj = expectKind(ctx.kind, raw);
  const spec = readObject(ctx, obj.spec, 'spec');
  const status = readObject(ctx, obj.status, 'status');
  const conditions = toSlimConditions(
    ctx,
    status?.conditions,
    'status.conditions',
  );
  const taints: SlimTaint[] = [];
  for (const [i, entry] of readArray(
    ctx,
    spec?.taints,
    'spec.taints',
  ).entries()) {
    const t = readObject(ctx, entry, `spec.taints[${i}]`);
    const key = readString(ctx, t?.key, `spec.taints[${i}].key`);
    if (!t || !key) continue;
    const taint: SlimTaint = {
      key,
      effect: readString(ctx, t.effect, `spec.taints[${i}].effect`) ?? '',
    };
    const value = readString(ctx, t.value, `spec.taints[${i}].value`);
    if (value !== undefined) taint.value = value;
    taints.push(taint);
  }
  return {
    kind: 'Node',
    meta: toSlimMeta(ctx, obj, cluster),
    capacity: readStringMap(ctx, status?.capacity, 'status.capacity'),
    allocatable: readStringMap(ctx, status?.allocatable, 'status.allocatable'),
    ready: conditions.some(c => c.type === 'Ready' && c.status === 'True'),
    unschedulable:
      readBoolean(ctx, spec?.unschedulable, 'spec.unschedulable') ?? false,
    taints,
  };
}
