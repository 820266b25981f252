import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ModelServiceIndex } from './ModelServiceIndex';

/** The id of each replica's local task that refreshes its model service index. */
export const ENTITY_INDEX_TASK_ID = 'model-scaling-entity-index';

/**
 * Refreshes the model service index at once and then every `intervalSeconds`
 * (30 by default), on every replica (a local task: each replica serves from
 * its own index).
 */
export async function scheduleEntityIndex(options: {
  scheduler: SchedulerService;
  index: ModelServiceIndex;
  logger: LoggerService;
  intervalSeconds?: number;
}): Promise<void> {
  const { scheduler, index, logger } = options;
  await scheduler.scheduleTask({
    id: ENTITY_INDEX_TASK_ID,
    scope: 'local',
    frequency: { seconds: options.intervalSeconds ?? 30 },
    timeout: { seconds: 120 },
    fn: async () => {
      try {
        await index.refresh();
      } catch (error) {
        // The index keeps its entities; misses are still looked up one by one.
        logger.warn('Could not refresh the model service index', {
          error: String(error),
        });
      }
    },
  });
}
