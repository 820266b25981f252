import type {
  BatchingAdviceSummary,
  DynamicBatchingSetting,
} from '../../batching/batchingAdviceSummary';
import type { Finding } from '../../types/status';
import { num, plural } from '../format';
import type { FindingRule } from '../types';

export type {
  BatchingAdviceSummary,
  DynamicBatchingSetting,
} from '../../batching/batchingAdviceSummary';

const ID = 'batching-saving';

/** The `dynamic_batching` block of a Triton `config.pbtxt` for a setting. */
export function dynamicBatchingSnippet(
  setting: DynamicBatchingSetting,
): string {
  if (!setting.dynamicBatching) return '# no dynamic_batching block';
  const sizes =
    setting.preferredBatchSizes.length > 0
      ? `  preferred_batch_size: [ ${setting.preferredBatchSizes.join(
          ', ',
        )} ]\n`
      : '';
  return `dynamic_batching {\n${sizes}  max_queue_delay_microseconds: ${setting.maxQueueDelayUs}\n}`;
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `preferred [4, 8], queue delay 5,000 µs` */
export function describeBatching(setting: DynamicBatchingSetting): string {
  if (!setting.dynamicBatching) return 'no dynamic batching';
  const sizes =
    setting.preferredBatchSizes.length > 0
      ? `preferred [${setting.preferredBatchSizes.join(', ')}]`
      : 'no preferred sizes';
  // Thousands grouped like every other figure on the page ("5,000 µs").
  return `${sizes}, queue delay ${GROUPED.format(setting.maxQueueDelayUs)} µs`;
}

function same(a: DynamicBatchingSetting, b: DynamicBatchingSetting): boolean {
  return (
    a.dynamicBatching === b.dynamicBatching &&
    a.maxQueueDelayUs === b.maxQueueDelayUs &&
    a.preferredBatchSizes.join() === b.preferredBatchSizes.join()
  );
}

/**
 * Turns the batching advisor's answer into a finding when it matters: a
 * `warning` when the live setting is predicted to miss the SLO at today's
 * load and the advised one meets it, an `info` when the advised setting
 * serves today's load with fewer GPU replicas. The fix is the exact
 * `config.pbtxt` change.
 */
export function batchingSavingFinding(
  s: BatchingAdviceSummary,
): Finding | undefined {
  const rec = s.recommended;
  if (!rec || rec.replicas === undefined) return undefined;
  if (same(rec, s.live) && rec.replicas >= s.live.replicas) return undefined;
  const liveMisses =
    s.live.saturated === true ||
    (s.live.p99Ms !== undefined && s.live.p99Ms > s.sloMs);
  const saves = rec.replicas < s.live.replicas;
  if (!liveMisses && !saves) return undefined;

  const rate = `${num(s.rateRps, 0)} req/s`;
  const title = saves
    ? `Batching could serve today’s ${rate} on ${plural(
        rec.replicas,
        'GPU replica',
      )} instead of ${s.live.replicas} (${s.model})`
    : `Live batching of ${s.model} is predicted to miss the ${num(
        s.sloMs,
      )} ms SLO at today’s ${rate}`;
  let liveP99 = 'not simulated';
  if (s.live.saturated === true)
    liveP99 = 'saturated (the queue keeps growing)';
  else if (s.live.p99Ms !== undefined)
    liveP99 = `p99 ${num(s.live.p99Ms, 1)} ms`;
  const presetText = s.preset
    ? `; golden-path preset: ${describeBatching(s.preset)}`
    : '';
  const evidence =
    `Live: ${describeBatching(s.live)} on ${plural(
      s.live.replicas,
      'replica',
    )}, ${liveP99}${presetText}. ` +
    `Advised: ${describeBatching(rec)} on ${plural(
      rec.replicas,
      'replica',
    )}, p99 ${num(rec.result?.p99Ms ?? 0, 1)} ms within the ${num(
      s.sloMs,
    )} ms SLO (simulated on the ${
      s.profile
    } batch-latency profile at ${rate}).`;
  const then = saves
    ? `then lower the autoscaler’s maximum toward ${plural(
        rec.replicas,
        'replica',
      )} once the new setting is live.`
    : 'then watch the Triton p99 against the SLO.';
  const fix = `In model_repository/${
    s.model
  }/config.pbtxt set:\n${dynamicBatchingSnippet(rec)}\n${then}`;
  return {
    id: ID,
    severity: liveMisses ? 'warning' : 'info',
    title,
    evidence,
    fix,
    subject: `TritonModel/${s.model}`,
  };
}

/**
 * `batching-saving`: the batching advisor's answer (run by the caller on a
 * measured profile, see {@link BatchingAdviceSummary}) shows a setting that
 * meets the SLO with fewer GPU replicas, or where the live one misses it.
 */
export const batchingSavingRule: FindingRule = {
  id: ID,
  description:
    'The batching advisor finds a dynamic_batching setting that serves today’s load with fewer GPU replicas, or meets the SLO where the live one does not.',
  evaluate(ctx) {
    return (ctx.batchingAdvice ?? [])
      .map(batchingSavingFinding)
      .filter((f): f is Finding => f !== undefined);
  },
};
