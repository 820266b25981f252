/**
 * A reader of `compute`'s answer, shared by every caller until it is older
 * than `ttlMs`; a rejected answer is forgotten at once, so the next caller
 * computes again.
 */
export function cachedPromise<T>(
  compute: () => Promise<T>,
  ttlMs: number,
  now: () => number,
): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const at = now();
    if (!cached || at - cached.at > ttlMs) {
      const value = compute();
      cached = { at, value };
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}
