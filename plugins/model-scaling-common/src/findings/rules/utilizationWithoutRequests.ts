import type { Finding, SlimContainer } from '../../types/status';
import type { FindingRule } from '../types';

const ID = 'utilization-without-requests';

/** True when the container has a request for `resource` (a limit alone is copied into the request by the API server). */
function hasRequest(c: SlimContainer, resource: string): boolean {
  return c.requests[resource] !== undefined || c.limits[resource] !== undefined;
}

/** `utilization-without-requests`: a Utilization target on a resource some container does not request. */
export const utilizationWithoutRequestsRule: FindingRule = {
  id: ID,
  description:
    'A utilization target on a resource that containers do not request.',
  evaluate(ctx) {
    const spec = ctx.podSpec;
    if (!spec || spec.containers.length === 0) return [];
    const out: Finding[] = [];
    const check = (subject: string, resource: string, container?: string) => {
      const scope = container
        ? spec.containers.filter(c => c.name === container)
        : spec.containers;
      const missing = scope
        .filter(c => !hasRequest(c, resource))
        .map(c => c.name);
      if (missing.length === 0) return;
      out.push({
        id: ID,
        severity: 'error',
        title: `${subject} targets ${resource} utilization but ${
          missing.length === 1
            ? `container ${missing[0]} has`
            : 'containers have'
        } no ${resource} request`,
        evidence:
          `Utilization is usage ÷ request; container(s) ${missing.join(
            ', ',
          )} of ${
            ctx.workload ?? 'the pod template'
          } set no resources.requests.${resource}, ` +
          `so the HPA reports FailedGetResourceMetric ("missing request for ${resource}") and never scales.`,
        fix: `Set resources.requests.${resource} on ${
          container
            ? `container ${container}`
            : 'every container of the pod template, sidecars included'
        }.`,
        subject,
      });
    };
    for (const h of ctx.independentHpas) {
      for (const m of h.metrics) {
        if (m.resource?.target.type === 'Utilization')
          check(`HorizontalPodAutoscaler/${h.meta.name}`, m.resource.name);
        if (m.containerResource?.target.type === 'Utilization') {
          check(
            `HorizontalPodAutoscaler/${h.meta.name}`,
            m.containerResource.name,
            m.containerResource.container,
          );
        }
      }
    }
    for (const so of ctx.scaledObjects) {
      for (const t of so.triggers) {
        if (
          (t.type === 'cpu' || t.type === 'memory') &&
          (t.metricType ?? 'Utilization') === 'Utilization'
        ) {
          check(
            `ScaledObject/${so.meta.name}`,
            t.type,
            t.metadata.containerName,
          );
        }
      }
    }
    return out;
  },
};
