import type { SlimReplicaSet } from '../types/status';
import { readNumber, readObject } from './read';
import { expectKind, ownerName, toSlimMeta } from './toSlimMeta';

/** Reduces a raw `apps/v1` ReplicaSet to a {@link SlimReplicaSet} (owner Deployment, desired and ready counts). */
export function toSlimReplicaSet(
  raw: unknown,
  cluster: string,
): SlimReplicaSet {
  const ctx = { kind: 'ReplicaSet' };
  const obj = expectKind(ctx.kind, raw);
  const spec = readObject(ctx, obj.spec, 'spec');
  const status = readObject(ctx, obj.status, 'status');
  const rs: SlimReplicaSet = {
    kind: 'ReplicaSet',
    meta: toSlimMeta(ctx, obj, cluster),
    specReplicas: readNumber(ctx, spec?.replicas, 'spec.replicas') ?? 1,
    readyReplicas:
      readNumber(ctx, status?.readyReplicas, 'status.readyReplicas') ?? 0,
  };
  const owner = ownerName(ctx, obj, 'Deployment');
  if (owner) rs.ownerDeployment = owner;
  return rs;
}
