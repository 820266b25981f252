import { permissionApiRef } from '@backstage/plugin-permission-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { imageClassifierStatus } from '../../__fixtures__';
import { BatchingAdvice } from '../BatchingAdvice/BatchingAdvice';
import { FixProposalsProvider } from './FixProposalsContext';
import { WAIT, scaleDownScaffolder } from './testing/FakeScaffolder';

// Several dialogs and tasks per test on a machine that may be busy.
jest.setTimeout(120_000);

describe('AdviceFix under the batching advice', () => {
  it('proposes the advised dynamic_batching as a change of the plan, shown with its diff first', async () => {
    const scaffolder = scaleDownScaffolder();
    const workload = imageClassifierStatus.workloads[0];
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [scaffolderApiRef, scaffolder],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <FixProposalsProvider
          entityRef="component:default/image-classifier"
          pattern="realtime-gpu"
          latencySloMs={20}
        >
          <BatchingAdvice
            model={workload.triton!.models[0]}
            sloMs={20}
            replicas={4}
          />
        </FixProposalsProvider>
      </TestApiProvider>,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Advise for 371 req/s' }),
    );
    const section = within(
      screen.getByRole('region', { name: 'Batching advice for resnet50' }),
    );
    const advised = section
      .getByRole('table', { name: 'Batching options for resnet50' })
      .querySelector('tr.Mui-selected')!.textContent!;
    const [, sizes, delayMs] =
      /preferred ([\d, ]+), queue delay ([\d.]+) ms/.exec(advised)!;

    const button = section.getByRole('button', { name: 'Propose this fix' });
    await waitFor(() => expect(button).toBeEnabled(), WAIT);
    await userEvent.click(button);
    await screen.findByTestId('fix-diff', {}, WAIT);
    const sent = scaffolder.requests[0].values as any;
    expect(sent.dryRun).toBe(true);
    expect(sent.entityRef).toBe('component:default/image-classifier');
    expect(sent.fixes).toHaveLength(1);
    expect(sent.fixes[0]).toMatchObject({
      id: 'batching-advice:TritonModel/resnet50',
      source: { kind: 'advice', id: 'batching-advice' },
    });
    // The plan gets exactly what the advisor shows as advised
    expect(sent.fixes[0].planChanges).toEqual([
      {
        path: ['triton', 'preferredBatchSizes'],
        to: sizes.split(', ').map(Number),
      },
      {
        path: ['triton', 'maxQueueDelayMicroseconds'],
        to: Math.round(Number(delayMs) * 1000),
      },
    ]);
  });
});
