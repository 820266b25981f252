/*
 * One model per workload (WorkloadModel.ts: its autoscalers, pods, GPU placement and Triton
 * figures resolved once, from live records or from manifests), read by the views (status/, below)
 * and the findings (findings/); the status document (buildWorkloadStatus.ts) assembles views and
 * findings over one model, so status/ and findings/ never import each other.
 */
export {
  buildWorkloadStatus,
  buildWorkloadStatusAndModel,
  liveWorkloadModel,
  workloadStatusAt,
} from './buildWorkloadStatus';
export type {
  BuiltWorkloadStatus,
  WorkloadStatusInput,
} from './buildWorkloadStatus';
export { buildWorkloadModel } from './WorkloadModel';
export type { WorkloadModel, WorkloadModelInput } from './WorkloadModel';
