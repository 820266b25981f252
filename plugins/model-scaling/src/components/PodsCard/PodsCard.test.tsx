import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { textClassifierStatus } from '../../__fixtures__';
import { PodsCard } from './PodsCard';

describe('PodsCard', () => {
  it('lists pods with phase, readiness and restarts, the last scale time and recent rescale events', async () => {
    const workload = textClassifierStatus.workloads[0];
    await renderInTestApp(
      <PodsCard
        workload={workload}
        generatedAt={textClassifierStatus.generatedAt}
      />,
    );
    const pods = within(screen.getByRole('table', { name: 'Pods' }));
    expect(pods.getAllByRole('row')).toHaveLength(workload.pods.length + 1);
    expect(pods.getByText(workload.pods[0].name)).toBeInTheDocument();
    expect(
      screen.getByText('Last scale 90 s ago (11:58 UTC)'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Recent scaling events' }),
      ).getAllByRole('row').length,
    ).toBeGreaterThan(1);
  });
});
