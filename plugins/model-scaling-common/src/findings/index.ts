export { evaluateFindings } from './evaluateFindings';
export { buildFindingsContext } from './context';
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
export type {
  FindingsInput,
  FindingsContext,
  FindingRule,
  ThroughputSample,
} from './types';
