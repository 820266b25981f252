import type { Finding, Severity } from '../types/status';

const SEVERITY_ORDER: Record<Severity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/**
 * The one order of findings, wherever they are shown (a workload's status,
 * an entity's findings, the findings card, the lint): most severe first, then
 * by subject, then by rule id. The sort is stable, so findings equal in all
 * three keep the order they were given in (e.g. workload by workload).
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.subject ?? '').localeCompare(b.subject ?? '') ||
      a.id.localeCompare(b.id),
  );
}

/** Drops exact repeats (same id, subject, title and evidence), keeping the first. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = `${f.id}\u0000${f.subject ?? ''}\u0000${f.title}\u0000${
      f.evidence
    }`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
