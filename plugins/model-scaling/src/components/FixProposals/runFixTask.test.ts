import { FIX_TEMPLATE_REF } from './fixTemplate';
import { FixTaskError, runFixTask } from './runFixTask';
import {
  FakeScaffolder,
  scaleDownFix,
  scaleDownResult,
} from './testing/FakeScaffolder';

const entityRef = 'component:default/text-classifier';

describe('runFixTask', () => {
  it('runs "Apply scaling fixes" with the fixes and returns the dry-run diff', async () => {
    const scaffolder = new FakeScaffolder(values => ({
      output: scaleDownResult(values.dryRun === true) as any,
    }));
    const outcome = await runFixTask(scaffolder, {
      entityRef,
      fixes: [scaleDownFix],
      dryRun: true,
    });
    expect(scaffolder.requests).toEqual([
      {
        templateRef: FIX_TEMPLATE_REF,
        values: { entityRef, dryRun: true, fixes: [scaleDownFix] },
      },
    ]);
    expect(outcome.taskId).toBe('task-1');
    expect(outcome.result.dryRun).toBe(true);
    expect(outcome.result.diff).toContain(
      '+      stabilizationWindowSeconds: 60',
    );
    expect(outcome.result.branch).toBeUndefined();
  });

  it("gives the action's own message when the task fails", async () => {
    const scaffolder = new FakeScaffolder(() => ({
      error:
        'The repository changed since the fix was computed; nothing was written. k8s/hpa.yaml HorizontalPodAutoscaler/text-classifier spec.behavior.scaleDown.stabilizationWindowSeconds: expected 300, found 120',
    }));
    const run = runFixTask(scaffolder, {
      entityRef,
      fixes: [scaleDownFix],
      dryRun: false,
    });
    await expect(run).rejects.toThrow(FixTaskError);
    await expect(run).rejects.toThrow(/expected 300, found 120/);
    await expect(run).rejects.toMatchObject({ taskId: 'task-1' });
  });

  it('says so when the scaffolder refuses to start the task', async () => {
    const scaffolder = new FakeScaffolder(() => ({ output: {} }));
    scaffolder.scaffold = async () => {
      throw new Error('Backend request failed, 404 Template not found');
    };
    await expect(
      runFixTask(scaffolder, {
        entityRef,
        fixes: [scaleDownFix],
        dryRun: true,
      }),
    ).rejects.toThrow(
      'The scaffolder did not start "Apply scaling fixes": Backend request failed, 404 Template not found',
    );
  });

  it('never takes an output of another shape for a result', async () => {
    const scaffolder = new FakeScaffolder(() => ({
      output: { links: [{ url: 'https://example.com' }] },
    }));
    await expect(
      runFixTask(scaffolder, {
        entityRef,
        fixes: [scaleDownFix],
        dryRun: false,
      }),
    ).rejects.toThrow(/unexpected output: field "dryRun"/);
  });

  it('stops waiting when aborted', async () => {
    const scaffolder = new FakeScaffolder(() => ({ output: {} }));
    scaffolder.streamLogs = () =>
      ({
        subscribe: () => ({ unsubscribe() {}, closed: false }),
      } as any);
    const controller = new AbortController();
    const run = runFixTask(
      scaffolder,
      { entityRef, fixes: [scaleDownFix], dryRun: true },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(run).rejects.toThrow('Stopped waiting for the task.');
  });
});
