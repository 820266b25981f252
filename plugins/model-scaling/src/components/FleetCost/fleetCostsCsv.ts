import { FleetCostsResponse } from '@internal/plugin-model-scaling-common';

const HEADER = [
  'entity',
  'pattern',
  'gpu_hours_24h',
  'gpu_hours_needed_24h',
  'idle_share',
  'cost_24h',
  'currency',
  'top_saving',
  'gpu_hours_saved_per_day',
  'cost_saved_per_day',
  'problems',
];

/** A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function field(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(round(value)) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

/**
 * The fleet's costs as CSV (RFC 4180, one row per service, CRLF line ends):
 * empty cells where a figure is missing, never 0 — the `problems` column
 * says why.
 */
export function fleetCostsCsv(costs: FleetCostsResponse): string {
  const rows = costs.services.map(s =>
    [
      s.entityRef,
      s.pattern,
      s.gpuHours,
      s.gpuHoursNeeded,
      s.idleShare,
      s.cost,
      s.cost !== undefined ? costs.currency : undefined,
      s.topSaving?.title,
      s.topSaving?.gpuHoursSavedPerDay,
      s.topSaving?.costSavedPerDay,
      s.problems.join('; ') || undefined,
    ]
      .map(field)
      .join(','),
  );
  return `${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
