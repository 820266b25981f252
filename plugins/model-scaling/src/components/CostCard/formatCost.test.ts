import { formatCostAmount, formatGpuHours, formatMoney } from './formatCost';

describe('formatCost', () => {
  it('writes money in its currency', () => {
    expect(formatMoney(1069.89, 'USD')).toBe('$1,070');
    expect(formatMoney(31.256, 'EUR')).toBe('€31.26');
    expect(formatMoney(undefined, 'USD')).toBeUndefined();
  });

  it('writes the reason instead of a number when a price is missing', () => {
    expect(
      formatCostAmount({ problem: 'no price for NVIDIA-L4 (on-demand)' }),
    ).toBe('no cost: no price for NVIDIA-L4 (on-demand)');
  });

  it('writes GPU-hours', () => {
    expect(formatGpuHours(100.93)).toBe('100.9 GPU-h');
    expect(formatGpuHours(2.951)).toBe('2.95 GPU-h');
  });
});
