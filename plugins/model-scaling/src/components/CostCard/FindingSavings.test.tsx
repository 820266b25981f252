import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  DEFAULT_COST_SETTINGS,
  EntityScalingStatus,
  Finding,
} from '@internal/plugin-model-scaling-common';
import { screen } from '@testing-library/react';
import { ModelScalingApi, modelScalingApiRef } from '../../api/ModelScalingApi';
import { imageClassifierStatus } from '../../__fixtures__';
import { FindingSaving, FindingSavingsProvider } from './FindingSavings';

const finding: Finding = {
  id: 'default-scale-down-window',
  severity: 'warning',
  title: 'Default 300 s scale-down window',
  evidence: 'no behavior.scaleDown',
  fix: 'set it',
};

/** A day of bursts: an hour at 1,500 req/s every 4 hours, 20 req/s between. */
const day = Array.from({ length: 1440 }, (_, i) => (i % 240 < 60 ? 1500 : 20));

function api(): ModelScalingApi {
  return {
    getCostSettings: jest.fn(async () => ({
      ...DEFAULT_COST_SETTINGS,
      enabled: true,
      gpuHourPrices: { 'NVIDIA-H200': { onDemand: 10 } },
    })),
    getTraffic: jest.fn(async () => ({
      entityRef: imageClassifierStatus.entityRef,
      range: '24h',
      rangeSeconds: 86400,
      source: 'prometheus' as const,
      series: { startMs: Date.UTC(2026, 11, 1), stepSeconds: 60, values: day },
      problems: [],
    })),
  } as Partial<ModelScalingApi> as ModelScalingApi;
}

/** image-classifier with the API's default scale-down window, 300 s. */
const status: EntityScalingStatus = {
  ...imageClassifierStatus,
  workloads: imageClassifierStatus.workloads.map(w => ({
    ...w,
    autoscaler: {
      ...w.autoscaler,
      ...(w.autoscaler.hpa && {
        hpa: { ...w.autoscaler.hpa, scaleDownStabilizationSeconds: 300 },
      }),
    },
  })),
};

describe('FindingSaving', () => {
  it("shows what the finding's fix saves on the service's own day, or that it is no saving", async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, api()]]}>
        <FindingSavingsProvider status={status}>
          <FindingSaving finding={finding} />
        </FindingSavingsProvider>
      </TestApiProvider>,
    );
    const text = (await screen.findByTestId('finding-saving')).textContent;
    // Bursts every 4 hours: a 60 s window instead of 300 s gives back the
    // GPUs sooner after each burst, without missing the SLO.
    expect(text).toMatch(
      /^Replayed on the last 24 h: Saves \d+\.\d\d GPU-h a day \(\$[\d,.]+ a day\) with the SLO kept\./,
    );
    const saved = Number(/Saves (\d+\.\d\d) GPU-h/.exec(text!)![1]);
    expect(saved).toBeGreaterThan(0);
    // The dollar figure is the GPU-hours at 10 a GPU-hour.
    expect(text).toContain(`($${(saved * 10).toFixed(2)} a day)`);
  });

  it('shows nothing for a finding that does not change capacity', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[modelScalingApiRef, api()]]}>
        <FindingSavingsProvider status={status}>
          <FindingSaving finding={{ ...finding, id: 'hpa-at-max' }} />
        </FindingSavingsProvider>
      </TestApiProvider>,
    );
    await new Promise(r => setTimeout(r, 200));
    expect(screen.queryByTestId('finding-saving')).not.toBeInTheDocument();
  });
});
