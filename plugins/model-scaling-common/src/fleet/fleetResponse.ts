import type { FleetRow } from './fleetRow';
import type { FleetTotals } from './fleetTotals';

/** The values the fleet's filters offer, over the rows the caller may see. */
export interface FleetFacets {
  owners: string[];
  clusters: string[];
  patterns: string[];
}

/** `GET /v1/fleet`: one page of the fleet index. */
export interface FleetPageResponse {
  generatedAt: string;
  /** Totals over every service the caller may see (not only the matching ones). */
  totals: FleetTotals;
  facets: FleetFacets;
  /** Rows matching the filters. */
  total: number;
  rows: FleetRow[];
  /** The offset of the next page; absent on the last page. */
  nextOffset?: number;
}
