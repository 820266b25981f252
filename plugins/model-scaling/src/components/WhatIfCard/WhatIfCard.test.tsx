import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  imageClassifierStatus,
  summarizerStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { WhatIfCard } from './WhatIfCard';

function summaryText() {
  return screen.getByLabelText('Simulation summary').textContent ?? '';
}

describe('WhatIfCard', () => {
  it('simulates a day from the live settings and re-simulates on edits', async () => {
    await renderInTestApp(
      <WhatIfCard
        workload={textClassifierStatus.workloads[0]}
        pattern="realtime-cpu"
        latencySloMs={100}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Simulated replicas and load over a day',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Simulated latency over a day' }),
    ).toBeInTheDocument();
    expect(summaryText()).toMatch(/max 6 replicas/);
    expect(summaryText()).toMatch(/min over the 100 ms SLO/);

    fireEvent.change(screen.getByLabelText('CPU target (%)'), {
      target: { value: '40' },
    });
    // A lower target needs more pods for the same day of load.
    await waitFor(() => {
      const max = Number(/max (\d+) replicas/.exec(summaryText())?.[1]);
      expect(max).toBeGreaterThanOrEqual(10);
    });
  });

  it('does not simulate invalid settings and names the field', async () => {
    await renderInTestApp(
      <WhatIfCard
        workload={textClassifierStatus.workloads[0]}
        pattern="realtime-cpu"
      />,
    );
    fireEvent.change(screen.getByLabelText('Max replicas'), {
      target: { value: '1' },
    });
    expect(
      await screen.findByText('must not be below min replicas'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Fix the highlighted fields to run the simulation.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByLabelText('Simulation summary'),
      ).not.toBeInTheDocument(),
    );
  });

  it('simulates KEDA with scale to zero for the bursty summarizer', async () => {
    await renderInTestApp(
      <WhatIfCard
        workload={summarizerStatus.workloads[0]}
        pattern="bursty"
        latencySloMs={500}
      />,
    );
    expect(screen.getByLabelText('Load shape')).toHaveTextContent('Bursty');
    expect(screen.getByLabelText('Min replicas')).toHaveValue(0);
    expect(summaryText()).toMatch(/unserved requests/);
  });

  it('renders extra advice under the simulation', async () => {
    await renderInTestApp(
      <WhatIfCard
        workload={imageClassifierStatus.workloads[0]}
        pattern="realtime-gpu"
      >
        <span>batching advice here</span>
      </WhatIfCard>,
    );
    expect(screen.getByText('batching advice here')).toBeInTheDocument();
  });
});
