import type { PatternId } from '../types/status';
import type { WorkloadModel } from '../workload/WorkloadModel';
import type { ManifestWorkload } from './manifestWorkloads';

/** What a repository's files cannot tell about a workload, from options or the plan. */
export interface WorkloadContext {
  pattern?: PatternId;
  latencySloMs?: number;
  /** Size of the model weights in GB. */
  modelSizeGb?: number;
}

/**
 * The workload model of a Deployment read from manifests (built once by
 * `manifestWorkloads`), with what the files cannot tell filled in from the
 * context; the annotations win over the context. Rules that need live data
 * (pods, Triton traffic, events) find nothing in it.
 */
export function manifestWorkloadModel(
  w: ManifestWorkload,
  context: WorkloadContext = {},
): WorkloadModel {
  const model: WorkloadModel = { ...w.model };
  const pattern = w.pattern ?? context.pattern;
  const latencySloMs = w.latencySloMs ?? context.latencySloMs;
  if (pattern) model.pattern = pattern;
  if (latencySloMs !== undefined) model.latencySloMs = latencySloMs;
  if (context.modelSizeGb !== undefined)
    model.modelSizeBytes = context.modelSizeGb * 1e9;
  return model;
}
