export {
  hpaView,
  hpaMetricName,
  hpaMetricTarget,
  hpaTargetNumber,
  isKedaManagedHpa,
  DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS,
} from './hpaView';
export { kedaView, isKedaFallbackActive, KEDA_DEFAULTS } from './kedaView';
export { kedaTriggerThresholds, isQueueTrigger } from './kedaTriggers';
export {
  autoscalerView,
  autoscalerViewOfTargets,
  hpasTargeting,
  scaledObjectsTargeting,
  isHpaOfScaledObject,
} from './autoscalerView';
export { conditionInPlainWords, toConditionViews } from './conditionPlain';
export { workloadPods } from './workloadPods';
