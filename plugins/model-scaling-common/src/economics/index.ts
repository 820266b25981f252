export type {
  TrafficSeries,
  CounterSample,
  TrafficProblem,
  GpuPlacementSharing,
  CapacityType,
  GpuPlacement,
  GpuPrice,
  CostSettings,
  CostAmount,
  ReplicaTimeline,
  UtilisationResult,
  ReplayTarget,
  CapacityChange,
  CapacityRecommendation,
  GpuHoursBucket,
  ReplayResult,
  SavingsResult,
} from './types';
export {
  EconomicsInputError,
  DEFAULT_COST_SETTINGS,
  costSettingsConfigSchema,
  resolveCostSettings,
  trafficSeriesSchema,
  parseTrafficSeries,
  gpuPlacementSchema,
  parseGpuPlacement,
  capacityChangeSchema,
  capacityRecommendationSchema,
  parseCapacityRecommendation,
} from './schemas';
export type { CostSettingsConfig } from './schemas';
export { alignTraffic } from './alignTraffic';
export { trafficFromCounterSamples } from './trafficFromCounterSamples';
export type { CounterTrafficOptions } from './trafficFromCounterSamples';
export { validateTraffic } from './validateTraffic';
export {
  gpuEquivalentPerPod,
  migGpuModelOf,
  migGpuModelOfProduct,
  migSliceShare,
  migComputeShare,
} from './gpuShare';
export { gpuHours, podSeconds } from './gpuHours';
export { costOf, priceEntryOf, subtractCost, scaleCost } from './costOf';
export { utilisation } from './utilisation';
export { placementFromGpuSharing, placementFromPlan } from './placement';
export { applyChange, perPodCapacity, withMinimum } from './applyChange';
export type { ChangedTarget, NightSchedule } from './applyChange';
export { replay } from './replay';
export { trafficLoadPoints } from './replayTimeline';
export type { ReplayInput } from './replay';
export { savingsFor } from './savingsFor';
export type { SavingsInput } from './savingsFor';
export {
  capacityRecommendationsFor,
  batchingChangeFromAdvice,
} from './recommendations';
export type { CapacityRecommendationOptions } from './recommendations';
export { replayTargetFromPlan } from './replayTargetFromPlan';
export type { PlanReplayOptions } from './replayTargetFromPlan';
