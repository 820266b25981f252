import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ClusterErrorsPanel } from './ClusterErrorsPanel';

describe('ClusterErrorsPanel', () => {
  it('renders nothing without errors', async () => {
    const { container } = await renderInTestApp(
      <ClusterErrorsPanel errors={[]} generatedAt="2026-11-28T12:00:00Z" />,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('says how old a stale cluster is', async () => {
    await renderInTestApp(
      <ClusterErrorsPanel
        generatedAt="2026-11-28T12:00:00Z"
        errors={[
          {
            cluster: 'gpu-west',
            message: 'watch of Pods failed: connect ECONNREFUSED 10.20.0.4:443',
            stale: true,
            staleSince: '2026-11-28T11:41:00Z',
          },
        ]}
      />,
    );
    expect(
      screen.getByText('Warning: Cluster gpu-west: showing cached data'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /data shown is cached, last in sync 19 min ago\. watch of Pods failed/,
      ),
    ).toBeInTheDocument();
  });

  it('lists several clusters, stale or not', async () => {
    await renderInTestApp(
      <ClusterErrorsPanel
        generatedAt="2026-11-28T12:00:00Z"
        errors={[
          { cluster: 'a', message: 'Unauthorized (401)', stale: false },
          {
            cluster: 'b',
            message: 'timeout',
            stale: true,
            staleSince: '2026-11-28T10:00:00Z',
          },
        ]}
      />,
    );
    expect(
      screen.getByText('Warning: 2 clusters could not be read'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /no data from this cluster is shown\. Unauthorized \(401\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/last in sync 2 h ago/)).toBeInTheDocument();
  });
});
