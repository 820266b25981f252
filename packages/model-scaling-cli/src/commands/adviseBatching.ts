import {
  adviseBatching,
  BatchingInputError,
  BatchProfile,
  BatchProfileError,
  H200_BATCH_PROFILES,
  loadBatchProfiles,
} from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';
import { CliIo, resolvePath } from '../io';
import { readJsonFile } from '../readJson';
import { parsePositiveNumber } from './options';

/** Options of `model-scaling advise-batching`. */
export interface AdviseBatchingCommandOptions {
  profile?: string;
  model?: string;
  rate?: string;
  sloMs?: string;
  maxBatchSize?: string;
}

/**
 * `model-scaling advise-batching`: recommends Triton `preferred_batch_size`
 * and `max_queue_delay_microseconds` for a model from its measured batch
 * profile, a request rate and a latency SLO; prints JSON.
 */
export async function adviseBatchingCommand(
  options: AdviseBatchingCommandOptions,
  io: CliIo,
): Promise<number> {
  for (const [flag, value] of [
    ['--model', options.model],
    ['--rate', options.rate],
    ['--slo-ms', options.sloMs],
  ] as const) {
    if (value === undefined) throw new CliError(`${flag} is required`);
  }
  const rateRps = parsePositiveNumber(options.rate!, '--rate');
  const sloMs = parsePositiveNumber(options.sloMs!, '--slo-ms');
  const maxBatchSize =
    options.maxBatchSize === undefined
      ? undefined
      : parsePositiveNumber(options.maxBatchSize, '--max-batch-size');

  // Without --profile: the H200 profiles the common package ships (measured, fp16, CUDA graphs).
  let profiles: BatchProfile[] = H200_BATCH_PROFILES;
  const source = options.profile ?? 'the built-in H200 profiles';
  if (options.profile !== undefined) {
    const json = await readJsonFile(
      resolvePath(io, options.profile),
      'Batch profile',
    );
    try {
      profiles = loadBatchProfiles(json);
    } catch (e) {
      if (e instanceof BatchProfileError)
        throw new CliError(`${options.profile}: ${e.message}`);
      throw e;
    }
  }
  const profile = profiles.find(p => p.model === options.model);
  if (!profile) {
    throw new CliError(
      `--model ${options.model}: not in ${source} (models: ${profiles
        .map(p => p.model)
        .join(', ')})`,
    );
  }
  try {
    const advice = adviseBatching({
      profile,
      rateRps,
      sloMs,
      ...(maxBatchSize ? { maxBatchSize } : {}),
    });
    io.stdout(
      `${JSON.stringify(
        { model: profile.model, gpu: profile.gpu, rateRps, sloMs, ...advice },
        null,
        2,
      )}\n`,
    );
  } catch (e) {
    if (e instanceof BatchingInputError) throw new CliError(e.message);
    throw e;
  }
  return 0;
}
