import type { PatternId } from '../types/status';
import type { FindingsInput } from '../findings/types';
import type { ManifestWorkload } from './manifestWorkloads';

/** What a repository's files cannot tell about a workload, from options or the plan. */
export interface WorkloadContext {
  pattern?: PatternId;
  latencySloMs?: number;
  /** Size of the model weights in GB. */
  modelSizeGb?: number;
}

/**
 * The findings rules' input for a Deployment read from manifests: its slim
 * records without status, its GPU sharing and its Triton configs. Rules
 * that need live data (pods, Triton traffic, events) find nothing in it.
 */
export function toFindingsInput(
  w: ManifestWorkload,
  context: WorkloadContext = {},
): FindingsInput {
  const input: FindingsInput = {
    deployment: w.deployment,
    hpas: w.hpas,
    scaledObjects: w.scaledObjects,
    gpu: w.gpu,
    tritonConfigs: w.tritonConfigs.map(c => ({
      model: c.model,
      config: c.config,
    })),
  };
  const pattern = w.pattern ?? context.pattern;
  const latencySloMs = w.latencySloMs ?? context.latencySloMs;
  if (pattern) input.pattern = pattern;
  if (latencySloMs !== undefined) input.latencySloMs = latencySloMs;
  if (w.coldStartBudgetSeconds !== undefined)
    input.coldStartBudgetSeconds = w.coldStartBudgetSeconds;
  if (context.modelSizeGb !== undefined)
    input.modelSizeBytes = context.modelSizeGb * 1e9;
  return input;
}
