import type { ScaffolderApi } from '@backstage/plugin-scaffolder-react';
import type { FixIntent } from '@internal/plugin-model-scaling-common';
import { FixTaskOutcome, runFixTask } from './runFixTask';

/** One service's request in a batch. */
export interface FixTaskItem {
  entityRef: string;
  fixes: FixIntent[];
}

/** One service's answer in a batch: its outcome, or its own error. */
export type FixTaskSettled =
  | { entityRef: string; outcome: FixTaskOutcome; error?: undefined }
  | { entityRef: string; outcome?: undefined; error: Error };

/**
 * Runs "Apply scaling fixes" once per service, a few at a time, and reports
 * each service as it ends. One service's failure is its own answer: it never
 * stops or hides the others.
 */
export async function runFixTasks(
  api: Pick<ScaffolderApi, 'scaffold' | 'streamLogs'>,
  items: FixTaskItem[],
  options: {
    dryRun: boolean;
    concurrency?: number;
    signal?: AbortSignal;
    onSettled?(settled: FixTaskSettled): void;
  },
): Promise<FixTaskSettled[]> {
  const results: FixTaskSettled[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !options.signal?.aborted) {
      const index = next++;
      const item = items[index];
      let settled: FixTaskSettled;
      try {
        const outcome = await runFixTask(
          api,
          {
            entityRef: item.entityRef,
            fixes: item.fixes,
            dryRun: options.dryRun,
          },
          { signal: options.signal },
        );
        settled = { entityRef: item.entityRef, outcome };
      } catch (e) {
        settled = { entityRef: item.entityRef, error: e as Error };
      }
      results[index] = settled;
      options.onSettled?.(settled);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 2, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results.filter(Boolean);
}
