function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Drops `undefined` values and objects left empty from an action input.
 * A template passes every optional form field through (`gpu: { sharing:
 * ${{ parameters.gpuSharing }} }`); when the user left them all empty the
 * result is `gpu: {}`, which must read as "no GPU options", not as options.
 */
export function pruneEmpty<T>(value: T): T {
  if (!isPlainObject(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const pruned = pruneEmpty(child);
    if (pruned === undefined) {
      continue;
    }
    if (isPlainObject(pruned) && Object.keys(pruned).length === 0) {
      continue;
    }
    out[key] = pruned;
  }
  return out as T;
}
