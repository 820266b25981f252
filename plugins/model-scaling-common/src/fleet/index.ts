export { driftInWords } from './driftInWords';
export { toFleetRow, findingsWeight } from './fleetRow';
export type { FleetRow, FleetRowContext } from './fleetRow';
export {
  emptyFleetTotals,
  addToFleetTotals,
  fleetTotalsOf,
} from './fleetTotals';
export type { FleetTotals } from './fleetTotals';
export {
  FLEET_SORT_COLUMNS,
  FLEET_MAX_LIMIT,
  FLEET_DEFAULT_LIMIT,
  fleetQuerySchema,
  parseFleetQuery,
  compareFleetRows,
  matchesFleetQuery,
  queryFleet,
} from './fleetQuery';
export type { FleetSortColumn, FleetQuery, FleetPageOf } from './fleetQuery';
export type { FleetPageResponse, FleetFacets } from './fleetResponse';
export { fleetQueryString } from './fleetQueryString';
export type { FleetPageRequest } from './fleetQueryString';
