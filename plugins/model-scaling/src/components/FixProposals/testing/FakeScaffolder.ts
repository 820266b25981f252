import type {
  LogEvent,
  ScaffolderApi,
  ScaffolderScaffoldOptions,
  ScaffolderTask,
} from '@backstage/plugin-scaffolder-react';
import type {
  FixIntent,
  FixProposalResult,
} from '@internal/plugin-model-scaling-common';
import { FIX_TEMPLATE_REF } from '../fixTemplate';

/** How the fake scaffolder ends a task: the action's output, or its error. */
export type FakeTaskEnd =
  | { output: Record<string, unknown> }
  | { error: string };

type Observer = {
  next?(event: LogEvent): void;
  error?(e: unknown): void;
  complete?(): void;
};

/**
 * A scaffolder that records the tasks it is asked to run and ends each as
 * `decide` says, with the events the real backend sends (a log line, then a
 * completion whose body carries the output or the error), replayed to every
 * subscriber as the real event stream does.
 */
export class FakeScaffolder
  implements Pick<ScaffolderApi, 'scaffold' | 'streamLogs' | 'listTasks'>
{
  readonly requests: ScaffolderScaffoldOptions[] = [];
  readonly tasks: (ScaffolderTask & { events: LogEvent[] })[] = [];
  private next = 1;

  constructor(
    private readonly decide: (values: Record<string, unknown>) => FakeTaskEnd,
  ) {}

  async scaffold(request: ScaffolderScaffoldOptions) {
    this.requests.push(request);
    const taskId = `task-${this.next++}`;
    const end = this.decide(request.values as Record<string, unknown>);
    this.record(taskId, request, end, new Date().toISOString());
    return { taskId };
  }

  /** Adds a finished task as if it had run earlier. */
  record(
    taskId: string,
    request: ScaffolderScaffoldOptions,
    end: FakeTaskEnd,
    createdAt: string,
  ) {
    const failed = 'error' in end;
    const events: LogEvent[] = [
      {
        id: 1,
        taskId,
        type: 'log',
        createdAt,
        body: { message: 'Beginning step Propose fixes', stepId: 'propose' },
      },
      {
        id: 2,
        taskId,
        type: 'completion',
        createdAt,
        body: failed
          ? ({
              message: 'Run completed with status: failed',
              error: { name: 'InputError', message: end.error },
            } as LogEvent['body'])
          : ({
              message: 'Run completed with status: completed',
              output: end.output,
            } as LogEvent['body']),
      },
    ];
    this.tasks.unshift({
      id: taskId,
      createdAt,
      status: failed ? 'failed' : 'completed',
      spec: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        steps: [],
        output: {},
        parameters: request.values,
        templateInfo: { entityRef: request.templateRef },
      } as unknown as ScaffolderTask['spec'],
      events,
    });
  }

  streamLogs({ taskId }: { taskId: string }) {
    const task = this.tasks.find(t => t.id === taskId);
    const observable = {
      subscribe: (observer: Observer) => {
        let closed = false;
        const subscription = {
          get closed() {
            return closed;
          },
          unsubscribe() {
            closed = true;
          },
        };
        Promise.resolve().then(() => {
          if (!task) {
            observer.error?.(new Error(`no task ${taskId}`));
            return;
          }
          for (const event of task.events) {
            if (closed) return;
            observer.next?.(event);
          }
          if (!closed) observer.complete?.();
        });
        return subscription;
      },
    };
    return observable as unknown as ReturnType<ScaffolderApi['streamLogs']>;
  }

  async listTasks() {
    return {
      tasks: this.tasks.map(({ events: _events, ...task }) => task),
      totalTasks: this.tasks.length,
    };
  }
}

/** A fix as a finding carries it. */
export const scaleDownFix: FixIntent = {
  id: 'default-scale-down-window:HorizontalPodAutoscaler/text-classifier',
  title: 'Set the scale-down stabilization window to 60 s',
  source: {
    kind: 'finding',
    id: 'default-scale-down-window',
    subject: 'HorizontalPodAutoscaler/text-classifier',
  },
  planChanges: [
    { path: ['autoscaling', 'scaleDownStabilizationWindowSeconds'], to: 60 },
  ],
};

/** The action's result for {@link scaleDownFix}, dry run or committed. */
export function scaleDownResult(dryRun: boolean): FixProposalResult {
  return {
    dryRun,
    diff: [
      '--- a/k8s/hpa.yaml',
      '+++ b/k8s/hpa.yaml',
      '@@ -12,3 +12,3 @@',
      '   behavior:',
      '     scaleDown:',
      '-      stabilizationWindowSeconds: 300',
      '+      stabilizationWindowSeconds: 60',
      '',
    ].join('\n'),
    files: ['k8s/hpa.yaml'],
    fixes: [
      {
        ...scaleDownFix,
        edits: [
          {
            file: 'k8s/hpa.yaml',
            format: 'yaml',
            document: {
              kind: 'HorizontalPodAutoscaler',
              name: 'text-classifier',
            },
            path: [
              'spec',
              'behavior',
              'scaleDown',
              'stabilizationWindowSeconds',
            ],
            from: 300,
            to: 60,
            reason: 'Set the scale-down stabilization window to 60 s',
          },
        ],
      },
    ],
    alreadyApplied: [],
    ...(dryRun
      ? {}
      : {
          branch: 'model-scaling/fix-3f2a9c1',
          commit: '3f2a9c1d4e5f60718293a4b5c6d7e8f901234567',
        }),
  };
}

/**
 * A scaffolder whose every task ends with {@link scaleDownResult}: a dry
 * run, or on the real run the committed change plus `whenProposed(values)`
 * (a pull request, a branch per service).
 */
export function scaleDownScaffolder(
  whenProposed?: (values: Record<string, unknown>) => Record<string, unknown>,
): FakeScaffolder {
  return new FakeScaffolder(values => ({
    output: {
      ...scaleDownResult(values.dryRun === true),
      ...(values.dryRun || !whenProposed ? {} : whenProposed(values)),
    },
  }));
}

/** How long a test waits for a dialog step: several async steps on a machine that may be busy. */
export const WAIT = { timeout: 30_000 };

/** The template request the pages send for an entity. */
export function fixRequest(
  entityRef: string,
  values: Record<string, unknown>,
): ScaffolderScaffoldOptions {
  return {
    templateRef: FIX_TEMPLATE_REF,
    values: { entityRef, ...values } as ScaffolderScaffoldOptions['values'],
  };
}
