import type { Finding } from '../../types/status';
import type { FindingRule } from '../types';

const ID = 'hpa-and-keda-conflict';

function conflictsWithoutDeployment(
  ctx: Parameters<FindingRule['evaluate']>[0],
): Map<string, string[]> {
  const byTarget = new Map<string, string[]>();
  const add = (target: string, who: string) =>
    byTarget.set(target, [...(byTarget.get(target) ?? []), who]);
  for (const so of ctx.scaledObjects) {
    if ((so.scaleTargetRef.kind ?? 'Deployment') === 'Deployment')
      add(so.scaleTargetRef.name, `ScaledObject/${so.meta.name}`);
  }
  for (const h of ctx.hpas) {
    if (h.scaleTargetRef.kind !== 'Deployment') continue;
    if (ctx.kedaOwnedHpas.has(h.meta.name)) continue;
    add(h.scaleTargetRef.name, `HorizontalPodAutoscaler/${h.meta.name}`);
  }
  return byTarget;
}

/** `hpa-and-keda-conflict`: more than one independent autoscaler sets the same Deployment's replicas. */
export const hpaAndKedaConflictRule: FindingRule = {
  id: ID,
  description:
    'An HPA and a ScaledObject (or two of either) target one workload.',
  evaluate(ctx) {
    const { deployment, autoscaler } = ctx;
    const conflicts =
      deployment && autoscaler
        ? new Map([[deployment.meta.name, autoscaler.conflicting]])
        : conflictsWithoutDeployment(ctx);
    const out: Finding[] = [];
    for (const [target, who] of conflicts) {
      if (who.length < 2) continue;
      const hasKeda = who.some(w => w.startsWith('ScaledObject/'));
      const hasHpa = who.some(w => w.startsWith('HorizontalPodAutoscaler/'));
      out.push({
        id: ID,
        severity: 'error',
        title: `${who.length} autoscalers target Deployment/${target}`,
        evidence: `${who.join(
          ' and ',
        )} all set the replica count of Deployment/${target}; each overwrites the other's decision, so replicas flap.`,
        fix:
          hasKeda && hasHpa
            ? 'Keep the ScaledObject and delete the plain HPA (KEDA creates its own keda-hpa-<name>); to keep the HPA’s settings, move them into spec.advanced.horizontalPodAutoscalerConfig, or let KEDA adopt it with the scaledobject.keda.sh/transfer-hpa-ownership annotation.'
            : 'Keep exactly one autoscaler per workload and merge the metrics of the others into it.',
        subject: `Deployment/${target}`,
      });
    }
    return out;
  },
};
