import { KubeConfig, Watch } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import { ClusterConfig } from '../../config/ClusterConfig';
import { KubeApiError } from './KubeApiError';

/** Options of one GET request. */
export interface KubeGetOptions {
  /** Deadline for the whole request, body included. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Larger bodies are cut off with an error (defaults to 32 MiB). */
  maxBytes?: number;
  accept?: string;
}

/** The text of a response. */
export interface KubeResponse {
  status: number;
  contentType?: string;
  body: string;
}

/** One event of a watch stream. */
export interface KubeWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR' | string;
  object: any;
}

/** A running watch; `stop()` closes its connection. */
export interface KubeWatchHandle {
  stop(): void;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Talks to one cluster's API server with the credentials and TLS settings
 * of its {@link ClusterConfig}. Plain GETs (lists, discovery, pod proxy) go
 * through a keep-alive agent with a deadline; watches use the client
 * library's `Watch`.
 */
export class KubeApiClient {
  readonly kubeConfig: KubeConfig;
  readonly #server: URL;
  #base?: Promise<https.RequestOptions>;

  constructor(readonly cluster: ClusterConfig) {
    this.kubeConfig = toKubeConfig(cluster);
    this.#server = new URL(cluster.url);
  }

  /** GET `path` (with its query), resolving to the response text for any HTTP status. */
  async request(path: string, options: KubeGetOptions): Promise<KubeResponse> {
    const base = await this.#baseOptions();
    const url = new URL(joinPath(this.#server, path));
    const signal = options.signal
      ? AbortSignal.any([
          options.signal,
          AbortSignal.timeout(options.timeoutMs),
        ])
      : AbortSignal.timeout(options.timeoutMs);
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const transport = url.protocol === 'https:' ? https : http;

    return new Promise<KubeResponse>((resolve, reject) => {
      let req: http.ClientRequest | undefined = undefined;
      const onAbort = () => {
        req?.destroy();
        reject(
          new KubeApiError(
            options.signal?.aborted
              ? `GET ${path}: aborted`
              : `GET ${path}: timed out after ${options.timeoutMs} ms`,
          ),
        );
      };
      req = transport.request(
        url,
        {
          ...base,
          method: 'GET',
          headers: {
            ...(base.headers as Record<string, string>),
            accept: options.accept ?? 'application/json',
          },
        },
        res => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              req?.destroy();
              signal.removeEventListener('abort', onAbort);
              reject(
                new KubeApiError(
                  `GET ${path}: response larger than ${maxBytes} bytes`,
                  res.statusCode,
                ),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            signal.removeEventListener('abort', onAbort);
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'],
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', err => {
            signal.removeEventListener('abort', onAbort);
            reject(new KubeApiError(`GET ${path}: ${err.message}`));
          });
        },
      );
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', err => {
        signal.removeEventListener('abort', onAbort);
        const code = (err as NodeJS.ErrnoException).code;
        reject(
          new KubeApiError(
            `GET ${path}: ${
              code && !err.message.includes(code) ? `${code} ` : ''
            }${err.message}`,
          ),
        );
      });
      req.end();
    });
  }

  /** GET `path` and parse JSON; a non-2xx status becomes a {@link KubeApiError} carrying the Status message. */
  async getJson<T = any>(path: string, options: KubeGetOptions): Promise<T> {
    const res = await this.request(path, options);
    if (res.status < 200 || res.status > 299) {
      throw errorFromResponse(path, res);
    }
    try {
      return JSON.parse(res.body) as T;
    } catch {
      throw new KubeApiError(`GET ${path}: response is not JSON`, res.status);
    }
  }

  /**
   * Starts a watch on `path`. Resolves once the server answered (the watch
   * is then streaming), or rejects with the HTTP error. `onDone` is called
   * once when the stream ends, with the error if it failed.
   */
  async watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: (event: KubeWatchEvent) => void,
    onDone: (error?: unknown) => void,
  ): Promise<KubeWatchHandle> {
    const watch = new Watch(this.kubeConfig);
    let settled = false;
    let startError: unknown;
    let ended = false;
    const controller = await watch.watch(
      path,
      query,
      (type, object) => onEvent({ type, object }),
      err => {
        if (!settled) {
          if (err) {
            startError = err;
          } else {
            ended = true;
          }
          return;
        }
        onDone(err ?? undefined);
      },
    );
    settled = true;
    if (startError !== undefined) {
      const e = startError as {
        statusCode?: number;
        message?: string;
        code?: string;
        type?: string;
      };
      // node-fetch's system errors repeat the whole URL; the code says it all.
      const detail =
        e.type === 'system' && e.code
          ? e.code
          : `${e.statusCode ? `HTTP ${e.statusCode} ` : ''}${
              e.message ?? String(startError)
            }`;
      throw new KubeApiError(`watch ${path}: ${detail}`, e.statusCode);
    }
    if (ended) {
      onDone();
    }
    return { stop: () => controller.abort() };
  }

  /** Releases pooled connections. */
  async close(): Promise<void> {
    const base = await this.#base?.catch(() => undefined);
    (base?.agent as http.Agent | undefined)?.destroy();
  }

  #baseOptions(): Promise<https.RequestOptions> {
    if (!this.#base) {
      this.#base = (async () => {
        const opts: https.RequestOptions = {};
        await this.kubeConfig.applyToHTTPSOptions(opts);
        const isHttps = this.#server.protocol === 'https:';
        const agentOptions = {
          keepAlive: true,
          maxSockets: 32,
          ca: opts.ca,
          cert: opts.cert,
          key: opts.key,
          ...(opts.rejectUnauthorized !== undefined && {
            rejectUnauthorized: opts.rejectUnauthorized,
          }),
        };
        return {
          headers: opts.headers,
          agent: isHttps
            ? new https.Agent(agentOptions)
            : new http.Agent({ keepAlive: true, maxSockets: 32 }),
        };
      })();
    }
    return this.#base;
  }
}

/** Builds the client library's KubeConfig for one configured cluster. */
export function toKubeConfig(cluster: ClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
        caFile: cluster.caFile,
      },
    ],
    users: [
      {
        name: 'model-scaling',
        token:
          cluster.auth.type === 'serviceAccount'
            ? cluster.auth.token
            : undefined,
      },
    ],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'model-scaling' },
    ],
    currentContext: cluster.name,
  });
  return kc;
}

/** Turns a non-2xx response into an error with the Kubernetes Status message when there is one. */
export function errorFromResponse(
  path: string,
  res: KubeResponse,
): KubeApiError {
  let reason: string | undefined;
  let detail = '';
  try {
    const status = JSON.parse(res.body);
    if (status?.kind === 'Status') {
      reason = status.reason;
      detail = status.message ? `: ${status.message}` : '';
    }
  } catch {
    detail = res.body ? `: ${res.body.slice(0, 200).trim()}` : '';
  }
  const text = http.STATUS_CODES[res.status] ?? 'Error';
  return new KubeApiError(
    `GET ${path}: HTTP ${res.status} ${text}${detail}`,
    res.status,
    reason,
  );
}

function joinPath(server: URL, path: string): string {
  const base = server.href.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}
