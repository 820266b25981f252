import { ComponentProps } from 'react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  batchEmbedderStatus,
  imageClassifierStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { AutoscalerCard } from './AutoscalerCard';

/** The card for one of the status's workloads, as the Scaling tab renders it. */
const renderCard = (
  status: { generatedAt: string },
  workload: ComponentProps<typeof AutoscalerCard>['workload'],
) =>
  renderInTestApp(
    <AutoscalerCard workload={workload} generatedAt={status.generatedAt} />,
  );

describe('AutoscalerCard', () => {
  it('shows an HPA: replicas, metrics, default window, conditions and timeline', async () => {
    const workload = textClassifierStatus.workloads[0];
    await renderCard(textClassifierStatus, workload);
    expect(
      screen.getByText(
        'HorizontalPodAutoscaler text-classifier (autoscaling/v2)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-label',
      '5 ready replicas, 7 desired, range 2 to 20',
    );
    expect(
      screen.getByText(
        /Scale-down stabilization window 5 min \(controller default, not set\)/,
      ),
    ).toBeInTheDocument();
    const metrics = screen.getByRole('region', { name: 'Metrics' });
    expect(within(metrics).getByText('81 %')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Scaling works: the autoscaler just set the target to 7 replicas.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'KEDA' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Replica timeline/ }),
    ).toBeInTheDocument();
  });

  it('shows KEDA with its HPA, using KEDA min/max', async () => {
    const workload = imageClassifierStatus.workloads[0];
    await renderCard(imageClassifierStatus, workload);
    expect(
      screen.getByText('KEDA ScaledObject image-classifier'),
    ).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-label',
      '4 ready replicas, 4 desired, range 1 to 8',
    );
    expect(
      screen.getByText(
        /window 2 min · HPA keda-hpa-image-classifier created by KEDA/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'KEDA' })).toBeInTheDocument();
    expect(
      screen.getByText(
        'Ready: the ScaledObject is valid and KEDA is scaling it.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a failing KEDA trigger and its fallback', async () => {
    const workload = batchEmbedderStatus.workloads[0];
    await renderCard(batchEmbedderStatus, workload);
    expect(
      screen.getByText('Fallback active: held at 4 replicas'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('missing: the autoscaler cannot read it'),
    ).toBeInTheDocument();
    expect(
      screen
        .getByText('Not ready: the Kafka trigger cannot be read.')
        .closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status error');
  });

  it('explains a workload without an autoscaler', async () => {
    const workload = {
      ...textClassifierStatus.workloads[0],
      autoscaler: { type: 'none' as const, conflicting: [] },
    };
    await renderCard(textClassifierStatus, workload);
    expect(screen.getByText('No autoscaler')).toBeInTheDocument();
    expect(
      screen.getByText(/runs a fixed 6 replicas \(5 ready\)/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('warns about conflicting autoscalers', async () => {
    const base = imageClassifierStatus.workloads[0];
    const workload = {
      ...base,
      autoscaler: {
        ...base.autoscaler,
        conflicting: [
          'HorizontalPodAutoscaler/image-classifier',
          'ScaledObject/image-classifier',
        ],
      },
    };
    await renderCard(imageClassifierStatus, workload);
    expect(
      screen.getByText(
        /More than one autoscaler targets this Deployment: HorizontalPodAutoscaler\/image-classifier, ScaledObject\/image-classifier/,
      ),
    ).toBeInTheDocument();
  });
});
