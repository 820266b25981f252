import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { DEFAULT_COST_SETTINGS } from '@internal/plugin-model-scaling-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ModelScalingApi, modelScalingApiRef } from '../../api/ModelScalingApi';
import { mockModelScalingApi } from '../../__fixtures__/modelScalingApi';
import { imageClassifierStatus } from '../../__fixtures__';
import { WhatIfCard } from './WhatIfCard';

/** Two days at one minute: 50 req/s, with an hour at 2,000 req/s on each. */
const day = Array.from({ length: 1440 }, (_, i) =>
  i >= 600 && i < 660 ? 2000 : 50,
);

function api(): ModelScalingApi {
  return mockModelScalingApi({
    getCostSettings: jest.fn(async () => DEFAULT_COST_SETTINGS),
    getTraffic: jest.fn(async (_ref: unknown, range: string) => ({
      entityRef: imageClassifierStatus.entityRef,
      range,
      rangeSeconds: range === '7d' ? 604800 : 86400,
      source: 'prometheus' as const,
      series: {
        startMs: Date.UTC(2026, 11, 1),
        stepSeconds: 60,
        values: range === '7d' ? [...day, ...day] : day,
      },
      problems: [],
    })),
  });
}

describe('WhatIfCard replay', () => {
  it("replays the service's recorded 24 h and 7 days next to the synthetic shapes", async () => {
    const a = api();
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, a]]}>
        <WhatIfCard
          workload={imageClassifierStatus.workloads[0]}
          pattern="realtime-gpu"
          entityRef={imageClassifierStatus.entityRef}
        />
      </TestApiProvider>,
    );
    expect(a.getTraffic).not.toHaveBeenCalled();
    const synthetic = screen.getByLabelText('Simulation summary').textContent;

    await userEvent.click(screen.getByRole('button', { name: /^Traffic/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText(
        'Replay the last 24 h of this service',
      ),
    );
    await waitFor(() =>
      expect(a.getTraffic).toHaveBeenCalledWith(
        imageClassifierStatus.entityRef,
        '24h',
      ),
    );
    // The recorded hour at 2,000 req/s scales out further than the synthetic day.
    await waitFor(() =>
      expect(screen.getByLabelText('Simulation summary').textContent).not.toBe(
        synthetic,
      ),
    );
    expect(
      screen.getByText(/recorded traffic \(prometheus\)/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /^Traffic/ }));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText(
        'Replay the last 7 days of this service',
      ),
    );
    await waitFor(() =>
      expect(a.getTraffic).toHaveBeenCalledWith(
        imageClassifierStatus.entityRef,
        '7d',
      ),
    );
  });
});
