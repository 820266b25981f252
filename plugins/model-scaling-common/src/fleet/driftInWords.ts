import type { DriftItem, PatternId } from '../types/status';

interface Known {
  pattern: RegExp;
  words: (m: RegExpMatchArray) => string;
  unit?: string;
}

/** One formatter for every call (building an `Intl.NumberFormat` is costly). */
const GROUPED = new Intl.NumberFormat('en-US');

/** Drift fields (from `detectDrift`) in the words a platform engineer uses. */
const KNOWN: Known[] = [
  {
    pattern: /behavior\.scaleDown\.stabilizationWindowSeconds$/,
    words: () => 'scale-down window',
    unit: 's',
  },
  {
    pattern: /(?:minReplicaCount|spec\.minReplicas)$/,
    words: () => 'min replicas',
  },
  {
    pattern: /(?:maxReplicaCount|spec\.maxReplicas)$/,
    words: () => 'max replicas',
  },
  {
    pattern: /pollingInterval$/,
    words: () => 'KEDA polling interval',
    unit: 's',
  },
  { pattern: /cooldownPeriod$/, words: () => 'KEDA cooldown', unit: 's' },
  {
    pattern: /triggers\[prometheus\]\.metadata\.threshold$/,
    words: () => 'request-rate threshold per pod',
    unit: 'req/s',
  },
  {
    pattern: /triggers\[prometheus\]\.metadata\.activationThreshold$/,
    words: () => 'activation threshold',
    unit: 'req/s',
  },
  {
    pattern: /metadata\.lagThreshold$/,
    words: () => 'Kafka lag threshold',
    unit: 'messages',
  },
  {
    pattern: /metadata\.queueLength$/,
    words: () => 'SQS queue length per pod',
    unit: 'messages',
  },
  { pattern: /^scaledObject\.spec\.triggers$/, words: () => 'KEDA trigger' },
  {
    pattern: /metrics\[(cpu|memory)\]\.target\.averageUtilization$/,
    words: m => `${m[1] === 'cpu' ? 'CPU' : 'memory'} target`,
    unit: '%',
  },
  {
    pattern: /^triton\.(.+)\.dynamic_batching\.preferred_batch_size$/,
    words: m => `${m[1]} preferred batch sizes`,
  },
  {
    pattern: /^triton\.(.+)\.dynamic_batching\.max_queue_delay_microseconds$/,
    words: m => `${m[1]} queue delay`,
    unit: 'µs',
  },
  {
    pattern: /^triton\.(.+)\.dynamic_batching$/,
    words: m => `${m[1]} dynamic batching`,
  },
  { pattern: /^gpu\.sharing$/, words: () => 'GPU sharing' },
  { pattern: /^spot$/, words: () => 'spot capacity' },
  { pattern: /^autoscaler\.type$/, words: () => 'autoscaler' },
  {
    pattern: /^autoscaler\.count$/,
    words: () => 'autoscalers on the Deployment',
  },
];

function value(raw: string, unit?: string): string {
  const m = /^(-?\d+(?:\.\d+)?)(.*)$/.exec(raw);
  if (m) {
    const n = GROUPED.format(Number(m[1]));
    const rest = m[2].trim();
    return `${n}${unit ? ` ${unit}` : ''}${rest ? ` ${rest}` : ''}`;
  }
  if (raw === 'true') return 'yes';
  if (raw === 'false') return 'no';
  return raw;
}

/** Most sentences remembered by {@link driftInWords}; the memo starts afresh when full. */
const MEMO_MAX_ENTRIES = 10_000;
const memo = new Map<string, string>();

/**
 * One drift item in words against the named preset:
 * `scale-down window 300 s (Kubernetes default), preset realtime-cpu 60 s`.
 * A workload prefix (`cluster/ns/name: field`) is kept in front.
 *
 * Sentences are remembered by item and preset: the fleet index words every
 * drift item of a row each time the row is recomputed (after each collection
 * round and each HPA status update), and a fleet shares a few presets and
 * values, while matching the field against the known ones and formatting
 * the numbers (`Intl.NumberFormat`) was a tenth of a row's cost.
 */
export function driftInWords(item: DriftItem, pattern?: PatternId): string {
  const key = `${item.field}\u0000${item.actual}\u0000${item.expected}\u0000${
    pattern ?? ''
  }`;
  let words = memo.get(key);
  if (words === undefined) {
    words = wordsOf(item, pattern);
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(key, words);
  }
  return words;
}

function wordsOf(item: DriftItem, pattern?: PatternId): string {
  const split = /^(.*): (.*)$/.exec(item.field);
  const prefix = split ? `${split[1]}: ` : '';
  const field = split ? split[2] : item.field;
  const known = KNOWN.find(k => k.pattern.test(field));
  const name = known ? known.words(field.match(known.pattern)!) : field;
  const presetName = pattern ? `preset ${pattern}` : 'preset';
  return `${prefix}${name} ${value(
    item.actual,
    known?.unit,
  )}, ${presetName} ${value(item.expected, known?.unit)}`;
}
