import type { ConditionView, SlimCondition } from '../types/status';

type Key = `${string}/${string}/${string}`;

/**
 * Plain-words readings of HPA and KEDA conditions, keyed `type/status/reason`
 * (reasons from the HPA controller's horizontal.go and KEDA's condition_types.go).
 */
const PLAIN: Record<Key, string> = {
  // HPA AbleToScale
  'AbleToScale/True/SucceededGetScale':
    'The autoscaler can read and change the workload’s replica count.',
  'AbleToScale/True/SucceededRescale':
    'The autoscaler just changed the replica count.',
  'AbleToScale/True/ReadyForNewScale':
    'The autoscaler is free to scale; the recommendation matches the current size.',
  'AbleToScale/True/ScaleUpStabilized':
    'A scale-up is held back by the scale-up stabilization window.',
  'AbleToScale/True/ScaleDownStabilized':
    'A scale-down is held back: recent recommendations were higher (scale-down stabilization window).',
  'AbleToScale/False/FailedGetScale':
    'The autoscaler cannot read the workload’s scale subresource — check the scaleTargetRef.',
  'AbleToScale/False/FailedUpdateScale':
    'The autoscaler failed to change the replica count.',
  'AbleToScale/False/BackoffBoth':
    'The autoscaler is backing off after a recent rescale.',
  // HPA ScalingActive
  'ScalingActive/True/ValidMetricFound':
    'The autoscaler computes replicas from valid metrics.',
  'ScalingActive/False/ScalingDisabled':
    'Scaling is disabled because the workload has 0 replicas.',
  'ScalingActive/False/InvalidSelector':
    'The autoscaler cannot use the workload’s pod selector.',
  'ScalingActive/False/AmbiguousSelector':
    'Another autoscaler selects the same pods — the selector is ambiguous.',
  'ScalingActive/False/FailedGetResourceMetric':
    'The autoscaler cannot read a CPU/memory metric (metrics-server missing, or containers without resource requests).',
  'ScalingActive/False/FailedGetContainerResourceMetric':
    'The autoscaler cannot read a per-container resource metric.',
  'ScalingActive/False/FailedGetPodsMetric':
    'The autoscaler cannot read a per-pod custom metric (custom metrics adapter?).',
  'ScalingActive/False/FailedGetObjectMetric':
    'The autoscaler cannot read an object metric.',
  'ScalingActive/False/FailedGetExternalMetric':
    'The autoscaler cannot read an external metric (for KEDA: the trigger’s query failed).',
  'ScalingActive/False/InvalidMetricSourceType':
    'A metric of the autoscaler has an unknown source type.',
  // HPA ScalingLimited
  'ScalingLimited/True/TooManyReplicas':
    'The autoscaler wants more replicas than maxReplicas allows.',
  'ScalingLimited/True/TooFewReplicas':
    'The autoscaler wants fewer replicas than minReplicas allows.',
  'ScalingLimited/True/ScaleUpLimit':
    'A scale-up is capped by the scale-up rate limit.',
  'ScalingLimited/True/ScaleDownLimit':
    'A scale-down is capped by the scale-down rate limit.',
  'ScalingLimited/False/DesiredWithinRange':
    'The desired replica count is within min and max.',
  // KEDA
  'Ready/True/ScaledObjectReady':
    'The ScaledObject is defined correctly and ready to scale.',
  'Ready/False/TriggerError':
    'A KEDA trigger fails — its metric cannot be read.',
  'Ready/False/PartialTriggerError':
    'Some KEDA triggers fail to return a metric.',
  'Ready/False/ErrorGettingCurrentReplicas':
    'KEDA cannot read the workload’s current replica count.',
  'Active/True/ScalerActive':
    'KEDA triggers are active: traffic is above the activation threshold.',
  'Active/False/ScalerNotActive':
    'KEDA triggers are inactive: traffic is at or below the activation threshold.',
  'Active/False/ScalerCooldown':
    'Triggers are inactive; KEDA waits for the cooldown period before scaling to zero or idle.',
  'Fallback/True/FallbackExists':
    'KEDA is using fallback replicas because a trigger keeps failing.',
  'Fallback/False/NoFallbackFound': 'No fallback is in use.',
  'Paused/True/ScaledObjectPaused': 'Autoscaling is paused by annotation.',
  'HPAActive/True/HPAActive': 'The HPA KEDA created is scaling.',
  'HPAActive/False/ScalingDisabled':
    'The HPA KEDA created is idle because the workload is at 0 replicas.',
};

const BY_TYPE_STATUS: Record<string, string> = {
  'Ready/True': 'The ScaledObject is ready.',
  'Ready/False': 'The ScaledObject is not ready.',
  'Active/True': 'KEDA triggers are active.',
  'Active/False': 'KEDA triggers are inactive.',
  'Fallback/True': 'KEDA is using fallback replicas.',
  'Fallback/False': 'No fallback is in use.',
  'Paused/True': 'Autoscaling is paused.',
  'Paused/False': 'Autoscaling is not paused.',
  'AbleToScale/True': 'The autoscaler can scale.',
  'AbleToScale/False': 'The autoscaler cannot scale.',
  'ScalingActive/True': 'The autoscaler computes replicas from its metrics.',
  'ScalingActive/False': 'The autoscaler cannot compute a replica count.',
  'ScalingLimited/True': 'The replica count is limited.',
  'ScalingLimited/False': 'The replica count is not limited.',
};

/** The condition in plain words, from its type, status and reason (falls back to its message). */
export function conditionInPlainWords(c: SlimCondition): string {
  const exact = PLAIN[`${c.type}/${c.status}/${c.reason ?? ''}`];
  if (exact) return exact;
  if (c.type === 'HPAActive' && c.status === 'False' && c.reason) {
    const mirrored = PLAIN[`ScalingActive/False/${c.reason}`];
    if (mirrored) return mirrored;
  }
  const general = BY_TYPE_STATUS[`${c.type}/${c.status}`];
  if (general) return c.message ? `${general} ${c.message}` : general;
  if (c.status === 'Unknown') return `${c.type}: not known yet.`;
  return c.message
    ? `${c.type} is ${c.status}: ${c.message}`
    : `${c.type} is ${c.status}${c.reason ? ` (${c.reason})` : ''}.`;
}

/** Conditions with their plain-words reading. */
export function toConditionViews(
  conditions: readonly SlimCondition[],
): ConditionView[] {
  return conditions.map(c => ({ ...c, plain: conditionInPlainWords(c) }));
}
