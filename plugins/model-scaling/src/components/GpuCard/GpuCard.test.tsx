import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { GpuCard } from './GpuCard';

describe('GpuCard', () => {
  it('says a CPU workload has no GPU', async () => {
    await renderInTestApp(
      <GpuCard gpu={textClassifierStatus.workloads[0].gpu} />,
    );
    expect(screen.getByText('No GPU')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows an exclusive GPU on H200 nodes', async () => {
    await renderInTestApp(
      <GpuCard gpu={imageClassifierStatus.workloads[0].gpu} />,
    );
    expect(screen.getByText('Exclusive GPU')).toBeInTheDocument();
    expect(screen.getByText('1 per pod')).toBeInTheDocument();
    expect(screen.getByText('On-demand capacity')).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'GPU nodes' }),
    ).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('gpu-h200-a')).toBeInTheDocument();
    expect(within(rows[1]).getByText('NVIDIA-H200')).toBeInTheDocument();
    expect(within(rows[1]).getByText('140 GiB')).toBeInTheDocument();
    expect(within(rows[1]).getByText('8')).toBeInTheDocument();
  });

  it('warns about time-slicing without memory isolation on spot nodes', async () => {
    await renderInTestApp(
      <GpuCard gpu={batchEmbedderStatus.workloads[0].gpu} />,
    );
    expect(screen.getByText('Time-slicing ×4')).toBeInTheDocument();
    expect(screen.getByText('Spot capacity')).toBeInTheDocument();
    expect(
      screen.getByText(/No GPU memory isolation/).closest('[aria-label]'),
    ).toHaveAttribute('aria-label', 'Status warning');
    expect(screen.getByText(/spot or preemptible nodes/)).toBeInTheDocument();
    expect(screen.getByText('time-slicing ×4')).toBeInTheDocument();
    expect(screen.getByText('spot')).toHaveAttribute(
      'title',
      'karpenter.sh/capacity-type=spot',
    );
  });

  it('shows the MIG profile and strategy', async () => {
    await renderInTestApp(<GpuCard gpu={summarizerStatus.workloads[0].gpu} />);
    expect(screen.getByText('MIG 1g.18gb')).toBeInTheDocument();
    expect(screen.getByText('nvidia.com/mig-1g.18gb')).toBeInTheDocument();
    expect(screen.getByText('MIG mixed')).toBeInTheDocument();
    expect(
      screen.getByText('GPU memory is isolated per pod'),
    ).toBeInTheDocument();
  });

  it('says when no GPU node is known', async () => {
    await renderInTestApp(
      <GpuCard
        gpu={{ ...imageClassifierStatus.workloads[0].gpu, nodes: [] }}
      />,
    );
    expect(
      screen.getByText(/No GPU node of this workload is known yet/),
    ).toBeInTheDocument();
  });
});
