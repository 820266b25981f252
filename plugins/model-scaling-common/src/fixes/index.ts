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
