import type { FindingRule } from '../types';
import { autoscalerConditionFailingRule } from './autoscalerConditionFailing';
import { batchingSavingRule } from './batchingSaving';
import { coldStartOverBudgetRule } from './coldStartOverBudget';
import { cpuMetricOnGpuRule } from './cpuMetricOnGpu';
import { defaultScaleDownWindowRule } from './defaultScaleDownWindow';
import { dynamicBatchingIneffectiveRule } from './dynamicBatchingIneffective';
import { dynamicBatchingOffRule } from './dynamicBatchingOff';
import { hpaAndKedaConflictRule } from './hpaAndKedaConflict';
import { hpaAtMaxReplicasRule } from './hpaAtMaxReplicas';
import { kedaFallbackActiveRule } from './kedaFallbackActive';
import { kedaTriggerErrorsRule } from './kedaTriggerErrors';
import { podsPendingWhileScalingRule } from './podsPendingWhileScaling';
import { queueDelayExceedsSloRule } from './queueDelayExceedsSlo';
import { realtimeOnSpotRule } from './realtimeOnSpot';
import { replicasWithoutThroughputRule } from './replicasWithoutThroughput';
import { timeSlicingLargeModelRule } from './timeSlicingLargeModel';
import { utilizationWithoutRequestsRule } from './utilizationWithoutRequests';

/** Every findings rule, in the order they run. */
export const FINDING_RULES: readonly FindingRule[] = [
  hpaAndKedaConflictRule,
  utilizationWithoutRequestsRule,
  autoscalerConditionFailingRule,
  kedaTriggerErrorsRule,
  kedaFallbackActiveRule,
  podsPendingWhileScalingRule,
  hpaAtMaxReplicasRule,
  cpuMetricOnGpuRule,
  defaultScaleDownWindowRule,
  coldStartOverBudgetRule,
  dynamicBatchingOffRule,
  dynamicBatchingIneffectiveRule,
  queueDelayExceedsSloRule,
  timeSlicingLargeModelRule,
  realtimeOnSpotRule,
  replicasWithoutThroughputRule,
  batchingSavingRule,
];

export {
  autoscalerConditionFailingRule,
  batchingSavingRule,
  coldStartOverBudgetRule,
  cpuMetricOnGpuRule,
  defaultScaleDownWindowRule,
  dynamicBatchingIneffectiveRule,
  dynamicBatchingOffRule,
  hpaAndKedaConflictRule,
  hpaAtMaxReplicasRule,
  kedaFallbackActiveRule,
  kedaTriggerErrorsRule,
  podsPendingWhileScalingRule,
  queueDelayExceedsSloRule,
  realtimeOnSpotRule,
  replicasWithoutThroughputRule,
  timeSlicingLargeModelRule,
  utilizationWithoutRequestsRule,
};
