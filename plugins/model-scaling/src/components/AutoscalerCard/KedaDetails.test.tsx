import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
} from '../../__fixtures__';
import { KedaDetails } from './KedaDetails';

describe('KedaDetails', () => {
  it('shows a prometheus trigger with threshold and activation', async () => {
    await renderInTestApp(
      <KedaDetails
        keda={imageClassifierStatus.workloads[0].autoscaler.keda!}
      />,
    );
    expect(screen.getByText('prometheus (request-rate)')).toBeInTheDocument();
    expect(screen.getByText('100')).toBeInTheDocument();
    expect(screen.getByText('5')).toBeInTheDocument();
    expect(
      screen.getByText(/query: sum\(rate\(nv_inference_request_success/),
    ).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(
      screen.getByText('Fallback 4 replicas after 3 failures'),
    ).toBeInTheDocument();
    expect(screen.getByText('s0-prometheus: Happy')).toBeInTheDocument();
  });

  it('shows an active fallback and the failing trigger', async () => {
    await renderInTestApp(
      <KedaDetails keda={batchEmbedderStatus.workloads[0].autoscaler.keda!} />,
    );
    expect(
      screen.getByText('Fallback active: held at 4 replicas'),
    ).toBeInTheDocument();
    expect(screen.getByText('kafka (embeddings)')).toBeInTheDocument();
    expect(screen.getByText(/topic: documents-to-embed/)).toBeInTheDocument();
    expect(
      screen
        .getByText('s0-kafka-embeddings: Failing, 7 failures in a row')
        .closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status error');
  });

  it('shows paused and idle states', async () => {
    const keda = {
      ...summarizerStatus.workloads[0].autoscaler.keda!,
      active: false,
      paused: true,
      idleReplicaCount: 0,
    };
    await renderInTestApp(<KedaDetails keda={keda} />);
    expect(screen.getByText('Idle')).toBeInTheDocument();
    expect(screen.getByText('Paused')).toBeInTheDocument();
    expect(screen.getByText('Cooldown 10 min')).toBeInTheDocument();
    expect(screen.getByText('Idle 0 replicas')).toBeInTheDocument();
  });
});
