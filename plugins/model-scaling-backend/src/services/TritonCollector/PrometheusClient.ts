import { KubeApiError } from '../KubeApi/KubeApiError';
import { MAX_TRITON_RESPONSE_BYTES } from './PodProxyFetcher';

/** One element of an instant-vector result. */
export interface PrometheusSample {
  metric: Record<string, string>;
  /** `[unix seconds, "value"]`. */
  value: [number, string];
}

/** Options of {@link PrometheusClient}. */
export interface PrometheusClientOptions {
  url: string;
  timeoutMs: number;
  /** Responses larger than this are refused (default: the pod-proxy cap, 4 MiB). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/** Instant queries against Prometheus' HTTP API (`/api/v1/query`). */
export class PrometheusClient {
  readonly #url: string;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: PrometheusClientOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? fetch;
  }

  /**
   * Runs an instant query (POST, so long selectors fit) and returns its
   * vector; `options.maxBytes` raises or lowers the response cap for a query
   * whose answer grows with the fleet.
   */
  async query(
    promql: string,
    signal?: AbortSignal,
    options: { maxBytes?: number } = {},
  ): Promise<PrometheusSample[]> {
    const { status, body } = await postPrometheus(
      {
        url: this.#url,
        timeoutMs: this.options.timeoutMs,
        fetch: this.#fetch,
        maxBytes:
          options.maxBytes ??
          this.options.maxBytes ??
          MAX_TRITON_RESPONSE_BYTES,
      },
      'query',
      { query: promql },
      { label: 'Prometheus query', signal },
      (message, code) => new KubeApiError(message, code),
    );
    if (body?.status !== 'success') {
      throw new KubeApiError(
        `Prometheus query: HTTP ${status} ${body?.errorType ?? ''}: ${
          body?.error ?? 'failed'
        }`.replace(/\s+:/, ':'),
        status,
      );
    }
    if (
      body.data?.resultType !== 'vector' ||
      !Array.isArray(body.data.result)
    ) {
      throw new KubeApiError(
        `Prometheus query: expected a vector, got ${body.data?.resultType}`,
      );
    }
    return body.data.result as PrometheusSample[];
  }
}

/** Where and how {@link postPrometheus} asks. */
export interface PrometheusRequestOptions {
  /** Base URL without a trailing slash. */
  url: string;
  timeoutMs: number;
  /** Answers larger than this are refused while they are read. */
  maxBytes: number;
  fetch: typeof fetch;
}

/**
 * One call of Prometheus' HTTP API (`/api/v1/<endpoint>`, POST so long queries fit), shared by
 * the instant queries of the Triton collection and the range queries of recorded traffic: the
 * deadline, the size cap while reading and the JSON parse. Returns the HTTP status and the parsed
 * body for the caller to check its `status` and result type; errors are made by `error`, their
 * messages start with `label`.
 */
export async function postPrometheus(
  options: PrometheusRequestOptions,
  endpoint: 'query' | 'query_range',
  params: Record<string, string>,
  request: { label: string; signal?: AbortSignal },
  error: (message: string, status?: number) => Error,
): Promise<{ status: number; body: any }> {
  const { label, signal } = request;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const res = await options
    .fetch(`${options.url}/api/v1/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    })
    .catch(e => {
      throw error(
        `${label}: ${
          (e as Error).name === 'TimeoutError'
            ? `timed out after ${options.timeoutMs} ms`
            : (e as Error).message
        }`,
      );
    });
  const text = await readCapped(res, options.maxBytes, () =>
    error(
      `${label}: response larger than ${options.maxBytes} bytes`,
      res.status,
    ),
  );
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    throw error(
      `${label}: HTTP ${res.status}, the answer is not JSON`,
      res.status,
    );
  }
}

/** The body of a response as text, refused once it grows past `maxBytes`. */
async function readCapped(
  res: Response,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Escapes a string for a double-quoted PromQL string literal. */
export function promStringEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Escapes a string for a PromQL regex matcher (`=~"..."`) that must match it literally. */
export function promRegexEscape(value: string): string {
  return promStringEscape(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/**
 * Writes Prometheus samples back as text exposition lines, so the same
 * `/metrics` parser reads pod and Prometheus data. The scrape labels
 * (`pod`, `namespace`, `instance`, `job`) are dropped.
 */
export function samplesToExposition(
  samples: PrometheusSample[],
  dropLabels: string[],
): string {
  const drop = new Set(['__name__', 'instance', 'job', ...dropLabels]);
  const lines: string[] = [];
  const sorted = [...samples].sort((a, b) =>
    (a.metric.__name__ ?? '').localeCompare(b.metric.__name__ ?? ''),
  );
  for (const s of sorted) {
    const name = s.metric.__name__;
    if (!name) continue;
    const labels = Object.entries(s.metric)
      .filter(([k]) => !drop.has(k))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([k, v]) =>
          `${k}="${v
            .replace(/\\/g, '\\\\')
            .replace(/"/g, '\\"')
            .replace(/\n/g, '\\n')}"`,
      );
    lines.push(
      `${name}${labels.length ? `{${labels.join(',')}}` : ''} ${s.value[1]}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
