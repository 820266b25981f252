import type {
  ScaffolderApi,
  ScaffolderTask,
} from '@backstage/plugin-scaffolder-react';
import type { FixProposalResult } from '@internal/plugin-model-scaling-common';
import { FIX_TEMPLATE_REF } from './fixTemplate';
import { fixOutcomeOf, waitForTaskCompletion } from './runFixTask';

/** A change proposed for a service: one finished, non-dry-run "Apply scaling fixes" task. */
export interface FixProposal {
  taskId: string;
  /** When the task was created (ISO-8601). */
  createdAt: string;
  /** Ids of the fixes the task applied. */
  fixIds: string[];
  result: FixProposalResult;
}

/** How many of the newest scaffolder tasks are searched for proposals. */
export const PROPOSAL_TASK_LIMIT = 200;

function parametersOf(task: ScaffolderTask): Record<string, unknown> {
  const parameters = (task.spec as { parameters?: unknown }).parameters;
  return parameters && typeof parameters === 'object'
    ? (parameters as Record<string, unknown>)
    : {};
}

/** Whether a task is a finished proposal (not a dry run) of "Apply scaling fixes" for the entity. */
export function isProposalTaskFor(
  task: ScaffolderTask,
  entityRef: string,
): boolean {
  const parameters = parametersOf(task);
  return (
    task.status === 'completed' &&
    task.spec.templateInfo?.entityRef === FIX_TEMPLATE_REF &&
    typeof parameters.entityRef === 'string' &&
    parameters.entityRef.toLocaleLowerCase('en-US') ===
      entityRef.toLocaleLowerCase('en-US') &&
    parameters.dryRun !== true
  );
}

/** The fix ids a task was asked for (`fixes[].id` and `fixIds`). */
export function requestedFixIds(task: ScaffolderTask): string[] {
  const parameters = parametersOf(task);
  const ids = new Set<string>();
  if (Array.isArray(parameters.fixes)) {
    for (const fix of parameters.fixes) {
      const id = (fix as { id?: unknown } | null)?.id;
      if (typeof id === 'string') ids.add(id);
    }
  }
  if (Array.isArray(parameters.fixIds)) {
    for (const id of parameters.fixIds) {
      if (typeof id === 'string') ids.add(id);
    }
  }
  return [...ids];
}

/**
 * The changes proposed for one service, newest first, read from the
 * scaffolder's own task list (the tasks of "Apply scaling fixes" for the
 * entity that completed and were not dry runs) and each task's output. Only
 * the newest proposal per fix is read, so a page costs one list request and
 * one event request per fix that was ever proposed.
 */
export async function listFixProposals(
  api: Pick<ScaffolderApi, 'listTasks' | 'streamLogs'>,
  entityRef: string,
  options: { signal?: AbortSignal; limit?: number } = {},
): Promise<FixProposal[]> {
  const { tasks } = await api.listTasks({
    filterByOwnership: 'all',
    limit: options.limit ?? PROPOSAL_TASK_LIMIT,
  });
  const candidates = tasks
    .filter(t => isProposalTaskFor(t, entityRef))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const seen = new Set<string>();
  const newest = candidates.filter(task => {
    const ids = requestedFixIds(task);
    const isNew = ids.some(id => !seen.has(id));
    ids.forEach(id => seen.add(id));
    return isNew;
  });
  const proposals = await Promise.all(
    newest.map(async task => {
      try {
        const body = await waitForTaskCompletion(api, task.id, options);
        const { result } = fixOutcomeOf(task.id, body);
        const fixIds = result.fixes.map(f => f.id);
        return {
          taskId: task.id,
          createdAt: task.createdAt,
          fixIds: fixIds.length > 0 ? fixIds : requestedFixIds(task),
          result,
        };
      } catch {
        // A task whose output cannot be read is not claimed as a proposal.
        return undefined;
      }
    }),
  );
  // Only a task that committed or opened a pull request proposed a change.
  return proposals.filter(
    (p): p is FixProposal =>
      p !== undefined &&
      !p.result.dryRun &&
      (p.result.commit !== undefined || p.result.pullRequestUrl !== undefined),
  );
}

/** The newest proposal that applied the fix, if any. */
export function proposalFor(
  proposals: FixProposal[],
  fixId: string,
): FixProposal | undefined {
  return proposals.find(p => p.fixIds.includes(fixId));
}
