import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelScalingApiRef } from '../../api/ModelScalingApi';
import { mockModelScalingApi } from '../../__fixtures__/modelScalingApi';
import { clustersResponse, fleetPageResponse } from '../../__fixtures__';
import { FleetPageWithFixes } from './FleetPageWithFixes';
import { WAIT, scaleDownScaffolder } from './testing/FakeScaffolder';

jest.setTimeout(120_000);

const api = mockModelScalingApi({
  getFleetPage: jest.fn(async () => fleetPageResponse),
  getClusters: jest.fn(async () => clustersResponse),
});

describe('FleetPageWithFixes', () => {
  it('brings the selected drifted services to their presets, one change each, and clears the selection when closed', async () => {
    const scaffolder = scaleDownScaffolder(values => ({
      branch: `model-scaling/fix-${String(values.entityRef).split('/')[1]}`,
    }));
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [modelScalingApiRef, api],
          [scaffolderApiRef, scaffolder],
        ]}
      >
        <FleetPageWithFixes />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Select Text classifier' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Select Summarizer' }),
    );
    expect(screen.getByText('2 services selected')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Bring to preset (2)' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    const propose = await dialog.findByRole(
      'button',
      { name: 'Propose 2 changes' },
      WAIT,
    );
    await waitFor(() => expect(propose).toBeEnabled(), WAIT);
    // The drift no file change can fix is named and left out
    expect(
      dialog.getByText(
        /Not a file change \(left out\): triton\.summarizer-encoder\.dynamic_batching/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(propose);
    const summary = await dialog.findByTestId('preset-summary', {}, WAIT);
    expect(summary).toHaveTextContent('2 changes proposed.');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(
      expect.arrayContaining([
        'Text classifier: branch model-scaling/fix-text-classifier, commit 3f2a9c1',
        'Summarizer: branch model-scaling/fix-summarizer, commit 3f2a9c1',
      ]),
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByText('2 services selected')).not.toBeInTheDocument(),
    );
  });
});
