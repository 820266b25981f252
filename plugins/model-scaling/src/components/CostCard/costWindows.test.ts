import {
  replay,
  resolveCostSettings,
  ReplayTarget,
  TrafficSeries,
} from '@internal/plugin-model-scaling-common';
import { costWindows, lastOf } from './costWindows';

const settings = resolveCostSettings({
  enabled: true,
  gpuHourPrices: { 'NVIDIA-H200': { onDemand: 10 } },
});
const target: ReplayTarget = {
  autoscaler: {
    kind: 'HorizontalPodAutoscaler',
    minReplicas: 2,
    maxReplicas: 4,
    metrics: [
      {
        type: 'External',
        external: {
          metric: { name: 's0-prometheus' },
          target: { type: 'AverageValue', averageValue: '10' },
        },
      },
    ],
  },
  capacity: { maxRpsPerPod: 20 },
  coldStartSeconds: 30,
  placement: {
    product: 'NVIDIA-H200',
    gpusPerPod: 1,
    sharing: 'exclusive',
    capacity: 'on-demand',
  },
};
/** Two days of a steady 5 req/s: the minimum of 2 whole GPUs all the time. */
const twoDays: TrafficSeries = {
  startMs: Date.UTC(2026, 11, 1),
  stepSeconds: 60,
  values: new Array(2 * 1440).fill(5),
};

describe('costWindows', () => {
  it('replays the last day and the whole series', () => {
    const { today, week } = costWindows(target, twoDays, settings);
    if (!('result' in today) || !('result' in week))
      throw new Error('no replay');
    // 2 GPUs × 24 h = 48 GPU-hours a day, at 10 a GPU-hour.
    expect(today.result.gpuHours).toBeCloseTo(48, 6);
    expect(today.result.cost).toEqual({
      amount: expect.closeTo(480, 6),
      currency: 'USD',
    });
    expect(week.result.gpuHours).toBeCloseTo(96, 6);
    expect(week.result.gpuHours).toBe(
      replay({ target, traffic: twoDays, settings }).gpuHours,
    );
  });

  it('gives the reason, not a figure, when a price is missing or the traffic is empty', () => {
    const noPrice = costWindows(
      target,
      twoDays,
      resolveCostSettings({ enabled: true }),
    );
    if (!('result' in noPrice.today)) throw new Error('no replay');
    expect(noPrice.today.result.cost).toEqual({
      problem: expect.stringContaining('NVIDIA-H200'),
    });
    const empty = costWindows(
      target,
      { ...twoDays, values: new Array(10).fill(null) },
      settings,
    );
    expect(empty.week).toEqual({ problem: expect.any(String) });
  });
});

describe('lastOf', () => {
  it('keeps the last steps and moves the start', () => {
    expect(
      lastOf({ startMs: 0, stepSeconds: 60, values: [1, 2, 3] }, 120),
    ).toEqual({ startMs: 60_000, stepSeconds: 60, values: [2, 3] });
  });
});
