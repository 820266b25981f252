/** An error from a Kubernetes API server (or from reaching it), with the HTTP status when there was one. */
export class KubeApiError extends Error {
  readonly name = 'KubeApiError';
  constructor(
    message: string,
    /** HTTP status code; undefined when the server could not be reached. */
    readonly statusCode?: number,
    /** The `reason` of a Kubernetes `Status` body, e.g. `Expired`, `Forbidden`. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** True for `410 Gone` (resourceVersion too old or continue token expired). */
export function isGone(error: unknown): boolean {
  return (
    (error as KubeApiError | undefined)?.statusCode === 410 ||
    (error as { code?: number } | undefined)?.code === 410
  );
}

/** A one-line description of any error thrown while talking to a cluster. */
export function describeError(error: unknown): string {
  if (error instanceof KubeApiError) {
    return error.message;
  }
  const e = error as { code?: string; message?: string; statusCode?: number };
  if (e?.statusCode) {
    return `HTTP ${e.statusCode}${e.message ? ` ${e.message}` : ''}`;
  }
  if (e?.code && e?.message && !e.message.includes(e.code)) {
    return `${e.code}: ${e.message}`;
  }
  return e?.message ?? String(error);
}
