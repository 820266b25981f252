import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { imageClassifierStatus, summarizerStatus } from '../../__fixtures__';
import { BatchingAdvice } from './BatchingAdvice';

describe('BatchingAdvice', () => {
  it('advises on demand for the current traffic, next to the live config', async () => {
    const workload = imageClassifierStatus.workloads[0];
    await renderInTestApp(
      <BatchingAdvice
        model={workload.triton!.models[0]}
        sloMs={20}
        replicas={4}
      />,
    );
    expect(screen.getByLabelText('Batch-latency profile')).toHaveTextContent(
      'resnet50-224 (NVIDIA H200)',
    );
    expect(
      screen.getByText('Profile chosen by model name.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Advise for 371 req/s' }),
    );

    const table = within(
      await screen.findByRole('table', {
        name: 'Batching options for resnet50',
      }),
    );
    const rows = table.getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      'Live (in force): preferred 4, 8, 16, queue delay 5 ms',
    );
    expect(within(rows[1]).getByText('4')).toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('Without batching');
    expect(rows[3]).toHaveTextContent(/Advised:/);
    expect(
      screen.getByText(/within a 20 ms p99 on NVIDIA H200/),
    ).toBeInTheDocument();
    const section = screen.getByRole('region', {
      name: 'Batching advice for resnet50',
    });
    expect(section.textContent).toMatch(
      /dynamic_batching \{.*max_queue_delay_microseconds: \d+/s,
    );
  });

  it('explains why it cannot advise without an SLO', async () => {
    await renderInTestApp(
      <BatchingAdvice
        model={summarizerStatus.workloads[0].triton!.models[0]}
        replicas={2}
      />,
    );
    expect(
      screen.getByText(
        'Profile chosen as the closest to the measured compute time.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /Advise for 41 req\/s/ }),
    );
    expect(
      await screen.findByText(
        'No latency SLO: set the model-scaling.io/latency-slo-ms annotation.',
      ),
    ).toBeInTheDocument();
  });

  it('lets the profile be chosen by hand', async () => {
    await renderInTestApp(
      <BatchingAdvice
        model={imageClassifierStatus.workloads[0].triton!.models[0]}
        sloMs={20}
        replicas={4}
      />,
    );
    await userEvent.click(screen.getByLabelText('Batch-latency profile'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText(/bert-base-seq128/),
    );
    expect(screen.getByText('Profile chosen by hand.')).toBeInTheDocument();
  });
});
