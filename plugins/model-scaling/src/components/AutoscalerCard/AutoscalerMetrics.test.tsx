import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { batchEmbedderStatus, textClassifierStatus } from '../../__fixtures__';
import { AutoscalerMetrics } from './AutoscalerMetrics';

describe('AutoscalerMetrics', () => {
  it('shows each metric current vs target with its state', async () => {
    await renderInTestApp(
      <AutoscalerMetrics
        metrics={textClassifierStatus.workloads[0].autoscaler.hpa!.metrics}
      />,
    );
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(3);
    const cpu = within(rows[1]);
    expect(cpu.getByText('cpu')).toBeInTheDocument();
    expect(cpu.getByText('81 %')).toBeInTheDocument();
    expect(cpu.getByText('70 %')).toBeInTheDocument();
    expect(cpu.getByText('above target: scaling up')).toBeInTheDocument();
    const memory = within(rows[2]);
    expect(memory.getByText('46 %')).toBeInTheDocument();
    expect(
      memory.getByText('below target: may scale down'),
    ).toBeInTheDocument();
  });

  it('flags a metric the autoscaler cannot read', async () => {
    await renderInTestApp(
      <AutoscalerMetrics
        metrics={batchEmbedderStatus.workloads[0].autoscaler.hpa!.metrics}
      />,
    );
    expect(screen.getByText('500 per pod')).toBeInTheDocument();
    expect(
      screen
        .getByText('missing: the autoscaler cannot read it')
        .closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status error');
  });

  it('explains an HPA without metrics', async () => {
    await renderInTestApp(<AutoscalerMetrics metrics={[]} />);
    expect(screen.getByText(/HPA default is CPU at 80 %/)).toBeInTheDocument();
  });
});
