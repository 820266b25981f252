export {
  loadBatchProfiles,
  batchLatencyUs,
  batchProfileFromTritonBatchStats,
  BatchProfileError,
} from './batchProfile';
export type { BatchProfile, BatchProfilePoint } from './batchProfile';
export { simulateBatching, BatchingInputError } from './simulateBatching';
export type {
  BatchingSimulationInput,
  BatchingSimulationResult,
} from './simulateBatching';
export { adviseBatching } from './adviseBatching';
export type {
  BatchingAdvice,
  BatchingAdviceInput,
  BatchingOption,
} from './adviseBatching';
export { seededRandom } from './random';
export { H200_BATCH_PROFILES, H200_BATCH_PROFILE_FILE } from './profiles/h200';
