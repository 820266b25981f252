import { parseEntityRef } from '@backstage/catalog-model';
import {
  FleetServiceRow,
  Severity,
  VERDICT_LABELS,
  Verdict,
  VerdictLevel,
} from '@internal/plugin-model-scaling-common';

/** A fleet row with the derived fields the table sorts, searches and filters on. */
export interface FleetRow extends FleetServiceRow {
  /** Stable row id (the entity ref). */
  id: string;
  /** `pattern`, or `unset` when the entity names none (so it can be filtered). */
  patternLabel: string;
  /** Severities present, or `none`; the Severity filter matches any of them. */
  severities: Array<Severity | 'none'>;
  /** 0 for an error, 1 warning, 2 info, 3 none: sorts most severe first. */
  severityRank: number;
  /** Weighted findings count for sorting within a severity. */
  findingsTotal: number;
  driftCount: number;
  /** The verdict (the backend's; "not deployed" when the row has no workload and no verdict). */
  verdictOf: Verdict;
  /** `Failing`, `At risk`, `Not deployed`, `Healthy`: the Verdict filter's values. */
  verdictLabel: string;
  /** Worst first: failing 0, at risk 1, not deployed 2, healthy 3; then findings, then name. */
  sortKey: string;
  deployed: boolean;
  /** Kind/namespace/name of the entity, for the link to its Scaling tab. */
  ref: { kind: string; namespace: string; name: string };
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const LEVEL_ORDER: Record<VerdictLevel, number> = {
  failing: 0,
  'at-risk': 1,
  'not-deployed': 2,
  healthy: 3,
};

function fallbackVerdict(service: FleetServiceRow): Verdict {
  if (service.clusters.length === 0 && service.clusterErrors.length === 0) {
    return {
      level: 'not-deployed',
      headline: 'Not deployed: no Deployment matches this service',
      reasons: [],
    };
  }
  let level: VerdictLevel = 'healthy';
  if (service.findings.error > 0) level = 'failing';
  else if (service.findings.warning > 0 || service.clusterErrors.length > 0)
    level = 'at-risk';
  return { level, headline: VERDICT_LABELS[level], reasons: [] };
}

/** Derives the table's fields from `GET /v1/services` rows. */
export function fleetRows(services: FleetServiceRow[]): FleetRow[] {
  return services.map(service => {
    const present = SEVERITIES.filter(s => (service.findings[s] ?? 0) > 0);
    const ref = parseEntityRef(service.entityRef, { defaultKind: 'component' });
    const verdict = service.verdict ?? fallbackVerdict(service);
    const findingsTotal =
      (service.findings.error ?? 0) * 10000 +
      (service.findings.warning ?? 0) * 100 +
      (service.findings.info ?? 0);
    return {
      ...service,
      id: service.entityRef,
      patternLabel: service.pattern ?? 'unset',
      severities: present.length > 0 ? present : ['none'],
      severityRank: present.length > 0 ? SEVERITIES.indexOf(present[0]) : 3,
      findingsTotal,
      driftCount: service.drift.length,
      verdictOf: verdict,
      verdictLabel: VERDICT_LABELS[verdict.level],
      sortKey: `${LEVEL_ORDER[verdict.level]}-${String(
        999999 - Math.min(999999, findingsTotal),
      ).padStart(6, '0')}-${(service.title ?? service.name).toLocaleLowerCase(
        'en-US',
      )}-${service.entityRef}`,
      deployed: verdict.level !== 'not-deployed',
      ref: { kind: ref.kind, namespace: ref.namespace, name: ref.name },
    };
  });
}

/** The fleet's totals: services, replicas, GPU replicas and services by verdict. */
export function fleetTotals(rows: FleetRow[]) {
  const by = (level: VerdictLevel) =>
    rows.filter(r => r.verdictOf.level === level).length;
  return {
    services: rows.length,
    replicas: rows.reduce((n, r) => n + r.replicas.current, 0),
    readyReplicas: rows.reduce((n, r) => n + r.replicas.ready, 0),
    gpuReplicas: rows
      .filter(r => r.gpuMode !== 'none')
      .reduce((n, r) => n + r.replicas.current, 0),
    failing: by('failing'),
    atRisk: by('at-risk'),
    notDeployed: by('not-deployed'),
    healthy: by('healthy'),
  };
}
