export { PATTERN_IDS, isPatternId, isGpuPattern } from './patternIds';
export {
  DEFAULT_PATTERN_PRESETS,
  GPU_SHARING_CHOICES,
  QUEUE_TYPES,
} from './presets';
export type {
  PatternPresets,
  PatternPresetOverrides,
  DeepPartial,
  GpuSharingChoice,
  QueueType,
  ResourcesPreset,
  ScalingBehaviorPreset,
  BatchingPreset,
  PrometheusTriggerPreset,
  KedaTimingPreset,
  RealtimeCpuPreset,
  RealtimeGpuPreset,
  AsyncBatchPreset,
  BurstyPreset,
} from './presets';
export { patternPresetsSchema } from './presetsSchema';
export {
  resolvePatternPresets,
  PatternPresetsError,
  PATTERN_PRESETS_CONFIG_PATH,
} from './resolvePatternPresets';
export {
  MIG_PROFILES_BY_GPU,
  MIG_GPU_MODELS,
  KNOWN_MIG_PROFILES,
  checkMigProfile,
  parseMigProfileName,
  gpuModelsForMigProfile,
} from './migProfiles';
export type { MigProfile, MigGpuModel } from './migProfiles';
