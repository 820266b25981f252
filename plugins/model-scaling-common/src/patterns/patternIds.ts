import type { PatternId } from '../types/status';

/** The ids of the four golden-path scaling patterns, in the order the template offers them. */
export const PATTERN_IDS: readonly PatternId[] = [
  'realtime-cpu',
  'realtime-gpu',
  'async-batch',
  'bursty',
] as const;

/** True when `value` is one of {@link PATTERN_IDS}. */
export function isPatternId(value: unknown): value is PatternId {
  return typeof value === 'string' && (PATTERN_IDS as string[]).includes(value);
}

/** True for the patterns that run the model on a GPU by design. */
export function isGpuPattern(pattern: PatternId): boolean {
  return pattern === 'realtime-gpu';
}
