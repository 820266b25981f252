import {
  DEFAULT_COST_SETTINGS,
  parseCapacityRecommendation,
  parseGpuPlacement,
  parseTrafficSeries,
  resolveCostSettings,
} from './schemas';

describe('economics schemas', () => {
  it('resolves modelScaling.costs with the documented defaults (off, USD, no prices, 7 days, 10 %, 60 s)', () => {
    expect(resolveCostSettings(undefined)).toEqual(DEFAULT_COST_SETTINGS);
    expect(DEFAULT_COST_SETTINGS).toEqual({
      enabled: false,
      currency: 'USD',
      gpuHourPrices: {},
      maxReplayDays: 7,
      maxGapPercent: 10,
      stepSeconds: 60,
    });
    expect(
      resolveCostSettings({ enabled: true, maxReplayDays: 2 }),
    ).toMatchObject({
      enabled: true,
      maxReplayDays: 2,
      currency: 'USD',
    });
  });

  it('names the field and the rule for bad config', () => {
    expect(() => resolveCostSettings({ currency: 'dollars' })).toThrow(
      'modelScaling.costs.currency: must be an ISO 4217 code such as USD or EUR',
    );
    expect(() =>
      resolveCostSettings({ gpuHourPrices: { 'NVIDIA-L4': {} } }),
    ).toThrow(
      'modelScaling.costs.gpuHourPrices.NVIDIA-L4: needs onDemand, spot or both',
    );
    expect(() =>
      resolveCostSettings({ gpuHourPrices: { 'NVIDIA-L4': { onDemand: -1 } } }),
    ).toThrow(
      /modelScaling\.costs\.gpuHourPrices\.NVIDIA-L4\.onDemand: Number must be greater than or equal to 0/,
    );
    expect(() => resolveCostSettings({ maxReplayDays: 90 })).toThrow(
      /modelScaling\.costs\.maxReplayDays/,
    );
    expect(() => resolveCostSettings({ prices: {} })).toThrow(
      /Unrecognized key/,
    );
  });

  it('checks traffic, placements and recommendations at the edge', () => {
    expect(() =>
      parseTrafficSeries({ startMs: 0, stepSeconds: 60, values: [1, -2] }),
    ).toThrow('traffic.values[1]: Number must be greater than or equal to 0');
    expect(
      parseTrafficSeries({ startMs: 0, stepSeconds: 60, values: [1, null] })
        .values,
    ).toEqual([1, null]);
    expect(() =>
      parseGpuPlacement({
        product: 'NVIDIA-L4',
        gpusPerPod: 1,
        sharing: 'mig',
        capacity: 'spot',
      }),
    ).toThrow('placement.migProfile: is required when sharing is mig');
    expect(() =>
      parseCapacityRecommendation({
        id: 'x',
        title: 'x',
        change: {
          kind: 'night-min-replicas',
          minReplicas: 1,
          fromHourUtc: 25,
          toHourUtc: 5,
        },
      }),
    ).toThrow(/recommendation\.change\.fromHourUtc/);
  });
});
