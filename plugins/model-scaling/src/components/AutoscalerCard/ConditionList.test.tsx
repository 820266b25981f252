import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { batchEmbedderStatus } from '../../__fixtures__';
import { ConditionList } from './ConditionList';

describe('ConditionList', () => {
  const hpa = batchEmbedderStatus.workloads[0].autoscaler.hpa!;

  it('shows each condition in plain words with its health', async () => {
    await renderInTestApp(<ConditionList conditions={hpa.conditions} />);
    expect(
      screen
        .getByText(
          'Metric missing: the HPA cannot read the Kafka lag, so it does not scale.',
        )
        .closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status error');
    expect(
      screen
        .getByText(
          'Not limited: the wanted replica count is between min and max.',
        )
        .closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status ok');
  });

  it('keeps the raw condition one hover away', async () => {
    await renderInTestApp(<ConditionList conditions={hpa.conditions} />);
    await userEvent.hover(screen.getByText(/Metric missing/));
    expect(
      await screen.findByText(
        /ScalingActive=False \(FailedGetExternalMetric\): the HPA was unable/,
      ),
    ).toBeInTheDocument();
  });

  it('renders nothing without conditions', async () => {
    const { container } = await renderInTestApp(
      <ConditionList conditions={[]} />,
    );
    expect(container.querySelector('ul')).toBeNull();
  });
});
