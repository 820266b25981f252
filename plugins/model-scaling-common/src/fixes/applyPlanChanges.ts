import { modelServicePlanSchema, ModelServicePlan } from '../plan/planSchema';
import { formatZodIssues } from '../triton-live/zodIssues';
import { formatPath } from './diffValues';
import { FixError } from './FixError';
import type { FixPath, PlanFieldChange } from './types';

/**
 * The plan fields a fix may change: scaling settings only. Identity
 * (name, namespace, owner), the pattern and autoscaler kind, images and the
 * model's facts are never changed by a fix.
 */
export const FIXABLE_PLAN_FIELDS: readonly FixPath[] = [
  ['replicas', 'min'],
  ['replicas', 'max'],
  ['autoscaler', 'cpuTargetUtilization'],
  ['autoscaler', 'memoryTargetUtilization'],
  ['autoscaler', 'behavior'],
  ['autoscaler', 'pollingInterval'],
  ['autoscaler', 'cooldownPeriod'],
  ['autoscaler', 'fallback'],
  ['autoscaler', 'trigger', 'threshold'],
  ['autoscaler', 'trigger', 'activationThreshold'],
  ['autoscaler', 'trigger', 'lagThreshold'],
  ['autoscaler', 'trigger', 'activationLagThreshold'],
  ['autoscaler', 'trigger', 'queueLength'],
  ['autoscaler', 'trigger', 'activationQueueLength'],
  ['triton', 'maxBatchSize'],
  ['triton', 'preferredBatchSizes'],
  ['triton', 'maxQueueDelayMicroseconds'],
  ['triton', 'instanceCount'],
  ['spot'],
  ['terminationGracePeriodSeconds'],
  ['coldStartBudgetSeconds'],
];

function fixable(path: FixPath): boolean {
  return FIXABLE_PLAN_FIELDS.some(
    prefix =>
      prefix.length <= path.length && prefix.every((p, i) => path[i] === p),
  );
}

function setAt(root: Record<string, unknown>, path: FixPath, to: unknown) {
  let node: Record<string, unknown> = root;
  path.slice(0, -1).forEach(key => {
    const next = node[key as string];
    if (typeof next !== 'object' || next === null) {
      node[key as string] = {};
    }
    node = node[key as string] as Record<string, unknown>;
  });
  const last = path[path.length - 1] as string;
  if (to === undefined) delete node[last];
  else node[last] = to;
}

/**
 * A plan with the changes applied and validated again with the plan schema.
 * A `FixError` (`invalid-plan-change`) names a field a fix may not change or
 * the rule the changed plan breaks; the given plan is not modified.
 */
export function applyPlanChanges(
  plan: ModelServicePlan,
  changes: PlanFieldChange[],
): ModelServicePlan {
  const copy = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
  for (const change of changes) {
    if (change.path.length === 0 || !fixable(change.path)) {
      throw new FixError({
        code: 'invalid-plan-change',
        message: `planChanges: ${
          formatPath(change.path) || '(empty path)'
        } is not a field a fix may change (scaling settings only: ${FIXABLE_PLAN_FIELDS.map(
          formatPath,
        ).join(', ')})`,
      });
    }
    setAt(copy, change.path, change.to);
  }
  const parsed = modelServicePlanSchema.safeParse(copy);
  if (!parsed.success) {
    throw new FixError({
      code: 'invalid-plan-change',
      message: `The changed plan is not valid: ${formatZodIssues(
        parsed.error,
        '',
        'plan',
      )}`,
    });
  }
  return parsed.data;
}
