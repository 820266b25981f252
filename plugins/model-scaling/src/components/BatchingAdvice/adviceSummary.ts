import {
  BatchingAdviceSummary,
  BatchProfile,
  DynamicBatchingSetting,
  PatternId,
  PatternPresets,
  TritonModelFigures,
} from '@internal/plugin-model-scaling-common';
import { BatchingAdviceOutcome } from './batchingAdviceFor';

/** The live `dynamic_batching` of a model, as Triton reports its config. */
export function liveBatching(
  model: TritonModelFigures,
): DynamicBatchingSetting {
  const db = model.config?.dynamicBatching;
  return {
    dynamicBatching: db !== undefined,
    preferredBatchSizes: db?.preferredBatchSize ?? [],
    maxQueueDelayUs: db?.maxQueueDelayMicroseconds ?? 0,
  };
}

/** The golden-path batching preset of a pattern, when the pattern runs Triton. */
export function presetBatching(
  pattern: PatternId | undefined,
  presets: PatternPresets,
): DynamicBatchingSetting | undefined {
  if (!pattern || pattern === 'realtime-cpu') return undefined;
  const batching = presets[pattern].batching;
  return {
    dynamicBatching: true,
    preferredBatchSizes: batching.preferredBatchSizes,
    maxQueueDelayUs: batching.maxQueueDelayMicroseconds,
  };
}

/** The advisor's outcome as the input of the common `batching-saving` finding. */
export function adviceSummary(input: {
  model: TritonModelFigures;
  profile: BatchProfile;
  outcome: BatchingAdviceOutcome;
  preset?: DynamicBatchingSetting;
}): BatchingAdviceSummary | undefined {
  const { model, profile, outcome, preset } = input;
  if (outcome.kind !== 'advice' || !outcome.current) return undefined;
  return {
    model: model.model,
    rateRps: outcome.rateRps,
    sloMs: outcome.sloMs,
    profile: `${profile.model}${profile.gpu ? ` (${profile.gpu})` : ''}`,
    live: {
      ...liveBatching(model),
      replicas: outcome.current.replicas,
      p99Ms: outcome.current.result.p99Ms,
      saturated: outcome.current.result.saturated,
    },
    ...(preset && { preset }),
    ...(outcome.advice.recommended && {
      recommended: outcome.advice.recommended,
    }),
  };
}
