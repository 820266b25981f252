import type { Finding, Severity } from '../types/status';
import { buildFindingsContext } from './context';
import { FINDING_RULES } from './rules';
import type { FindingRule, FindingsInput } from './types';

const SEVERITY_ORDER: Record<Severity, number> = {
  error: 0,
  warning: 1,
  info: 2,
};

/** Sorts findings most severe first, then by subject and id, and drops exact duplicates. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter(f => {
      const key = `${f.id}\u0000${f.subject ?? ''}\u0000${f.title}\u0000${
        f.evidence
      }`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (a.subject ?? '').localeCompare(b.subject ?? '') ||
        a.id.localeCompare(b.id),
    );
}

/**
 * Runs every findings rule over a live workload or a plan's manifests and
 * returns the pitfalls found, most severe first. A rule that throws on odd
 * input becomes an `info` finding naming the rule — one rule never hides the
 * others, and evaluation never throws.
 */
export function evaluateFindings(
  input: FindingsInput,
  rules: readonly FindingRule[] = FINDING_RULES,
): Finding[] {
  let ctx;
  try {
    ctx = buildFindingsContext(input);
  } catch (e) {
    return [
      {
        id: 'findings-unavailable',
        severity: 'info',
        title: 'Scaling findings could not be evaluated',
        evidence: (e as Error).message,
        fix: 'Report this as a bug in Model Scaling together with the workload’s objects.',
      },
    ];
  }
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.evaluate(ctx));
    } catch (e) {
      findings.push({
        id: 'finding-rule-failed',
        severity: 'info',
        title: `The ${rule.id} check could not run`,
        evidence: (e as Error).message,
        fix: 'Report this as a bug in Model Scaling; the other checks are unaffected.',
        subject: rule.id,
      });
    }
  }
  return sortFindings(findings);
}
