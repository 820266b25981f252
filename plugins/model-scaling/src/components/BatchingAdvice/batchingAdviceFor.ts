import {
  BatchProfile,
  BatchingAdvice,
  BatchingSimulationResult,
  TritonModelFigures,
  adviseBatching,
  simulateBatching,
} from '@internal/plugin-model-scaling-common';

/** Requests simulated per evaluated configuration: enough for a stable p99, quick in a browser. */
const REQUESTS_PER_EVALUATION = 4000;
/** GPU replicas the advisor may propose at most. */
const MAX_REPLICAS = 64;

/** What the advisor says about one Triton model, or why it cannot say anything. */
export type BatchingAdviceOutcome =
  | { kind: 'unavailable'; reason: string }
  | {
      kind: 'advice';
      rateRps: number;
      sloMs: number;
      /** The live configuration at the live replica count, simulated on the profile. */
      current?: { replicas: number; result: BatchingSimulationResult };
      advice: BatchingAdvice;
    };

/**
 * Runs the batching advisor on a model's current traffic: the configured
 * `dynamic_batching` at the current replica count, no batching, and the
 * recommended preferred sizes and queue delay for the SLO.
 */
export function batchingAdviceFor(input: {
  model: TritonModelFigures;
  profile: BatchProfile;
  sloMs?: number;
  /** Ready replicas now, which share the traffic. */
  replicas: number;
}): BatchingAdviceOutcome {
  const { model, profile, sloMs } = input;
  if (sloMs === undefined || !(sloMs > 0)) {
    return {
      kind: 'unavailable',
      reason:
        'No latency SLO: set the model-scaling.io/latency-slo-ms annotation.',
    };
  }
  const rateRps = model.requestsPerSecond;
  if (!(rateRps > 0)) {
    return { kind: 'unavailable', reason: 'No requests in the last sample.' };
  }
  const itemsPerRequest = model.inferencesPerSecond / rateRps;
  if (itemsPerRequest > 1.5) {
    return {
      kind: 'unavailable',
      reason: `Clients send batches of about ${Math.round(
        itemsPerRequest,
      )} items per request; the advisor models single-item requests.`,
    };
  }
  const maxBatchSize =
    model.config && model.config.maxBatchSize >= 1
      ? model.config.maxBatchSize
      : undefined;
  const replicas = Math.max(1, input.replicas);

  let current:
    | { replicas: number; result: BatchingSimulationResult }
    | undefined;
  try {
    current = {
      replicas,
      result: simulateBatching({
        profile,
        rateRps: rateRps / replicas,
        dynamicBatching: model.config?.dynamicBatching !== undefined,
        preferredBatchSizes:
          model.config?.dynamicBatching?.preferredBatchSize ?? [],
        maxQueueDelayUs:
          model.config?.dynamicBatching?.maxQueueDelayMicroseconds ?? 0,
        maxBatchSize,
        seed: 1,
        durationS: Math.max(
          0.5,
          REQUESTS_PER_EVALUATION / (rateRps / replicas),
        ),
      }),
    };
  } catch {
    // A live config the profile cannot express (e.g. sizes beyond its range): no baseline.
    current = undefined;
  }

  const advice = adviseBatching({
    profile,
    rateRps,
    sloMs,
    maxBatchSize,
    maxReplicas: MAX_REPLICAS,
    requestsPerEvaluation: REQUESTS_PER_EVALUATION,
  });
  return { kind: 'advice', rateRps, sloMs, current, advice };
}
