// long-file: every Kubernetes request goes through one client: deadlines, errors, paging and watch streams.
import { KubeConfig } from '@kubernetes/client-node';
import { createKubeConfig } from '@internal/plugin-model-scaling-node';
import http from 'node:http';
import https from 'node:https';
import readline from 'node:readline';
import { ClusterConfig } from '../../config/ClusterConfig';
import { TimeSlicer } from '../Collection/timeSlicing';
import { KubeApiError } from './KubeApiError';

/**
 * Watch events of every watch in the process are handled a few milliseconds
 * at a time: a burst (thousands of HPA status updates after a resync) is
 * decoded and reduced in slices, with HTTP requests served between them.
 */
const watchSlicer = new TimeSlicer();
/** Events waiting in a watch's queue above which its stream is paused (the API server then waits). */
const WATCH_QUEUE_HIGH = 2000;
/** ... and below which it resumes. */
const WATCH_QUEUE_LOW = 200;

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

/** Options of {@link KubeApiClient.watch}. */
export interface KubeWatchOptions {
  /** Deadline for the response headers; the stream itself may then last as long as the server keeps it. */
  headersTimeoutMs: number;
  /** Aborts a watch that is still waiting for its response headers. */
  signal?: AbortSignal;
}

const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Interface of the per-client connection settings. */
interface BaseOptions {
  headers: https.RequestOptions['headers'];
  /** Keep-alive agent for lists, discovery and pod proxy requests. */
  agent: http.Agent;
  /**
   * Agent for watches: one long-lived connection each, so they are never
   * queued behind the request agent's socket limit.
   */
  watchAgent: http.Agent;
}

/**
 * Talks to one cluster's API server with the credentials and TLS settings
 * of its {@link ClusterConfig}. Plain GETs (lists, discovery, pod proxy) go
 * through a keep-alive agent with a deadline; watches use the client
 * library's `Watch`.
 */
export class KubeApiClient {
  readonly kubeConfig: KubeConfig;
  readonly #server: URL;
  #base?: Promise<BaseOptions>;

  constructor(readonly cluster: ClusterConfig) {
    this.kubeConfig = createKubeConfig(cluster);
    this.#server = new URL(cluster.url);
  }

  /**
   * GET `path` (with its query), resolving to the response text for any HTTP status.
   *
   * The deadline is a plain timer and the caller's signal a plain listener,
   * both removed when the request ends. `AbortSignal.any([signal,
   * AbortSignal.timeout()])` per request registered every request as a
   * dependant of the caller's signal, which Node cleans up in a finalizer
   * that walks all of the signal's dependants for each one collected
   * (`lib/internal/abort_controller.js`, `dependantSignalsCleanupRegistry`):
   * with a Triton round's 10,000 pod-proxy requests under one round signal
   * that held the event loop for 100–200 ms.
   */
  async request(path: string, options: KubeGetOptions): Promise<KubeResponse> {
    const base = await this.#baseOptions();
    const url = new URL(joinPath(this.#server, path));
    const { signal } = options;
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const transport = url.protocol === 'https:' ? https : http;

    return new Promise<KubeResponse>((resolve, reject) => {
      let req: http.ClientRequest | undefined = undefined;
      let timer: NodeJS.Timeout | undefined = undefined;
      // Declarations: `settle` and `onAbort` refer to each other.
      function settle() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }
      function fail(message: string, statusCode?: number) {
        settle();
        req?.destroy();
        reject(new KubeApiError(message, statusCode));
      }
      function onAbort() {
        fail(`GET ${path}: aborted`);
      }
      if (signal?.aborted) {
        onAbort();
        return;
      }
      req = transport.request(
        url,
        {
          agent: base.agent,
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
              fail(
                `GET ${path}: response larger than ${maxBytes} bytes`,
                res.statusCode,
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            settle();
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'],
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', err => {
            settle();
            reject(new KubeApiError(`GET ${path}: ${err.message}`));
          });
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(
        () => fail(`GET ${path}: timed out after ${options.timeoutMs} ms`),
        options.timeoutMs,
      );
      // Like AbortSignal.timeout: the deadline alone keeps no process alive.
      timer.unref?.();
      req.on('error', err => {
        settle();
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
   * Starts a watch on `path` (newline-delimited JSON events). Resolves once
   * the server sent its response headers with status 200 (the watch is then
   * streaming), or rejects with the HTTP error, with a deadline error when the
   * headers do not arrive within `headersTimeoutMs`, or when `signal` aborts
   * first. `onDone` is called once when a started stream ends, with the error
   * if it failed (also after `stop()`).
   *
   * This replaces `Watch.watch` of `@kubernetes/client-node`
   * (`src/watch.ts`, 1.4.0), which awaits the response headers without any
   * deadline and cannot be cancelled before they arrive (its AbortController
   * is only returned afterwards), so an API server that accepts the
   * connection and never answers held a watcher, and shutdown, forever.
   */
  async watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: (event: KubeWatchEvent) => void,
    onDone: (error?: unknown) => void,
    options: KubeWatchOptions = {
      headersTimeoutMs: DEFAULT_HEADERS_TIMEOUT_MS,
    },
  ): Promise<KubeWatchHandle> {
    const base = await this.#baseOptions();
    const url = new URL(joinPath(this.#server, path));
    url.searchParams.set('watch', 'true');
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const transport = url.protocol === 'https:' ? https : http;
    const { signal, headersTimeoutMs } = options;

    return new Promise<KubeWatchHandle>((resolve, reject) => {
      let started = false;
      let ended = false;
      let req: http.ClientRequest | undefined = undefined;
      let headersTimer: NodeJS.Timeout | undefined = undefined;
      let onAbort: (() => void) | undefined = undefined;
      const end = (error?: unknown) => {
        if (ended) return;
        ended = true;
        clearTimeout(headersTimer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        req?.destroy();
        if (started) onDone(error);
        else reject(error ?? new KubeApiError(`watch ${path}: ended`));
      };
      onAbort = () => end(new KubeApiError(`watch ${path}: aborted`));
      headersTimer = setTimeout(
        () =>
          end(
            new KubeApiError(
              `watch ${path}: no response headers within ${headersTimeoutMs} ms`,
            ),
          ),
        headersTimeoutMs,
      );
      headersTimer.unref?.();
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });

      req = transport.request(
        url,
        {
          headers: {
            ...(base.headers as Record<string, string>),
            accept: 'application/json',
          },
          agent: base.watchAgent,
          method: 'GET',
        },
        res => {
          clearTimeout(headersTimer);
          if (res.statusCode !== 200) {
            readCapped(res, MAX_ERROR_BODY_BYTES).then(body =>
              end(
                errorFromResponse(
                  path,
                  {
                    status: res.statusCode ?? 0,
                    contentType: res.headers['content-type'],
                    body,
                  },
                  'watch',
                ),
              ),
            );
            return;
          }
          started = true;
          const lines = readline.createInterface({
            input: res,
            crlfDelay: Infinity,
          });
          // Events are handled in order, in time slices shared by every
          // watch; the end of the stream is handled after its last event.
          let queued = 0;
          const handle = (line: string) => {
            queued -= 1;
            if (queued < WATCH_QUEUE_LOW && res.isPaused()) res.resume();
            if (ended) return;
            let event: { type?: string; object?: unknown };
            try {
              event = JSON.parse(line);
            } catch {
              end(new KubeApiError(`watch ${path}: an event is not JSON`));
              return;
            }
            onEvent({ type: String(event?.type ?? ''), object: event?.object });
          };
          lines.on('line', line => {
            if (ended || !line.trim()) return;
            queued += 1;
            if (queued > WATCH_QUEUE_HIGH && !res.isPaused()) res.pause();
            watchSlicer.run(() => handle(line)).catch(error => end(error));
          });
          // readline re-emits errors of its input; both end the stream once.
          lines.on('error', err => end(err));
          res.on('error', err => end(err));
          // A stream closed before its end is a dropped connection: reported as
          // such so the caller resumes (and the reconnect tells the rest).
          res.on('close', () => {
            const error = res.complete
              ? undefined
              : Object.assign(new Error(`watch ${path}: connection closed`), {
                  code: 'ERR_STREAM_PREMATURE_CLOSE',
                });
            watchSlicer.run(() => end(error)).catch(() => end(error));
          });
          resolve({ stop: () => end() });
        },
      );
      req.on('error', err => {
        const code = (err as NodeJS.ErrnoException).code;
        end(
          started
            ? err
            : new KubeApiError(
                `watch ${path}: ${
                  code && !err.message.includes(code) ? `${code} ` : ''
                }${err.message}`,
              ),
        );
      });
      req.end();
    });
  }

  /** Releases pooled connections. */
  async close(): Promise<void> {
    const base = await this.#base?.catch(() => undefined);
    base?.agent.destroy();
    base?.watchAgent.destroy();
  }

  #baseOptions(): Promise<BaseOptions> {
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
        const { keepAlive: _k, maxSockets: _m, ...tlsOptions } = agentOptions;
        return {
          headers: opts.headers,
          agent: isHttps
            ? new https.Agent(agentOptions)
            : new http.Agent({ keepAlive: true, maxSockets: 32 }),
          watchAgent: isHttps
            ? new https.Agent({ ...tlsOptions, keepAlive: false })
            : new http.Agent({ keepAlive: false }),
        };
      })();
    }
    return this.#base;
  }
}

/** Turns a non-2xx response into an error with the Kubernetes Status message when there is one. */
export function errorFromResponse(
  path: string,
  res: KubeResponse,
  verb: 'GET' | 'watch' = 'GET',
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
    `${verb} ${path}: HTTP ${res.status} ${text}${detail}`,
    res.status,
    reason,
  );
}

function joinPath(server: URL, path: string): string {
  const base = server.href.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Reads a response body as text, keeping at most `maxBytes`. */
function readCapped(
  res: http.IncomingMessage,
  maxBytes: number,
): Promise<string> {
  return new Promise(resolve => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size < maxBytes) chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) res.destroy();
    });
    const done = () =>
      resolve(Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'));
    res.on('end', done);
    res.on('close', done);
    res.on('error', done);
  });
}
