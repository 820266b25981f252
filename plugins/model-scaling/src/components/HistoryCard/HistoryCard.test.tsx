import { renderInTestApp } from '@backstage/test-utils';
import { WorkloadHistory } from '@internal/plugin-model-scaling-common';
import { screen } from '@testing-library/react';
import { HistoryCard } from './HistoryCard';

const t = (m: number) => new Date(Date.UTC(2026, 11, 2, 10, m)).toISOString();

const history: WorkloadHistory = {
  stepSeconds: 60,
  replicas: [0, 1, 2].map(m => ({ t: t(m), desired: 3, current: 2, ready: 2 })),
  metrics: [
    {
      name: 'cpu',
      unit: '%',
      target: 70,
      points: [0, 1, 2].map(m => ({ t: t(m), v: 60 + m })),
    },
  ],
  triton: [
    {
      model: 'resnet50',
      points: [0, 1, 2].map(m => ({
        t: t(m),
        requestsPerSecond: 100,
        averageQueueUs: 1000,
        averageComputeUs: 3000,
        p50LatencyMs: 4,
        p99LatencyMs: 9,
      })),
    },
  ],
};

describe('HistoryCard', () => {
  it('says clearly that there is no history yet', async () => {
    await renderInTestApp(<HistoryCard />);
    expect(screen.getByText(/No history recorded yet/)).toBeInTheDocument();
  });

  it('draws titled charts of replicas, each metric against its target and Triton latency and queue vs compute', async () => {
    await renderInTestApp(<HistoryCard history={history} />);
    for (const title of [
      'Replicas: desired, current and ready',
      'Metric cpu against its target (%)',
      'Triton resnet50: p50 and p99 latency (ms)',
      'Triton resnet50: queue vs compute time per request (ms)',
    ]) {
      expect(screen.getByRole('heading', { name: title })).toBeInTheDocument();
    }
    expect(screen.queryByText(/GPU utilisation/)).not.toBeInTheDocument();
  });

  it('shows GPU utilisation only when the cluster exports it', async () => {
    await renderInTestApp(
      <HistoryCard
        history={{
          ...history,
          gpuUtilization: [
            {
              name: 'resnet50-0',
              unit: '%',
              points: [{ t: t(0), v: 80 }],
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByRole('heading', {
        name: 'GPU utilisation resnet50-0 (%)',
      }),
    ).toBeInTheDocument();
  });
});
