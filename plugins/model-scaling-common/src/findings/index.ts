export { evaluateFindings, findingsOf } from './evaluateFindings';
export { sortFindings } from './sortFindings';
export { FINDING_RULES } from './rules';
export { coldStartSeconds } from './rules/coldStartOverBudget';
export {
  batchingSavingFinding,
  describeBatching,
  dynamicBatchingSnippet,
} from './rules/batchingSaving';
export type {
  BatchingAdviceSummary,
  DynamicBatchingSetting,
} from './rules/batchingSaving';
export type { FindingsInput, FindingRule, ThroughputSample } from './types';
