import {
  compareFleetRows,
  FleetPageResponse,
  fleetTotalsOf,
  toFleetRow,
} from '@internal/plugin-model-scaling-common';
import { fleetResponse } from './fleet';

const rows = fleetResponse.services
  .map(s => toFleetRow(s, { clusterNamespace: 'ml-serving' }))
  .sort(compareFleetRows('verdict', 'asc'));

/** `GET /v1/fleet` of the example services: one page, worst first. */
export const fleetPageResponse: FleetPageResponse = {
  generatedAt: fleetResponse.generatedAt,
  totals: fleetTotalsOf(rows),
  facets: {
    owners: [
      ...new Set(rows.map(r => r.owner).filter(Boolean)),
    ].sort() as string[],
    clusters: [...new Set(rows.flatMap(r => r.clusters))].sort(),
    patterns: [...new Set(rows.map(r => r.pattern ?? 'unset'))].sort(),
  },
  total: rows.length,
  rows,
};
