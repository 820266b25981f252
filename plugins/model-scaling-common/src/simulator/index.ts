export { simulateAutoscaler } from './simulateAutoscaler';
export type {
  SimulationInput,
  SimulationResult,
  SimulationPoint,
  SimulateOptions,
  SimulationScaleEvent,
  SimulatorHpaSpec,
  SimulatorKedaSpec,
  CapacityModel,
  LoadPoint,
  MetricFailureWindow,
} from './types';
export {
  validateSimulationInput,
  SimulationInputError,
} from './simulationInputSchema';
export {
  hpaReplicaRecommendation,
  replicasForMetric,
  DEFAULT_HPA_TOLERANCE,
} from './hpaReplicaRecommendation';
export type {
  HpaMetricSample,
  HpaPodSample,
  HpaRecommendation,
  HpaRecommendationInput,
  HpaMetricProposal,
  HpaSyncContext,
  HpaTolerances,
} from './hpaReplicaRecommendation';
export {
  applyHpaBehavior,
  emptyHpaHistory,
  legacyScaleUpLimit,
  scaleUpLimit,
  scaleDownLimit,
} from './applyHpaBehavior';
export type {
  ApplyHpaBehaviorInput,
  ApplyHpaBehaviorResult,
  HpaHistory,
} from './applyHpaBehavior';
export {
  resolveHpaBehavior,
  hpaTolerances,
  DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
} from './hpaBehaviorDefaults';
export type {
  ResolvedHpaBehavior,
  ResolvedScalingRules,
} from './hpaBehaviorDefaults';
export {
  kedaStep,
  kedaFallbackReplicas,
  KEDA_DEFAULT_COOLDOWN_SECONDS,
  KEDA_DEFAULT_INITIAL_COOLDOWN_SECONDS,
} from './kedaStep';
export { kedaFallbackMetric } from './kedaFallbackMetric';
export type {
  KedaFallbackMetricInput,
  KedaFallbackMetricResult,
} from './kedaFallbackMetric';
export {
  kedaScaledObjectState,
  isResourceTrigger,
} from './kedaScaledObjectState';
export type {
  KedaScaledObjectState,
  KedaTriggerReading,
} from './kedaScaledObjectState';
export type {
  KedaStepInput,
  KedaStepResult,
  KedaStepSpec,
  KedaAction,
} from './kedaStep';
export { loadAt } from './loadCurve';
export { compareReplicaTimelines, observedAt } from './compareReplicaTimelines';
export type {
  CompareReplicaTimelinesInput,
  ReplicaSample,
  ReplicaStepComparison,
  ReplicaTimelineComparison,
} from './compareReplicaTimelines';
