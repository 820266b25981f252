import { configApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { Finding } from '@internal/plugin-model-scaling-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FindingsCard } from '../FindingsCard/FindingsCard';
import { FixProposalsProvider } from './FixProposalsContext';
import {
  FakeScaffolder,
  WAIT,
  fixRequest,
  scaleDownResult,
  scaleDownScaffolder,
} from './testing/FakeScaffolder';

const entityRef = 'component:default/text-classifier';
// Several dialogs and tasks per test on a machine that may be busy.
jest.setTimeout(120_000);

const windowFinding: Finding = {
  id: 'default-scale-down-window',
  severity: 'warning',
  title: 'Scale-down waits the default 300 s',
  evidence: 'no behavior.scaleDown.stabilizationWindowSeconds',
  fix: 'Set spec.behavior.scaleDown.stabilizationWindowSeconds explicitly.',
  subject: 'HorizontalPodAutoscaler/text-classifier',
};
const pendingFinding: Finding = {
  id: 'pods-pending-while-scaling',
  severity: 'error',
  title: '2 pods Pending while the autoscaler wants more',
  evidence: '0/7 nodes are available',
  fix: 'Add node capacity.',
  subject: 'Deployment/text-classifier',
};
const windowFixId =
  'default-scale-down-window:HorizontalPodAutoscaler/text-classifier';

function renderCard(options: {
  scaffolder?: FakeScaffolder;
  allow?: boolean;
  entity?: string;
}) {
  const { scaffolder, allow = true, entity = entityRef } = options;
  const apis: [any, any][] = [
    [configApiRef, mockApis.config()],
    [
      permissionApiRef,
      mockApis.permission({
        authorize: request =>
          (request.permission.name === 'model-scaling.fix.propose' && !allow
            ? 'DENY'
            : 'ALLOW') as any,
      }),
    ],
  ];
  if (scaffolder) apis.push([scaffolderApiRef, scaffolder]);
  return renderInTestApp(
    <TestApiProvider apis={apis}>
      <FixProposalsProvider entityRef={entity} pattern="realtime-cpu">
        <FindingsCard findings={[pendingFinding, windowFinding]} />
      </FixProposalsProvider>
    </TestApiProvider>,
  );
}

function article(title: string) {
  return screen.getByRole('article', { name: title });
}

describe('FindingFix in the findings card', () => {
  it('offers "Propose this fix" only on findings whose fix is a file change, with the preset value of the pattern', async () => {
    const scaffolder = scaleDownScaffolder();
    await renderCard({ scaffolder });
    const fixable = within(article(windowFinding.title));
    const button = await fixable.findByRole(
      'button',
      { name: 'Propose this fix' },
      WAIT,
    );
    expect(
      within(article(pendingFinding.title)).queryByRole('button', {
        name: 'Propose this fix',
      }),
    ).not.toBeInTheDocument();

    await waitFor(() => expect(button).toBeEnabled(), WAIT);
    await userEvent.click(button);
    await screen.findByTestId('fix-diff', {}, WAIT);
    // The dry run carries the fix the finding computed: the realtime-cpu preset's window
    expect(scaffolder.requests[0].values).toEqual({
      entityRef,
      dryRun: true,
      fixes: [
        expect.objectContaining({
          id: windowFixId,
          planChanges: [
            {
              path: [
                'autoscaler',
                'behavior',
                'scaleDownStabilizationWindowSeconds',
              ],
              to: expect.any(Number),
            },
          ],
        }),
      ],
    });
  });

  it('links the proposal on the finding once proposed', async () => {
    const scaffolder = new FakeScaffolder(values => ({
      output: {
        ...scaleDownResult(values.dryRun === true),
        fixes: [{ ...scaleDownResult(true).fixes[0], id: windowFixId }],
      } as any,
    }));
    await renderCard({ scaffolder });
    const fixable = within(article(windowFinding.title));
    const button = await fixable.findByRole(
      'button',
      { name: 'Propose this fix' },
      WAIT,
    );
    await waitFor(() => expect(button).toBeEnabled(), WAIT);
    await userEvent.click(button);
    await screen.findByTestId('fix-diff', {}, WAIT);
    await userEvent.click(screen.getByRole('button', { name: 'Propose' }));
    await screen.findByTestId('fix-proposed', {}, WAIT);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    const link = await fixable.findByTestId(
      'fix-proposed-for-finding',
      {},
      WAIT,
    );
    expect(link).toHaveTextContent(
      'Fix proposed: branch model-scaling/fix-3f2a9c1, commit 3f2a9c1, just now',
    );
  });

  it('shows a change proposed earlier, read from the scaffolder task list', async () => {
    const scaffolder = new FakeScaffolder(() => ({ output: {} }));
    const createdAt = new Date(Date.now() - 2 * 3600_000).toISOString();
    scaffolder.record(
      'earlier',
      fixRequest(entityRef, {
        fixes: [{ id: windowFixId }],
        dryRun: false,
      }),
      {
        output: {
          ...scaleDownResult(false),
          fixes: [{ ...scaleDownResult(false).fixes[0], id: windowFixId }],
        } as any,
      },
      createdAt,
    );
    await renderCard({ scaffolder });
    const link = await within(article(windowFinding.title)).findByTestId(
      'fix-proposed-for-finding',
      {},
      WAIT,
    );
    expect(link).toHaveTextContent(
      'Fix proposed: branch model-scaling/fix-3f2a9c1, commit 3f2a9c1, 2 h ago',
    );
    expect(
      within(article(pendingFinding.title)).queryByTestId(
        'fix-proposed-for-finding',
      ),
    ).not.toBeInTheDocument();
  });

  it('disables the button with the reason when model-scaling.fix.propose is denied, and sends nothing', async () => {
    const scaffolder = new FakeScaffolder(() => ({ output: {} }));
    // usePermission caches decisions per entity: another entity than the allowed ones above
    await renderCard({
      scaffolder,
      allow: false,
      entity: 'component:default/denied-service',
    });
    const fixable = within(article(windowFinding.title));
    await fixable.findByText(
      /You may not propose fixes for this service/,
      {},
      WAIT,
    );
    expect(
      fixable.getByRole('button', { name: 'Propose this fix' }),
    ).toBeDisabled();
    expect(scaffolder.requests).toEqual([]);
  });

  it('offers nothing to propose in an app without the scaffolder', async () => {
    await renderCard({});
    expect(screen.getByText(windowFinding.title)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Propose this fix' }),
    ).not.toBeInTheDocument();
  });
});
