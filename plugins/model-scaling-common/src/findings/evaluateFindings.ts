import type { Finding } from '../types/status';
import {
  buildWorkloadModel,
  type WorkloadModel,
} from '../workload/WorkloadModel';
import { FINDING_RULES } from './rules';
import { dedupeFindings, sortFindings } from './sortFindings';
import type { FindingRule, FindingsInput } from './types';

/**
 * Runs every findings rule over a built workload model and returns the
 * pitfalls found, without repeats, in the order of {@link sortFindings}. A
 * rule that throws on odd input becomes an `info` finding naming the rule —
 * one rule never hides the others, and evaluation never throws.
 */
export function findingsOf(
  model: WorkloadModel,
  rules: readonly FindingRule[] = FINDING_RULES,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.evaluate(model));
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
  return sortFindings(dedupeFindings(findings));
}

/**
 * Builds the workload model of a live workload or a plan's manifests and
 * returns its findings ({@link findingsOf}). Input the model cannot be built
 * from becomes one `info` finding; evaluation never throws.
 */
export function evaluateFindings(
  input: FindingsInput,
  rules: readonly FindingRule[] = FINDING_RULES,
): Finding[] {
  let model;
  try {
    model = buildWorkloadModel(input);
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
  return findingsOf(model, rules);
}
