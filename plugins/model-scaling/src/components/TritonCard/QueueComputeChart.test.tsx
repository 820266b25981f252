import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { QueueComputeChart } from './QueueComputeChart';

describe('QueueComputeChart', () => {
  it('stacks queue and compute time against the SLO', async () => {
    const { container } = await renderInTestApp(
      <QueueComputeChart queueUs={2400} computeUs={1490} sloMs={20} />,
    );
    expect(screen.getByRole('img')).toHaveAttribute(
      'aria-label',
      'Queue 2.4 ms, compute 1.5 ms, SLO 20 ms',
    );
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(
      2,
    );
    expect(screen.getByText('SLO')).toBeInTheDocument();
    expect(screen.getByText('queue')).toBeInTheDocument();
    expect(screen.getByText('compute')).toBeInTheDocument();
  });

  it('works without an SLO', async () => {
    await renderInTestApp(<QueueComputeChart queueUs={310} computeUs={540} />);
    expect(screen.getByRole('img')).toHaveAttribute(
      'aria-label',
      'Queue 310 µs, compute 540 µs',
    );
    expect(screen.queryByText('SLO')).not.toBeInTheDocument();
  });
});
