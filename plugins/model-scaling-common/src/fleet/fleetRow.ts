import type { FleetServiceRow, Severity, VerdictLevel } from '../types/status';
import { driftInWords } from './driftInWords';

/**
 * One row of the fleet index (`GET /v1/fleet`): a model service's fleet row
 * with what the table shows, sorts and filters on already derived, so a page
 * of rows is served without computing anything per request.
 */
export interface FleetRow
  extends Omit<FleetServiceRow, 'verdict' | 'gpusInUse'> {
  /** False when no Deployment matches the service (and no cluster reports an error for it). */
  deployed: boolean;
  verdict: {
    level: VerdictLevel;
    headline: string;
    /** The first signal behind the verdict, in words. */
    topReason?: string;
    /** How many signals the verdict has (the Scaling tab lists them all). */
    reasons: number;
  };
  /** Each drift item in words against the named preset (`scale-down window 300 s, preset bursty 60 s`). */
  driftInWords: string[];
  /** The cluster namespace the entity's workloads live in (its `backstage.io/kubernetes-namespace`). */
  clusterNamespace?: string;
  /** GPUs, MIG slices or GPU shares requested by the running replicas. */
  gpusInUse: number;
}

/** The extra facts about a service that are not in its {@link FleetServiceRow}. */
export interface FleetRowContext {
  clusterNamespace?: string;
}

function fallbackLevel(row: FleetServiceRow): VerdictLevel {
  if (row.clusters.length === 0 && row.clusterErrors.length === 0)
    return 'not-deployed';
  if (row.findings.error > 0) return 'failing';
  if (row.findings.warning > 0 || row.clusterErrors.length > 0)
    return 'at-risk';
  return 'healthy';
}

/** Derives the fleet index's row from a service's fleet row. Pure. */
export function toFleetRow(
  row: FleetServiceRow,
  context: FleetRowContext = {},
): FleetRow {
  const { verdict, gpusInUse, ...rest } = row;
  const level = verdict?.level ?? fallbackLevel(row);
  const first = verdict?.reasons[0];
  return {
    ...rest,
    deployed: level !== 'not-deployed',
    verdict: {
      level,
      headline:
        verdict?.headline ??
        (level === 'not-deployed'
          ? 'Not deployed: no Deployment matches this service'
          : ''),
      ...(first && { topReason: first.evidence }),
      reasons: verdict?.reasons.length ?? 0,
    },
    driftInWords: row.drift.map(d => driftInWords(d, row.pattern)),
    ...(context.clusterNamespace !== undefined && {
      clusterNamespace: context.clusterNamespace,
    }),
    gpusInUse: gpusInUse ?? 0,
  };
}

/** Findings weighted so that one error outranks any number of warnings below 100. */
export function findingsWeight(findings: Record<Severity, number>): number {
  return (
    (findings.error ?? 0) * 10000 +
    (findings.warning ?? 0) * 100 +
    (findings.info ?? 0)
  );
}
