/** Deadline of one request to an API server (list, discovery, read, apply), in ms. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** The error {@link withDeadline} rejects with. */
export class DeadlineExceededError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`${what} timed out after ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * Settles like `promise`, or rejects with a {@link DeadlineExceededError}
 * naming `what` after `timeoutMs`, so a hung API server never holds a caller
 * (a scaffolder task, a collection round) longer than its deadline.
 */
export function withDeadline<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineExceededError(what, timeoutMs)),
      timeoutMs,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
