import type { SlimScaledJob } from '../types/status';
import { readNumber, readObject, readTime } from './read';
import { toKedaTriggers } from './toKedaTriggers';
import { expectKind, toSlimConditions, toSlimMeta } from './toSlimMeta';

/** Reduces a raw KEDA ScaledJob to a {@link SlimScaledJob}. */
export function toSlimScaledJob(raw: unknown, cluster: string): SlimScaledJob {
  const ctx = { kind: 'ScaledJob' };
  const obj = expectKind(ctx.kind, raw);
  const spec = readObject(ctx, obj.spec, 'spec');
  const status = readObject(ctx, obj.status, 'status');
  const job: SlimScaledJob = {
    kind: 'ScaledJob',
    meta: toSlimMeta(ctx, obj, cluster),
    triggers: toKedaTriggers(ctx, spec?.triggers, 'spec.triggers'),
    status: {
      conditions: toSlimConditions(
        ctx,
        status?.conditions,
        'status.conditions',
      ),
    },
  };
  for (const field of [
    'pollingInterval',
    'minReplicaCount',
    'maxReplicaCount',
  ] as const) {
    const n = readNumber(ctx, spec?.[field], `spec.${field}`);
    if (n !== undefined) job[field] = n;
  }
  const lastActiveTime = readTime(
    ctx,
    status?.lastActiveTime,
    'status.lastActiveTime',
  );
  if (lastActiveTime) job.status.lastActiveTime = lastActiveTime;
  return job;
}
