import { FIX_TEMPLATE_REF } from './fixTemplate';
import { listFixProposals, proposalFor } from './listFixProposals';
import {
  FakeScaffolder,
  fixRequest,
  scaleDownFix,
  scaleDownResult,
} from './testing/FakeScaffolder';

const entityRef = 'component:default/text-classifier';

function scaffolderWithHistory() {
  const scaffolder = new FakeScaffolder(() => ({ output: {} }));
  const committed = { output: scaleDownResult(false) as any };
  // oldest first; record() puts the newest first as the task list does
  scaffolder.record(
    'old-proposal',
    fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: false }),
    {
      output: {
        ...scaleDownResult(false),
        branch: 'model-scaling/fix-old',
      } as any,
    },
    '2026-12-01T10:00:00Z',
  );
  scaffolder.record(
    'dry-run',
    fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: true }),
    { output: scaleDownResult(true) as any },
    '2026-12-02T09:00:00Z',
  );
  scaffolder.record(
    'failed',
    fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: false }),
    { error: 'conflict' },
    '2026-12-02T09:30:00Z',
  );
  scaffolder.record(
    'other-entity',
    fixRequest('component:default/summarizer', {
      fixes: [scaleDownFix],
      dryRun: false,
    }),
    committed,
    '2026-12-02T09:40:00Z',
  );
  scaffolder.record(
    'other-template',
    {
      templateRef: 'template:default/model-service',
      values: { entityRef, fixes: [scaleDownFix] } as any,
    },
    committed,
    '2026-12-02T09:45:00Z',
  );
  scaffolder.record(
    'newest-proposal',
    fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: false }),
    committed,
    '2026-12-02T10:00:00Z',
  );
  return scaffolder;
}

describe('listFixProposals', () => {
  it('finds the committed proposals of the entity, newest per fix, from the task list and outputs', async () => {
    const scaffolder = scaffolderWithHistory();
    const proposals = await listFixProposals(scaffolder, entityRef);
    expect(proposals.map(p => p.taskId)).toEqual(['newest-proposal']);
    const proposal = proposalFor(proposals, scaleDownFix.id)!;
    expect(proposal.createdAt).toBe('2026-12-02T10:00:00Z');
    expect(proposal.result.branch).toBe('model-scaling/fix-3f2a9c1');
    expect(proposal.result.commit).toMatch(/^3f2a9c1/);
    expect(proposalFor(proposals, 'another-fix')).toBeUndefined();
  });

  it('never claims a dry run, a failed task or an output without a commit as a proposal', async () => {
    const scaffolder = new FakeScaffolder(() => ({ output: {} }));
    scaffolder.record(
      'dry',
      fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: true }),
      { output: scaleDownResult(true) as any },
      '2026-12-02T09:00:00Z',
    );
    scaffolder.record(
      'no-commit',
      fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: false }),
      { output: { ...scaleDownResult(true), dryRun: false } as any },
      '2026-12-02T09:10:00Z',
    );
    scaffolder.record(
      'bad-output',
      fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: false }),
      { output: { links: [] } },
      '2026-12-02T09:20:00Z',
    );
    scaffolder.record(
      'failed',
      fixRequest(entityRef, { fixes: [scaleDownFix], dryRun: false }),
      { error: 'The entity has no backstage.io/source-location' },
      '2026-12-02T09:30:00Z',
    );
    await expect(listFixProposals(scaffolder, entityRef)).resolves.toEqual([]);
  });

  it('matches the entity ref without regard to case and reads fix ids from fixIds too', async () => {
    const scaffolder = new FakeScaffolder(() => ({ output: {} }));
    scaffolder.record(
      'by-id',
      {
        templateRef: FIX_TEMPLATE_REF,
        values: {
          entityRef: 'Component:default/Text-Classifier',
          fixIds: ['preset:realtime-cpu'],
          dryRun: false,
        },
      },
      {
        output: { ...scaleDownResult(false), fixes: [] } as any,
      },
      '2026-12-02T09:00:00Z',
    );
    const proposals = await listFixProposals(scaffolder, entityRef);
    expect(proposals.map(p => p.fixIds)).toEqual([['preset:realtime-cpu']]);
  });

  it('asks the scaffolder for the newest tasks of everyone', async () => {
    const scaffolder = scaffolderWithHistory();
    const listTasks = jest.spyOn(scaffolder, 'listTasks');
    await listFixProposals(scaffolder, entityRef, { limit: 50 });
    expect(listTasks).toHaveBeenCalledWith({
      filterByOwnership: 'all',
      limit: 50,
    });
  });
});
