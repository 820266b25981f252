import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  DEFAULT_COST_SETTINGS,
  TrafficResponse,
} from '@internal/plugin-model-scaling-common';
import { screen } from '@testing-library/react';
import { ModelScalingApi, modelScalingApiRef } from '../../api/ModelScalingApi';
import { mockModelScalingApi } from '../../__fixtures__/modelScalingApi';
import {
  imageClassifierStatus,
  textClassifierStatus,
} from '../../__fixtures__';
import { CostCard } from './CostCard';

const day = Array.from({ length: 1440 }, (_, i) =>
  i >= 600 && i < 900 ? 300 : 60,
);
const traffic: TrafficResponse = {
  entityRef: imageClassifierStatus.entityRef,
  range: '7d',
  rangeSeconds: 604800,
  source: 'prometheus',
  series: {
    startMs: Date.UTC(2026, 10, 24),
    stepSeconds: 60,
    values: [...day, ...day, ...day, ...day, ...day, ...day, ...day],
  },
  problems: [],
};

function api(overrides: Partial<ModelScalingApi>): ModelScalingApi {
  return mockModelScalingApi({
    getTraffic: jest.fn(async () => traffic),
    getCostSettings: jest.fn(async () => ({
      ...DEFAULT_COST_SETTINGS,
      enabled: true,
      gpuHourPrices: { 'NVIDIA-H200': { onDemand: 10 } },
    })),
    ...overrides,
  });
}

async function render(a: ModelScalingApi, status = imageClassifierStatus) {
  return renderInTestApp(
    <TestApiProvider apis={[[modelScalingApiRef, a]]}>
      <CostCard workload={status.workloads[0]} status={status} />
    </TestApiProvider>,
  );
}

describe('CostCard', () => {
  it('shows the cost of the last day and week of the replayed traffic, and the trend', async () => {
    const a = api({});
    await render(a);
    expect(await screen.findByText('Last 7 days')).toBeInTheDocument();
    expect(screen.getByText('Last 24 hours')).toBeInTheDocument();
    expect(a.getTraffic).toHaveBeenCalledWith(
      imageClassifierStatus.entityRef,
      '7d',
    );
    // Whole on-demand H200s at 10 a GPU-hour: a dollar figure, and GPU-hours held against needed.
    expect(screen.getAllByText(/^\$[\d,.]+$/)).toHaveLength(2);
    expect(screen.getAllByText(/GPU-h held, .* GPU-h needed/)).toHaveLength(2);
    expect(
      screen.getByRole('img', { name: /GPU-hours used against needed/ }),
    ).toBeInTheDocument();
  });

  it('says in one line that costs are off, and asks for no traffic', async () => {
    const a = api({
      getCostSettings: jest.fn(async () => DEFAULT_COST_SETTINGS),
    });
    await render(a);
    expect(
      await screen.findByText(
        /GPU costs are off: a platform team turns them on/,
      ),
    ).toBeInTheDocument();
    expect(a.getTraffic).not.toHaveBeenCalled();
  });

  it('names the missing price instead of a figure', async () => {
    await render(
      api({
        getCostSettings: jest.fn(async () => ({
          ...DEFAULT_COST_SETTINGS,
          enabled: true,
        })),
      }),
    );
    expect(await screen.findAllByText(/^no cost: .*NVIDIA-H200/)).toHaveLength(
      2,
    );
    expect(screen.queryByText(/^\$/)).not.toBeInTheDocument();
  });

  it('names what is wrong with the traffic and shows no figure without it', async () => {
    await render(
      api({
        getTraffic: jest.fn(async () => ({
          ...traffic,
          series: undefined,
          source: undefined,
          problems: [
            {
              code: 'empty' as const,
              severity: 'error' as const,
              message: 'No request rate has been recorded for this service yet',
            },
          ],
        })),
      }),
    );
    expect(
      await screen.findByText(/No request rate has been recorded/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Last 7 days')).not.toBeInTheDocument();
  });

  it('says a workload without a GPU has no GPU cost', async () => {
    await render(api({}), textClassifierStatus);
    expect(
      await screen.findByText(/No GPU cost for this workload: .*no GPU/),
    ).toBeInTheDocument();
  });
});
