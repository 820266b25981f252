import { FixTaskOutcome } from './runFixTask';

/**
 * Where one change stands in a fix dialog: its dry run, its diff, its
 * proposal, what it proposed, or why it failed (with the dry run's preview
 * when the proposal failed).
 */
export type FixStage =
  | { phase: 'previewing' }
  | { phase: 'preview'; preview: FixTaskOutcome }
  | { phase: 'proposing'; preview: FixTaskOutcome }
  | { phase: 'proposed'; preview: FixTaskOutcome; outcome: FixTaskOutcome }
  | {
      phase: 'failed';
      stage: 'preview' | 'propose';
      /** The scaffolder task's error; `taskId` when the task ran. */
      error: Error & { taskId?: string };
      preview?: FixTaskOutcome;
    };

/** The dry run's outcome once there is one. */
export function previewOf(state: FixStage | undefined) {
  return state && state.phase !== 'previewing' ? state.preview : undefined;
}
