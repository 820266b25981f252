/** What a redacted part of a value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * The KEDA trigger metadata keys the views read: each scaler's target and
 * activation thresholds (see `status/kedaTriggers.ts`), what the autoscaler
 * card shows next to a trigger (`query`, `topic`, `consumerGroup`,
 * `queueURL`) and what the findings read (`containerName`). Everything else
 * (server addresses, bootstrap servers, user names, passwords, headers,
 * TLS settings) stays in the cluster.
 */
export const TRIGGER_METADATA_VIEW_KEYS = [
  'threshold',
  'activationThreshold',
  'lagThreshold',
  'activationLagThreshold',
  'queueLength',
  'activationQueueLength',
  'value',
  'activationValue',
  'listLength',
  'activationListLength',
  'pendingEntriesCount',
  'lagCount',
  'activationLagCount',
  'subscriptionSize',
  'targetValue',
  'activationTargetValue',
  'desiredReplicas',
  'query',
  'topic',
  'consumerGroup',
  'queueURL',
  'containerName',
] as const;

const VIEW_KEYS = new Set<string>(TRIGGER_METADATA_VIEW_KEYS);
/** Other scalers' activation thresholds, kept when they are numbers. */
const ACTIVATION_KEY = /^activation[A-Z][A-Za-z0-9]*$/;
const NUMBER = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;

/** Names that hold credentials: password, token, key, secret, signature, credential, auth. */
const SECRET_NAME =
  '[A-Za-z0-9_.-]*(?:pass(?:word|wd)?|pwd|token|key|secret|signature|sig|credential|auth|cookie|session|conn(?:ection)?str(?:ing)?)[A-Za-z0-9_.-]*';

const REPLACEMENTS: [RegExp, string][] = [
  // URL user-info: scheme://user:password@host
  [/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/\s@?#]+@/g, `$1${REDACTED}@`],
  // URL parameters with a credential-like name: ?token=…&X-Amz-Signature=…
  [new RegExp(`([?&;]${SECRET_NAME}=)[^&#\\s;]*`, 'gi'), `$1${REDACTED}`],
  // Label matchers and key/value pairs with a credential-like name: api_key="…", token=~'…', password: …
  [
    new RegExp(
      `(\\b${SECRET_NAME}\\s*(?:=~|!~|!=|=|:)\\s*)(["'\`])(?:(?!\\2).)*\\2`,
      'gi',
    ),
    `$1$2${REDACTED}$2`,
  ],
  // Authorization schemes with their credential.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, REDACTED],
  // AWS access key ids.
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  // PEM private keys.
  [
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    REDACTED,
  ],
];

const SECRET_KEY = new RegExp(`^${SECRET_NAME}$`, 'i');

/** Texts up to this length have their redaction remembered. */
const MEMO_MAX_TEXT = 1024;
/** Most remembered redactions (the oldest are dropped first). */
const MEMO_MAX_ENTRIES = 4096;
/**
 * Recent redactions. The watch cache redacts every string of an autoscaler's
 * manifest on every watch event, and an HPA's status update repeats nearly
 * all of them (its spec, its condition messages); running the patterns
 * again was most of the cost of reducing the event.
 */
const memo = new Map<string, string>();

function redactUncached(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}

/** Redacts URL user-info, credential-like parameters and credential-looking values inside one text. */
export function redactText(text: string): string {
  if (text.length > MEMO_MAX_TEXT) return redactUncached(text);
  let out = memo.get(text);
  if (out === undefined) {
    out = redactUncached(text);
    if (memo.size >= MEMO_MAX_ENTRIES) memo.delete(memo.keys().next().value!);
    memo.set(text, out);
  }
  return out;
}

/**
 * KEDA trigger metadata as it may leave the backend: only the keys the views
 * read (and other scalers' numeric `activation…` thresholds), with URL
 * user-info and password-, token- or key-like values redacted. Trigger
 * metadata often carries connection strings and credentials inline (KEDA
 * accepts many without a TriggerAuthentication), and every reader of an
 * entity's Scaling tab would otherwise see them.
 */
export function redactTriggerMetadata(
  metadata: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    const view = VIEW_KEYS.has(key);
    if (!view && !(ACTIVATION_KEY.test(key) && NUMBER.test(value))) continue;
    out[key] = SECRET_KEY.test(key) && !view ? REDACTED : redactText(value);
  }
  return out;
}
