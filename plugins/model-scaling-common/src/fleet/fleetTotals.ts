import type { FleetRow } from './fleetRow';

/** The fleet at a glance, over the rows a caller may see. */
export interface FleetTotals {
  services: number;
  /** Services with at least one Deployment found. */
  deployed: number;
  notDeployed: number;
  replicas: number;
  readyReplicas: number;
  /** GPUs, MIG slices or GPU shares requested by the running replicas. */
  gpusInUse: number;
  healthy: number;
  atRisk: number;
  failing: number;
  /** Services whose live settings differ from their named preset. */
  drifted: number;
}

/** Totals of no rows. */
export function emptyFleetTotals(): FleetTotals {
  return {
    services: 0,
    deployed: 0,
    notDeployed: 0,
    replicas: 0,
    readyReplicas: 0,
    gpusInUse: 0,
    healthy: 0,
    atRisk: 0,
    failing: 0,
    drifted: 0,
  };
}

/**
 * Adds a row's share to `totals` (`sign` 1), or takes it away (`sign` -1):
 * so an index keeps its totals current by removing a row's old version and
 * adding its new one. Mutates and returns `totals`.
 */
export function addToFleetTotals(
  totals: FleetTotals,
  row: FleetRow,
  sign: 1 | -1 = 1,
): FleetTotals {
  totals.services += sign;
  if (row.deployed) totals.deployed += sign;
  else totals.notDeployed += sign;
  totals.replicas += sign * row.replicas.current;
  totals.readyReplicas += sign * row.replicas.ready;
  totals.gpusInUse += sign * row.gpusInUse;
  switch (row.verdict.level) {
    case 'healthy':
      totals.healthy += sign;
      break;
    case 'at-risk':
      totals.atRisk += sign;
      break;
    case 'failing':
      totals.failing += sign;
      break;
    default:
      break;
  }
  if (row.drift.length > 0) totals.drifted += sign;
  return totals;
}

/** The totals of some rows, computed from scratch. */
export function fleetTotalsOf(rows: Iterable<FleetRow>): FleetTotals {
  const totals = emptyFleetTotals();
  for (const row of rows) addToFleetTotals(totals, row);
  return totals;
}
