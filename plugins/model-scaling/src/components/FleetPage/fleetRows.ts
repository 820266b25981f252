import { parseEntityRef } from '@backstage/catalog-model';
import {
  FleetServiceRow,
  Severity,
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
  /** Kind/namespace/name of the entity, for the link to its Scaling tab. */
  ref: { kind: string; namespace: string; name: string };
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Derives the table's fields from `GET /v1/services` rows. */
export function fleetRows(services: FleetServiceRow[]): FleetRow[] {
  return services.map(service => {
    const present = SEVERITIES.filter(s => (service.findings[s] ?? 0) > 0);
    const ref = parseEntityRef(service.entityRef, { defaultKind: 'component' });
    return {
      ...service,
      id: service.entityRef,
      patternLabel: service.pattern ?? 'unset',
      severities: present.length > 0 ? present : ['none'],
      severityRank: present.length > 0 ? SEVERITIES.indexOf(present[0]) : 3,
      findingsTotal:
        (service.findings.error ?? 0) * 10000 +
        (service.findings.warning ?? 0) * 100 +
        (service.findings.info ?? 0),
      driftCount: service.drift.length,
      ref: { kind: ref.kind, namespace: ref.namespace, name: ref.name },
    };
  });
}
