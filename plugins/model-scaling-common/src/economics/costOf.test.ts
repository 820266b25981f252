import { costOf, scaleCost, subtractCost } from './costOf';
import { resolveCostSettings } from './schemas';

const settings = resolveCostSettings({
  enabled: true,
  currency: 'EUR',
  gpuHourPrices: {
    'NVIDIA-H100-80GB-HBM3': { onDemand: 4 },
    'NVIDIA-L4': { onDemand: 0.8, spot: 0.3 },
  },
});

describe('costOf', () => {
  it('prices GPU-hours at the product and capacity type price: 2.5 h × 4 = 10 EUR', () => {
    expect(
      costOf(
        2.5,
        { product: 'NVIDIA-H100-80GB-HBM3', capacity: 'on-demand' },
        settings,
      ),
    ).toEqual({
      amount: 10,
      currency: 'EUR',
    });
  });

  it('matches products case-insensitively and without the MIG or SHARED suffix', () => {
    expect(
      costOf(1, { product: 'nvidia-l4', capacity: 'spot' }, settings),
    ).toEqual({ amount: 0.3, currency: 'EUR' });
    expect(
      costOf(
        1,
        { product: 'NVIDIA-H100-80GB-HBM3-MIG-1g.10gb', capacity: 'on-demand' },
        settings,
      ),
    ).toEqual({
      amount: 4,
      currency: 'EUR',
    });
    expect(
      costOf(
        1,
        { product: 'NVIDIA-L4-SHARED', capacity: 'on-demand' },
        settings,
      ),
    ).toEqual({
      amount: 0.8,
      currency: 'EUR',
    });
  });

  it('gives a problem, not a number, when the price is missing for the product or the capacity type', () => {
    expect(
      costOf(3, { product: 'NVIDIA-A10G', capacity: 'on-demand' }, settings),
    ).toEqual({
      problem:
        'no price for NVIDIA-A10G on-demand (modelScaling.costs.gpuHourPrices["NVIDIA-A10G"].onDemand)',
    });
    const spot = costOf(
      3,
      { product: 'NVIDIA-H100-80GB-HBM3', capacity: 'spot' },
      settings,
    );
    expect(spot).toEqual({
      problem: expect.stringContaining(
        'no price for NVIDIA-H100-80GB-HBM3 spot',
      ),
    });
    expect('amount' in spot).toBe(false);
  });

  it('gives a problem while costs are off (the default)', () => {
    const off = costOf(
      3,
      { product: 'NVIDIA-L4', capacity: 'on-demand' },
      resolveCostSettings(undefined),
    );
    expect(off).toEqual({ problem: expect.stringContaining('costs are off') });
  });

  it('subtracts and scales amounts; problems propagate', () => {
    expect(
      subtractCost(
        { amount: 10, currency: 'EUR' },
        { amount: 4, currency: 'EUR' },
      ),
    ).toEqual({ amount: 6, currency: 'EUR' });
    expect(
      subtractCost({ amount: 10, currency: 'EUR' }, { problem: 'x' }),
    ).toEqual({ problem: 'x' });
    expect(
      subtractCost(
        { amount: 1, currency: 'EUR' },
        { amount: 1, currency: 'USD' },
      ),
    ).toEqual({
      problem: 'cannot subtract USD from EUR',
    });
    expect(scaleCost({ amount: 2, currency: 'EUR' }, 12)).toEqual({
      amount: 24,
      currency: 'EUR',
    });
    expect(scaleCost({ problem: 'y' }, 12)).toEqual({ problem: 'y' });
  });
});
