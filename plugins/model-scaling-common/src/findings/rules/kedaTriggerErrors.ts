import type { Finding } from '../../types/status';
import type { FindingRule } from '../types';

const ID = 'keda-trigger-errors';
const ERROR_REASONS = new Set([
  'TriggerError',
  'PartialTriggerError',
  'ErrorGettingCurrentReplicas',
]);

/** `keda-trigger-errors`: a ScaledObject whose triggers cannot be read. */
export const kedaTriggerErrorsRule: FindingRule = {
  id: ID,
  description:
    'KEDA cannot read a trigger (Ready=False with a trigger error, or a failing metric).',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const so of ctx.scaledObjects) {
      const ready = so.status.conditions.find(c => c.type === 'Ready');
      const notReady =
        ready?.status === 'False' &&
        (!ready.reason || ERROR_REASONS.has(ready.reason));
      const failing = Object.entries(so.status.health).filter(
        ([, h]) => h.status === 'Failing',
      );
      if (!notReady && failing.length === 0) continue;
      const subject = `ScaledObject/${so.meta.name}`;
      const parts: string[] = [];
      if (notReady)
        parts.push(
          `Ready=False (${ready!.reason ?? 'no reason'})${
            ready!.message ? `: ${ready!.message}` : ''
          }`,
        );
      if (failing.length)
        parts.push(
          `failing: ${failing
            .map(([m, h]) => `${m} (${h.numberOfFailures} failures)`)
            .join(', ')}`,
        );
      out.push({
        id: ID,
        severity: so.fallback ? 'warning' : 'error',
        title: `${subject} cannot read ${
          failing.length === 1 || !failing.length
            ? 'a trigger'
            : `${failing.length} triggers`
        }`,
        evidence: `${parts.join('; ')}.${
          so.fallback
            ? ''
            : ' There is no fallback, so the replica count is frozen (or drops to zero after the cooldown) while the metric is missing.'
        }`,
        fix: 'Check the trigger’s server address, query and credentials (TriggerAuthentication) from inside the cluster, and add spec.fallback so a metrics outage has a safe replica count.',
        subject,
      });
    }
    return out;
  },
};
