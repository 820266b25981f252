export { computeVerdict, verdictRank } from './computeVerdict';
export type { VerdictInput } from './computeVerdict';
export { VERDICT_LABELS } from './labels';
