import type { PatternId } from '../types/status';
import { DEFAULT_PATTERN_PRESETS, PatternPresets } from '../patterns/presets';
import type { ModelServiceAnswers } from './answersSchema';
import { estimateColdStartSeconds } from './coldStart';

/** The answers `recommendPattern` reads. */
export type RecommendationInput = Pick<
  ModelServiceAnswers,
  'needsGpu' | 'trafficShape' | 'modelSizeGb' | 'latencySloMs' | 'peakRps'
> & {
  scaleToZero?: ModelServiceAnswers['scaleToZero'];
};

/** A recommended pattern and the reasons for it, in plain sentences. */
export interface PatternRecommendation {
  pattern: PatternId;
  rationale: string[];
}

/**
 * Recommends one of the four golden-path patterns from what is known about a
 * model and its traffic, and says why.
 */
export function recommendPattern(
  answers: RecommendationInput,
  presets: PatternPresets = DEFAULT_PATTERN_PRESETS,
): PatternRecommendation {
  const { needsGpu, trafficShape, modelSizeGb, latencySloMs } = answers;
  const realtime: PatternId = needsGpu ? 'realtime-gpu' : 'realtime-cpu';
  const rationale: string[] = [];

  if (trafficShape === 'queue') {
    rationale.push(
      'Work arrives through a queue, so replicas should follow the backlog, not CPU: async-batch scales consumers with KEDA on the queue length or consumer lag.',
      'Queue consumers tolerate interruption when they commit or delete messages only after the work is done, so they can run on cheaper spot capacity.',
    );
    if (needsGpu) {
      rationale.push(
        'The model needs a GPU: the consumer calls a Triton sidecar with large batches, and time-slicing lets several consumers share one GPU.',
      );
    }
    return { pattern: 'async-batch', rationale };
  }

  if (trafficShape === 'bursty') {
    const budget =
      answers.scaleToZero?.coldStartBudgetSeconds ??
      presets.bursty.coldStartBudgetSeconds;
    const estimate = estimateColdStartSeconds(modelSizeGb, needsGpu);
    if (estimate <= budget) {
      rationale.push(
        `Traffic comes in bursts with idle time between them, so paying for idle replicas is waste: bursty scales to zero with KEDA and wakes on the first requests.`,
        `A ${modelSizeGb} GB ${
          needsGpu ? 'GPU' : 'CPU'
        } model should start in about ${estimate} s on an existing node, within the ${budget} s cold-start budget; the first requests of a burst wait that long (plus node provisioning when the cluster autoscaler has to add a node).`,
      );
      return { pattern: 'bursty', rationale };
    }
    rationale.push(
      `Traffic is bursty, but a ${modelSizeGb} GB model needs about ${estimate} s to start, more than the ${budget} s cold-start budget, so scaling to zero would fail the first requests of each burst.`,
      `${realtime} keeps warm replicas and scales on ${
        needsGpu ? 'the request rate' : 'CPU and memory'
      } instead.`,
    );
    return { pattern: realtime, rationale };
  }

  const shape =
    trafficShape === 'diurnal'
      ? 'Traffic follows a daily curve'
      : 'Traffic is steady';
  if (needsGpu) {
    rationale.push(
      `${shape} and callers wait for answers (latency SLO ${latencySloMs} ms): realtime-gpu keeps warm replicas.`,
      'The model runs on a GPU, where CPU utilization says nothing about load: Triton serves it with dynamic batching and KEDA scales on the Prometheus request rate.',
    );
  } else {
    rationale.push(
      `${shape} and callers wait for answers (latency SLO ${latencySloMs} ms): realtime-cpu keeps at least ${presets['realtime-cpu'].minReplicas} warm replicas.`,
      'A CPU-only model uses CPU in proportion to its load, so an autoscaling/v2 HPA on CPU and memory utilization is the right signal.',
    );
    if (modelSizeGb > 4) {
      rationale.push(
        `At ${modelSizeGb} GB the model is large for CPU serving; if the latency SLO is hard to meet, consider a GPU.`,
      );
    }
  }
  return { pattern: realtime, rationale };
}
