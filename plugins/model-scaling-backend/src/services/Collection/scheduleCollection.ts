import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CollectionTask } from './CollectionTask';
import { COLLECTION_TASK_ID, CollectorView } from './CollectorView';

/** The id of each replica's local task that reloads its read cache when a round was stored. */
export const VIEW_REFRESH_TASK_ID = 'model-scaling-collector-view';

/** Seconds between two checks of the stored round by each replica's read cache. */
export function viewRefreshSeconds(intervalSeconds: number): number {
  return Math.min(5, Math.max(1, Math.round(intervalSeconds / 5)));
}

/**
 * Schedules the collection as a global task (the scheduler lets one replica
 * at a time claim it through the database; when that replica dies, another
 * claims it once the task is due, or after the lock timeout when it died
 * during a round) and each replica's read-cache refresh as a local task.
 */
export async function scheduleCollection(options: {
  scheduler: SchedulerService;
  collection: CollectionTask;
  view: CollectorView;
  intervalSeconds: number;
  taskTimeoutSeconds: number;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, collection, view, logger } = options;
  await scheduler.scheduleTask({
    id: COLLECTION_TASK_ID,
    scope: 'global',
    frequency: { seconds: options.intervalSeconds },
    timeout: { seconds: options.taskTimeoutSeconds },
    fn: signal => collection.run(signal),
  });
  await scheduler.scheduleTask({
    id: VIEW_REFRESH_TASK_ID,
    scope: 'local',
    frequency: { seconds: viewRefreshSeconds(options.intervalSeconds) },
    timeout: { seconds: 60 },
    fn: async () => {
      try {
        await view.refresh();
      } catch (error) {
        logger.warn('Could not read the collected data', {
          error: String(error),
        });
      }
    },
  });
}
