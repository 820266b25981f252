/** What the caller of a status or fleet route may see about clusters. */
export interface StatusView {
  /**
   * True for callers allowed `model-scaling.cluster.read`: cluster errors keep
   * their raw text (API server addresses, request paths, Kubernetes messages).
   * Everyone else gets a short reason from {@link shortClusterReason}.
   */
  clusterDetails: boolean;
}

const REASONS: [RegExp, string][] = [
  [/HTTP 401\b/, 'the cluster does not accept the backend’s credentials'],
  [/HTTP 403\b/, 'the backend’s service account may not read these objects'],
  [
    /no response headers within|timed out|ETIMEDOUT|no data for/,
    'the cluster’s API server does not answer in time',
  ],
  [
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|socket hang up|closed/,
    'the cluster’s API server cannot be reached',
  ],
  [/HTTP 5\d\d\b/, 'the cluster’s API server answers with errors'],
];

/**
 * A short reason for a raw cluster error, without addresses, paths, object
 * names or server messages, for callers who may read an entity but not the
 * clusters' details.
 */
export function shortClusterReason(raw: string, configError = false): string {
  if (configError) return 'the cluster is not configured correctly';
  for (const [pattern, reason] of REASONS) {
    if (pattern.test(raw)) return reason;
  }
  return 'the cluster cannot be read right now';
}

/** The message of a cluster error as the caller may see it. */
export function clusterErrorMessage(
  raw: string,
  view: StatusView,
  configError = false,
): string {
  return view.clusterDetails ? raw : shortClusterReason(raw, configError);
}
