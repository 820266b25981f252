import type { SlimPod } from '../types/status';
import {
  readArray,
  readNumber,
  readObject,
  readString,
  readTime,
} from './read';
import {
  expectKind,
  ownerName,
  toSlimConditions,
  toSlimMeta,
} from './toSlimMeta';
import { toSlimPodSpec } from './toSlimPodSpec';

/**
 * Reduces a raw `v1` Pod to a {@link SlimPod}: phase, node, readiness and the
 * time it became ready (for cold-start times), the scheduler's reason while
 * Pending, and the total container restart count.
 */
export function toSlimPod(raw: unknown, cluster: string): SlimPod {
  const ctx = { kind: 'Pod' };
  const obj = expectKind(ctx.kind, raw);
  const status = readObject(ctx, obj.status, 'status');
  const spec = readObject(ctx, obj.spec, 'spec');
  const conditions = toSlimConditions(
    ctx,
    status?.conditions,
    'status.conditions',
  );
  const readyCondition = conditions.find(c => c.type === 'Ready');
  const ready = readyCondition?.status === 'True';
  let restartCount = 0;
  for (const [i, entry] of readArray(
    ctx,
    status?.containerStatuses,
    'status.containerStatuses',
  ).entries()) {
    const cs = readObject(ctx, entry, `status.containerStatuses[${i}]`);
    restartCount +=
      readNumber(
        ctx,
        cs?.restartCount,
        `status.containerStatuses[${i}].restartCount`,
      ) ?? 0;
  }
  const pod: SlimPod = {
    kind: 'Pod',
    meta: toSlimMeta(ctx, obj, cluster),
    phase: readString(ctx, status?.phase, 'status.phase') ?? 'Unknown',
    spec: toSlimPodSpec(ctx, spec, 'spec'),
    conditions,
    ready,
    restartCount,
  };
  const owner = ownerName(ctx, obj, 'ReplicaSet');
  if (owner) pod.ownerReplicaSet = owner;
  const nodeName = readString(ctx, spec?.nodeName, 'spec.nodeName');
  if (nodeName) pod.nodeName = nodeName;
  const podIP = readString(ctx, status?.podIP, 'status.podIP');
  if (podIP) pod.podIP = podIP;
  const startTime = readTime(ctx, status?.startTime, 'status.startTime');
  if (startTime) pod.startTime = startTime;
  if (ready && readyCondition?.lastTransitionTime)
    pod.readyTime = readyCondition.lastTransitionTime;
  const metadata = readObject(ctx, obj.metadata, 'metadata');
  const deletion = readTime(
    ctx,
    metadata?.deletionTimestamp,
    'metadata.deletionTimestamp',
  );
  if (deletion) pod.deletionTimestamp = deletion;
  if (pod.phase === 'Pending') {
    const scheduled = conditions.find(c => c.type === 'PodScheduled');
    if (scheduled && scheduled.status !== 'True') {
      if (scheduled.reason) pod.pendingReason = scheduled.reason;
      if (scheduled.message) pod.pendingMessage = scheduled.message;
    } else {
      // Scheduled but not running yet: report the first waiting container (e.g. ContainerCreating, ImagePullBackOff).
      for (const [i, entry] of readArray(
        ctx,
        status?.containerStatuses,
        'status.containerStatuses',
      ).entries()) {
        const cs = readObject(ctx, entry, `status.containerStatuses[${i}]`);
        const state = readObject(
          ctx,
          cs?.state,
          `status.containerStatuses[${i}].state`,
        );
        const waiting = readObject(
          ctx,
          state?.waiting,
          `status.containerStatuses[${i}].state.waiting`,
        );
        const reason = readString(
          ctx,
          waiting?.reason,
          `status.containerStatuses[${i}].state.waiting.reason`,
        );
        if (reason) {
          pod.pendingReason = reason;
          const message = readString(
            ctx,
            waiting?.message,
            `status.containerStatuses[${i}].state.waiting.message`,
          );
          if (message) pod.pendingMessage = message;
          break;
        }
      }
    }
  }
  return pod;
}
