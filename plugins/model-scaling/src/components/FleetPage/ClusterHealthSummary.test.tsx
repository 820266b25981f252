import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clustersResponse } from '../../__fixtures__';
import { ClusterHealthSummary } from './ClusterHealthSummary';

describe('ClusterHealthSummary', () => {
  it('shows a synced cluster with details on hover', async () => {
    await renderInTestApp(
      <ClusterHealthSummary clusters={clustersResponse.clusters} />,
    );
    expect(
      screen.getByText('demo: in sync').closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status ok');
    await userEvent.hover(screen.getByText('demo: in sync'));
    expect(
      await screen.findByText(/http:\/\/127.0.0.1:7480 · KEDA installed/),
    ).toBeInTheDocument();
  });

  it('shows stale and syncing clusters', async () => {
    await renderInTestApp(
      <ClusterHealthSummary
        clusters={[
          {
            ...clustersResponse.clusters[0],
            name: 'west',
            stale: true,
            lastError: 'ECONNREFUSED',
          },
          { ...clustersResponse.clusters[0], name: 'east', synced: false },
        ]}
      />,
    );
    expect(screen.getByText('west: stale')).toBeInTheDocument();
    expect(screen.getByText('east: syncing')).toBeInTheDocument();
  });

  it('warns when no cluster is configured', async () => {
    await renderInTestApp(<ClusterHealthSummary clusters={[]} />);
    expect(screen.getByText(/No cluster configured/)).toBeInTheDocument();
  });
});
