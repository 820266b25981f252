export { FixProposalsProvider } from './FixProposalsContext';
export type {
  FixProposalsProviderProps,
  FindingWithFix,
} from './FixProposalsContext';
export { FindingFix } from './FindingFix';
export { ProposeFixButton } from './ProposeFixButton';
export { BringToPreset } from './BringToPreset';
export type { PresetTarget } from './presetFixes';
