import type { Finding } from '../../types/status';
import type { FindingRule } from '../types';

const ID = 'keda-fallback-active';

/** `keda-fallback-active`: KEDA is serving its fallback replica count instead of scaling on the trigger. */
export const kedaFallbackActiveRule: FindingRule = {
  id: ID,
  description: 'KEDA serves fallback replicas because a trigger keeps failing.',
  evaluate(ctx) {
    const out: Finding[] = [];
    for (const so of ctx.scaledObjects) {
      if (!ctx.kedaViews.get(so.meta.name)?.fallbackActive) continue;
      const subject = `ScaledObject/${so.meta.name}`;
      const failing = Object.entries(so.status.health)
        .filter(([, h]) => h.status === 'Failing')
        .map(([metric, h]) => `${metric} failed ${h.numberOfFailures} times`);
      const fb = so.fallback;
      out.push({
        id: ID,
        severity: 'warning',
        title: `${subject} is on fallback${
          fb ? `: ${fb.replicas} replicas regardless of load` : ''
        }`,
        evidence:
          `${
            failing.length
              ? `${failing.join('; ')}`
              : 'The Fallback condition is True'
          }` +
          `${
            fb
              ? ` (failureThreshold ${fb.failureThreshold}, behavior ${
                  fb.behavior ?? 'static'
                })`
              : ''
          }; ` +
          'while the trigger fails, KEDA reports fallback.replicas × target to the HPA instead of the real metric.',
        fix: 'Fix the failing trigger — its server address, query, credentials (TriggerAuthentication) or network policy — the fallback count is a static guess, not scaling.',
        subject,
      });
    }
    return out;
  },
};
