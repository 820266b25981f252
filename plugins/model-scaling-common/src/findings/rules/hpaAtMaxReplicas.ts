import type { Finding, SlimHpa } from '../../types/status';
import { num } from '../format';
import type { WorkloadModel } from '../../workload/WorkloadModel';
import type { FindingRule } from '../types';

function subjectOf(ctx: WorkloadModel, h: SlimHpa): string {
  for (const [so, own] of ctx.kedaHpaOf)
    if (own === h) return `ScaledObject/${so}`;
  return `HorizontalPodAutoscaler/${h.meta.name}`;
}

const ID = 'hpa-at-max-replicas';

/** `hpa-at-max-replicas`: the autoscaler sits at maxReplicas and still wants more. */
export const hpaAtMaxReplicasRule: FindingRule = {
  id: ID,
  description:
    'The autoscaler is at maxReplicas while its metrics ask for more.',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const h of ctx.hpas) {
      if (h.maxReplicas <= 0 || h.status.currentReplicas < h.maxReplicas)
        continue;
      const view = ctx.hpaViews.get(h.meta.name);
      if (!view) continue;
      const limited = h.status.conditions.find(
        c =>
          c.type === 'ScalingLimited' &&
          c.status === 'True' &&
          c.reason === 'TooManyReplicas',
      );
      const hot = view.metrics.filter(
        m =>
          m.current !== undefined && m.target > 0 && m.current > m.target * 1.1,
      );
      if (!limited && hot.length === 0) continue;
      const subject = subjectOf(ctx, h);
      const metrics = view.metrics
        .filter(m => m.current !== undefined)
        .map(m => {
          const unit = m.targetType === 'Utilization' ? ' %' : '';
          return `${m.name} ${num(m.current!)}${unit} (target ${num(
            m.target,
          )}${unit})`;
        })
        .join(', ');
      out.push({
        id: ID,
        severity: 'warning',
        title: `${subject} is at its maximum of ${h.maxReplicas} replicas and wants more`,
        evidence: `${h.status.currentReplicas} of max ${
          h.maxReplicas
        } replicas${
          limited
            ? `; ScalingLimited=True (TooManyReplicas): ${
                limited.message ?? 'the desired count is above maxReplicas'
              }`
            : ''
        }${metrics ? `; metrics: ${metrics}` : ''}.`,
        fix:
          'Raise maxReplicas if the cluster (nodes, GPU quota) and downstream services can take it, ' +
          'or serve more per replica (dynamic batching, a larger instance); if more replicas did not help before, look for a downstream bottleneck.',
        subject,
      });
    }
    return out;
  },
};
