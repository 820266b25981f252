import type { Finding } from '../../types/status';
import { duration, plural } from '../format';
import type { FindingRule } from '../types';

const ID = 'pods-pending-while-scaling';
/** Pods may sit in Pending briefly (image pulls); report them after this long, or at once when unschedulable. */
const PENDING_GRACE_SECONDS = 120;

/** `pods-pending-while-scaling`: the autoscaler asked for pods the cluster cannot place or start. */
export const podsPendingWhileScalingRule: FindingRule = {
  id: ID,
  description:
    'Pods stay Pending while the autoscaler wants more replicas (no or capped node autoscaler).',
  evaluate(ctx) {
    const pending = ctx.pods.filter(
      p => p.phase === 'Pending' && !p.deletionTimestamp,
    );
    if (pending.length === 0) return [];
    const age = (created?: string) =>
      created ? (ctx.nowMs - Date.parse(created)) / 1000 : 0;
    const stuck = pending.filter(
      p =>
        p.pendingReason === 'Unschedulable' ||
        age(p.meta.creationTimestamp) >= PENDING_GRACE_SECONDS,
    );
    if (stuck.length === 0) return [];
    const ready = ctx.pods.filter(p => p.ready).length;
    const desired = Math.max(
      ctx.deployment?.specReplicas ?? 0,
      ...ctx.hpas.map(h => h.status.desiredReplicas),
    );
    if (desired <= ready) return [];
    const oldest = Math.max(...stuck.map(p => age(p.meta.creationTimestamp)));
    const unschedulable = stuck.filter(
      p => p.pendingReason === 'Unschedulable',
    );
    const example = unschedulable[0] ?? stuck[0];
    const reason = example.pendingReason
      ? `${example.pendingReason}${
          example.pendingMessage ? `: ${example.pendingMessage}` : ''
        }`
      : 'no reason reported';
    const gpu = ctx.usesGpu && /nvidia\.com/.test(example.pendingMessage ?? '');
    const finding: Finding = {
      id: ID,
      severity: unschedulable.length > 0 && oldest >= 600 ? 'error' : 'warning',
      title: `${plural(stuck.length, 'pod')} of ${
        ctx.workload ?? 'the workload'
      } ${
        stuck.length === 1 ? 'is' : 'are'
      } Pending while the autoscaler wants ${desired} replicas`,
      evidence: `${plural(stuck.length, 'pod')} Pending for up to ${duration(
        oldest,
      )} (${reason}); ${ready} ready of ${desired} wanted.`,
      fix: gpu
        ? `The cluster has no free ${
            ctx.gpu.resourceName ?? 'GPU'
          }: let a node autoscaler (Cluster Autoscaler or Karpenter) add GPU nodes — check its node-pool limits and the cloud GPU quota — or lower maxReplicas to what the GPU pool holds.`
        : 'Let a node autoscaler (Cluster Autoscaler or Karpenter) add nodes for these pods — check its node-pool limits and quotas, and that the pods’ node selectors and tolerations match a pool it can grow — or lower maxReplicas to what the cluster holds.',
    };
    if (ctx.workload) finding.subject = ctx.workload;
    return [finding];
  },
};
