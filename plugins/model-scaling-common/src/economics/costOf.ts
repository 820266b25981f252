import type { CostAmount, CostSettings, GpuPlacement, GpuPrice } from './types';

/** The configured price entry of a product: exact key, then case-insensitive, then without a `-MIG-…` or `-SHARED` suffix. */
export function priceEntryOf(
  product: string,
  prices: Record<string, GpuPrice>,
): GpuPrice | undefined {
  const candidates = [
    product,
    product.replace(/-MIG-.*$/i, '').replace(/-SHARED$/i, ''),
  ];
  for (const name of candidates) {
    if (prices[name]) return prices[name];
    const key = Object.keys(prices).find(
      k => k.toLowerCase() === name.toLowerCase(),
    );
    if (key) return prices[key];
  }
  return undefined;
}

/**
 * Cost of whole-GPU-equivalent hours at the configured price of the
 * placement's product and capacity type. With costs off, or no price for the
 * product and capacity type, the answer is a problem naming what is missing,
 * never a number.
 */
export function costOf(
  gpuHoursUsed: number,
  placement: Pick<GpuPlacement, 'product' | 'capacity'>,
  settings: CostSettings,
): CostAmount {
  if (!settings.enabled) {
    return {
      problem:
        'costs are off (set modelScaling.costs.enabled and gpuHourPrices)',
    };
  }
  if (!Number.isFinite(gpuHoursUsed) || gpuHoursUsed < 0) {
    return { problem: `no cost for ${gpuHoursUsed} GPU-hours` };
  }
  const entry = priceEntryOf(placement.product, settings.gpuHourPrices);
  const price = placement.capacity === 'spot' ? entry?.spot : entry?.onDemand;
  if (price === undefined) {
    const key = placement.capacity === 'spot' ? 'spot' : 'onDemand';
    return {
      problem: `no price for ${placement.product} ${placement.capacity} (modelScaling.costs.gpuHourPrices["${placement.product}"].${key})`,
    };
  }
  return { amount: gpuHoursUsed * price, currency: settings.currency };
}

/** `a - b` when both are amounts in one currency, else the first problem. */
export function subtractCost(a: CostAmount, b: CostAmount): CostAmount {
  if ('problem' in a) return a;
  if ('problem' in b) return b;
  if (a.currency !== b.currency) {
    return { problem: `cannot subtract ${b.currency} from ${a.currency}` };
  }
  return { amount: a.amount - b.amount, currency: a.currency };
}

/** Scales an amount (e.g. to one day); problems stay problems. */
export function scaleCost(a: CostAmount, factor: number): CostAmount {
  return 'problem' in a
    ? a
    : { amount: a.amount * factor, currency: a.currency };
}
