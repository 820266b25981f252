export type {
  FixFileFormat,
  FixPath,
  FixDocumentSelector,
  FileEdit,
  FixSourceKind,
  FixSource,
  PlanFieldChange,
  FixIntent,
  ProposedFix,
  FixTarget,
  FixProposalInput,
  FixProposalResult,
  FixConflict,
  FixErrorCode,
  FixErrorDetails,
} from './types';
export { PLAN_FILE_PATH } from './types';
export { FixError, describeFixConflict, describeFixLocation } from './FixError';
export { proposeFix, proposeFixes, fixableFiles } from './proposeFix';
export { applyFileEdits } from './applyFileEdits';
export type { AppliedEdits, ChangedFile } from './applyFileEdits';
export { applyPlanChanges, FIXABLE_PLAN_FIELDS } from './applyPlanChanges';
export { renderPlanFile, parsePlanFile } from './planFile';
export {
  fixIdOf,
  fixIntentForFinding,
  fixIntentForBatchingAdvice,
  fixIntentForDrift,
  presetFixIntents,
} from './fixIntents';
export { diffValues, sameValue } from './diffValues';
export { parsePbtxt, pbtxtToPlain, PbtxtSyntaxError } from './pbtxt/parsePbtxt';
export type { PbtxtDocument, PbtxtPlain } from './pbtxt/parsePbtxt';
export {
  setPbtxtValue,
  getPbtxtValue,
  PbtxtEditError,
} from './pbtxt/editPbtxt';
