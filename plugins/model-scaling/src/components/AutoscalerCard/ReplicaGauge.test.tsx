import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReplicaGauge } from './ReplicaGauge';

describe('ReplicaGauge', () => {
  it('shows ready, current and desired against min and max', async () => {
    await renderInTestApp(
      <ReplicaGauge min={2} max={20} current={6} desired={7} ready={5} />,
    );
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute(
      'aria-label',
      '5 ready replicas, 7 desired, range 2 to 20',
    );
    // 5 of 20 ready → 25 %
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText(/autoscaler wants/)).toBeInTheDocument();
    expect(screen.getByText('min 2')).toBeInTheDocument();
    expect(screen.getByText('max 20')).toBeInTheDocument();
  });

  it('says when the autoscaler is capped at max', async () => {
    await renderInTestApp(
      <ReplicaGauge min={1} max={8} current={8} desired={8} ready={8} />,
    );
    expect(screen.getByText(/at max/)).toBeInTheDocument();
    expect(screen.queryByText(/autoscaler wants/)).not.toBeInTheDocument();
  });

  it('copes with a workload scaled to zero', async () => {
    await renderInTestApp(
      <ReplicaGauge min={0} max={10} current={0} desired={0} ready={0} />,
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '0',
    );
  });
});
