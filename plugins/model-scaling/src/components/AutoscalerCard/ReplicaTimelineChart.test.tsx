import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { textClassifierStatus } from '../../__fixtures__';
import { ReplicaTimelineChart } from './ReplicaTimelineChart';

describe('ReplicaTimelineChart', () => {
  const workload = textClassifierStatus.workloads[0];

  it('draws a step line from the rescale events', async () => {
    const { container } = await renderInTestApp(
      <ReplicaTimelineChart
        events={workload.rescaleEvents}
        until={textClassifierStatus.generatedAt}
        current={workload.replicas.current}
        min={2}
        max={20}
      />,
    );
    expect(screen.getByRole('img')).toHaveAttribute(
      'aria-label',
      'Replica timeline with 6 steps',
    );
    expect(container.querySelector('.recharts-line-curve')).toBeInTheDocument();
    // One dot per step.
    expect(container.querySelectorAll('.recharts-line-dot')).toHaveLength(6);
    expect(screen.getByText('08:02')).toBeInTheDocument();
  });

  it('says so when there are no events', async () => {
    await renderInTestApp(
      <ReplicaTimelineChart
        events={[]}
        until="2026-11-28T12:00:00Z"
        current={2}
      />,
    );
    expect(screen.getByText(/No rescale events/)).toBeInTheDocument();
  });
});
