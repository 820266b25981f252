import { CostAmount } from '@internal/plugin-model-scaling-common';

/** A money amount in its currency (`$1,069.89`), or undefined when there is none. */
export function formatMoney(
  amount: number | undefined,
  currency: string,
): string | undefined {
  if (amount === undefined || !Number.isFinite(amount)) return undefined;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: amount >= 100 ? 0 : 2,
  }).format(amount);
}

/** A cost amount, or the reason there is none in place of a number. */
export function formatCostAmount(cost: CostAmount): string {
  return 'amount' in cost
    ? formatMoney(cost.amount, cost.currency)!
    : `no cost: ${cost.problem}`;
}

/** GPU-hours with one decimal (two below 10). */
export function formatGpuHours(hours: number): string {
  return `${hours.toFixed(hours < 10 ? 2 : 1)} GPU-h`;
}
