import type { ConditionView, Finding } from '../../types/status';
import type { WorkloadModel } from '../../workload/WorkloadModel';
import type { FindingRule } from '../types';

const ID = 'autoscaler-condition-failing';

function subjectOf(
  ctx: WorkloadModel,
  name: string,
): { subject: string; keda: boolean } {
  for (const [so, own] of ctx.kedaHpaOf)
    if (own.meta.name === name)
      return { subject: `ScaledObject/${so}`, keda: true };
  return { subject: `HorizontalPodAutoscaler/${name}`, keda: false };
}

function fixFor(reason: string | undefined): string {
  if (
    reason === 'FailedGetResourceMetric' ||
    reason === 'FailedGetContainerResourceMetric'
  ) {
    return 'Check that metrics-server runs (kubectl top pods) and that every container requests the resource the HPA targets.';
  }
  if (
    reason === 'FailedGetExternalMetric' ||
    reason === 'FailedGetPodsMetric' ||
    reason === 'FailedGetObjectMetric'
  ) {
    return 'Check the metrics adapter that serves this metric (KEDA’s metrics server, prometheus-adapter) and the metric’s query.';
  }
  return 'Check the scaleTargetRef and the autoscaler’s events (kubectl describe) for the failing step.';
}

function finding(
  subject: string,
  c: ConditionView,
  severity: Finding['severity'],
  where: string,
): Finding {
  return {
    id: ID,
    severity,
    title: `${subject}: ${c.type}=${c.status} (${c.reason ?? 'no reason'})`,
    evidence: `${c.plain}${c.message ? ` ${where} says: "${c.message}"` : ''}`,
    fix: fixFor(c.reason),
    subject,
  };
}

/** `autoscaler-condition-failing`: the HPA controller (or KEDA) reports it cannot compute or apply a replica count. */
export const autoscalerConditionFailingRule: FindingRule = {
  id: ID,
  description:
    'The HPA controller reports ScalingActive=False or AbleToScale=False (e.g. FailedGetResourceMetric).',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const h of ctx.hpas) {
      const { subject, keda } = subjectOf(ctx, h.meta.name);
      for (const c of ctx.hpaViews.get(h.meta.name)?.conditions ?? []) {
        if (c.status !== 'False') continue;
        if (c.type === 'ScalingActive') {
          if (c.reason === 'ScalingDisabled') {
            // KEDA scaled to zero on purpose; a plain HPA was switched off by someone setting replicas to 0.
            if (!keda) out.push(finding(subject, c, 'info', 'The HPA'));
            continue;
          }
          out.push(finding(subject, c, 'error', 'The HPA'));
        } else if (c.type === 'AbleToScale') {
          out.push(finding(subject, c, 'error', 'The HPA'));
        }
      }
    }
    for (const so of ctx.scaledObjects) {
      if (ctx.kedaHpaOf.has(so.meta.name)) continue; // its HPA's conditions are reported above
      const c = ctx.kedaViews
        .get(so.meta.name)
        ?.conditions.find(
          x =>
            x.type === 'HPAActive' &&
            x.status === 'False' &&
            x.reason !== 'ScalingDisabled',
        );
      if (c)
        out.push(finding(`ScaledObject/${so.meta.name}`, c, 'error', 'KEDA'));
    }
    return out;
  },
};
