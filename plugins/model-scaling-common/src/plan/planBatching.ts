import type { BatchingPreset } from '../patterns/presets';
import type { ParsedModelServiceAnswers } from './answersSchema';
import type { ProblemList } from './problems';

/** Resolved Triton batching settings of a plan. */
export interface PlannedBatching {
  maxBatchSize: number;
  preferredBatchSizes: number[];
  maxQueueDelayMicroseconds: number;
}

/**
 * Batching settings from the answers and the preset. A queue delay the user
 * chose must fit the latency SLO; the preset's delay is lowered to a quarter
 * of the SLO when it would not.
 */
export function planBatching(
  answers: ParsedModelServiceAnswers,
  preset: BatchingPreset,
  problems: ProblemList,
  rationale: string[],
): PlannedBatching {
  const options = answers.batching ?? {};
  const preferred = options.preferredBatchSizes ?? preset.preferredBatchSizes;
  const largest = Math.max(...preferred);
  const maxBatchSize =
    options.maxBatchSize ?? Math.max(preset.maxBatchSize, largest);

  preferred.forEach((size, i) => {
    if (i > 0 && size <= preferred[i - 1]) {
      problems.add(
        `batching.preferredBatchSizes.${i}`,
        `preferred batch sizes must be strictly ascending (${preferred.join(
          ', ',
        )})`,
      );
    }
    if (size > maxBatchSize) {
      problems.add(
        `batching.preferredBatchSizes.${i}`,
        `preferred batch size ${size} exceeds max_batch_size ${maxBatchSize}`,
      );
    }
  });

  const sloMicroseconds = answers.latencySloMs * 1000;
  let delay: number;
  if (options.maxQueueDelayMicroseconds !== undefined) {
    delay = options.maxQueueDelayMicroseconds;
    if (delay >= sloMicroseconds) {
      problems.add(
        'batching.maxQueueDelayMicroseconds',
        `a queue delay of ${delay} µs (${
          delay / 1000
        } ms) must be below the latency SLO of ${
          answers.latencySloMs
        } ms, which also has to cover compute`,
      );
    }
  } else if (preset.maxQueueDelayMicroseconds > sloMicroseconds / 4) {
    delay = Math.floor(sloMicroseconds / 4);
    rationale.push(
      `The preset queue delay of ${preset.maxQueueDelayMicroseconds} µs is lowered to ${delay} µs, a quarter of the ${answers.latencySloMs} ms latency SLO, so batching leaves room for compute.`,
    );
  } else {
    delay = preset.maxQueueDelayMicroseconds;
  }

  return {
    maxBatchSize,
    preferredBatchSizes: [...preferred],
    maxQueueDelayMicroseconds: delay,
  };
}
