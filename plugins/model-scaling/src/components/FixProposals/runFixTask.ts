import type {
  LogEvent,
  ScaffolderApi,
} from '@backstage/plugin-scaffolder-react';
import type { FixProposalResult } from '@internal/plugin-model-scaling-common';
import {
  FIX_TEMPLATE_REF,
  FixTaskRequest,
  fixTaskValues,
  parseFixProposalResult,
} from './fixTemplate';

/** A finished "Apply scaling fixes" task. */
export interface FixTaskOutcome {
  taskId: string;
  result: FixProposalResult;
}

/**
 * Why a fix task did not give a result: the action's own message (a
 * conflicting edit, no source location, no SCM integration, permission
 * denied, ...), with the task to open for its log.
 */
export class FixTaskError extends Error {
  readonly taskId?: string;
  constructor(message: string, taskId?: string) {
    super(message);
    this.name = 'FixTaskError';
    this.taskId = taskId;
  }
}

interface CompletionBody {
  message: string;
  status?: string;
  output?: unknown;
  error?: { name?: string; message?: string };
}

/**
 * Waits for the completion event of a scaffolder task (the event stream
 * replays a finished task's events, so a task that ended before this is
 * called still completes here) and returns its body.
 */
export function waitForTaskCompletion(
  api: Pick<ScaffolderApi, 'streamLogs'>,
  taskId: string,
  options: { signal?: AbortSignal } = {},
): Promise<CompletionBody> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new FixTaskError('Stopped waiting for the task.', taskId));
      return;
    }
    const subscription = api.streamLogs({ taskId }).subscribe({
      next(event: LogEvent) {
        if (event.type === 'completion') {
          subscription.unsubscribe();
          resolve(event.body as CompletionBody);
        } else if (event.type === 'cancelled') {
          subscription.unsubscribe();
          reject(new FixTaskError('The task was cancelled.', taskId));
        }
      },
      error(error: unknown) {
        reject(
          new FixTaskError(
            `Lost the task's event stream: ${
              error instanceof Error ? error.message : String(error)
            }`,
            taskId,
          ),
        );
      },
    });
    options.signal?.addEventListener('abort', () => {
      subscription.unsubscribe();
      reject(new FixTaskError('Stopped waiting for the task.', taskId));
    });
  });
}

/** The result of a finished task, or its failure as a {@link FixTaskError}. */
export function fixOutcomeOf(
  taskId: string,
  body: CompletionBody,
): FixTaskOutcome {
  if (body.error || body.status === 'failed' || body.output === undefined) {
    throw new FixTaskError(
      body.error?.message ?? body.message ?? 'The task failed.',
      taskId,
    );
  }
  try {
    return { taskId, result: parseFixProposalResult(body.output) };
  } catch (e) {
    throw new FixTaskError((e as Error).message, taskId);
  }
}

/**
 * Runs the "Apply scaling fixes" template for one service through the
 * scaffolder (so the action runs with the user's credentials and its
 * permission check, and the task is recorded with its log) and waits for
 * its result: the diff on a dry run, the branch, commit or pull request
 * otherwise.
 */
export async function runFixTask(
  api: Pick<ScaffolderApi, 'scaffold' | 'streamLogs'>,
  request: FixTaskRequest,
  options: { signal?: AbortSignal } = {},
): Promise<FixTaskOutcome> {
  let taskId: string;
  try {
    ({ taskId } = await api.scaffold({
      templateRef: FIX_TEMPLATE_REF,
      values: fixTaskValues(request),
    }));
  } catch (e) {
    throw new FixTaskError(
      `The scaffolder did not start "Apply scaling fixes": ${
        (e as Error).message
      }`,
    );
  }
  const body = await waitForTaskCompletion(api, taskId, options);
  return fixOutcomeOf(taskId, body);
}
