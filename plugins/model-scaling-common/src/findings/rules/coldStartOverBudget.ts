import { DEFAULT_PATTERN_PRESETS } from '../../patterns/presets';
import type { Finding } from '../../types/status';
import { duration, plural } from '../format';
import type { FindingRule } from '../types';

const ID = 'cold-start-over-budget';

/** Seconds from pod start to Ready for each pod that has both times. */
export function coldStartSeconds(
  pods: readonly { startTime?: string; readyTime?: string }[],
): number[] {
  return pods
    .filter(p => p.startTime && p.readyTime)
    .map(p => (Date.parse(p.readyTime!) - Date.parse(p.startTime!)) / 1000)
    .filter(s => Number.isFinite(s) && s >= 0);
}

/** `cold-start-over-budget`: a scale-to-zero workload whose measured cold start exceeds its budget. */
export const coldStartOverBudgetRule: FindingRule = {
  id: ID,
  description: 'Scale-to-zero with a measured cold start above the budget.',
  evaluate(ctx) {
    const zero = [
      ...ctx.scaledObjects
        .filter(
          so => (so.minReplicaCount ?? 0) === 0 || so.idleReplicaCount === 0,
        )
        .map(so => `ScaledObject/${so.meta.name}`),
      ...ctx.independentHpas
        .filter(h => h.minReplicas === 0)
        .map(h => `HorizontalPodAutoscaler/${h.meta.name}`),
    ];
    if (zero.length === 0) return [];
    const budget =
      ctx.coldStartBudgetSeconds ??
      (ctx.pattern === 'bursty'
        ? DEFAULT_PATTERN_PRESETS.bursty.coldStartBudgetSeconds
        : undefined);
    if (budget === undefined) return [];
    const measured = coldStartSeconds(ctx.pods).sort((a, b) => a - b);
    if (measured.length === 0) return [];
    const worst = measured[measured.length - 1];
    if (worst <= budget) return [];
    const median = measured[Math.floor((measured.length - 1) / 2)];
    const finding: Finding = {
      id: ID,
      severity: 'warning',
      title: `Cold start of ${duration(worst)} exceeds the ${duration(
        budget,
      )} budget of a scale-to-zero workload`,
      evidence:
        `${zero.join(
          ', ',
        )} scales to zero; measured from pod start to Ready: worst ${duration(
          worst,
        )}, median ${duration(median)} over ${plural(
          measured.length,
          'pod',
        )}. ` +
        'The first request after an idle period waits at least this long (plus node provisioning when no node is free).',
      fix:
        'Keep one warm replica (minReplicaCount: 1) if the budget matters more than idle cost, or cut the cold start: a smaller or pre-pulled image, ' +
        'model weights on a local or cached volume instead of a download, Triton loading only the models it serves, and a warm node for the GPU.',
      subject: zero[0],
    };
    return [finding];
  },
};
