// long-file: list, watch, resume, bookmark, relist and backoff of one kind are one state machine.
import { LoggerService } from '@backstage/backend-plugin-api';
import { SlimObject } from '@internal/plugin-model-scaling-common';
import { KubeApiClient, KubeWatchHandle } from '../KubeApi/KubeApiClient';
import { describeError, isGone, KubeApiError } from '../KubeApi/KubeApiError';
import { Backoff, BackoffOptions } from './backoff';
import { collectionPath, KindSpec } from './kinds';
import { KindStore, objectKey } from './ObjectStore';

/** Turns a raw Kubernetes object of the watched kind into its slim record. */
export type Reducer = (raw: any) => SlimObject;

/** Options of one {@link KindWatcher}. */
export interface KindWatcherOptions {
  client: KubeApiClient;
  spec: KindSpec;
  /** One namespace, or undefined for all namespaces. */
  namespace?: string;
  store: KindStore;
  reduce: Reducer;
  logger: LoggerService;
  backoff: BackoffOptions;
  /** Deadline of each list request, and of the response headers of each watch. */
  requestTimeoutMs: number;
  /** Server-side watch timeout; the stream is then resumed from the last resourceVersion. */
  watchTimeoutSeconds: number;
  /** Page size of list requests (default 500). */
  pageSize?: number;
  /** Deadline of each list page request (default: requestTimeoutMs). */
  listTimeoutMs?: number;
  /** Called whenever the watcher's state changes. */
  onStateChange?: () => void;
  now?: () => Date;
}

/** The state of one kind's list+watch, for `GET /v1/clusters`. */
export interface KindWatcherState {
  kind: string;
  namespace?: string;
  /** A full list has completed at least once. */
  synced: boolean;
  /** The watch stream is open right now. */
  connected: boolean;
  count: number;
  resourceVersion?: string;
  lastError?: string;
  /** When the current run of errors started. */
  errorSince?: string;
  lastListAt?: string;
  relists: number;
}

/**
 * Keeps one kind (in one namespace or all) in the store: list, then watch
 * from the list's resourceVersion with bookmarks, resume after a stream
 * ends, relist on `410 Gone`, back off exponentially on errors.
 */
export class KindWatcher {
  readonly #o: KindWatcherOptions;
  readonly #backoff: Backoff;
  readonly #path: string;
  readonly #now: () => Date;
  #resourceVersion?: string;
  #stopped = false;
  #running?: Promise<void>;
  #watch?: KubeWatchHandle;
  #abort = new AbortController();
  #sleepTimer?: NodeJS.Timeout;
  #wake?: () => void;
  #state: KindWatcherState;
  /** 410s in a row without a good event in between; beyond 3 they back off like errors. */
  #goneStreak = 0;

  constructor(options: KindWatcherOptions) {
    this.#o = options;
    this.#backoff = new Backoff(options.backoff);
    this.#path = collectionPath(options.spec, options.namespace);
    this.#now = options.now ?? (() => new Date());
    this.#state = {
      kind: options.spec.kind,
      namespace: options.namespace,
      synced: false,
      connected: false,
      count: 0,
      relists: 0,
    };
  }

  get state(): KindWatcherState {
    return {
      ...this.#state,
      count: this.#o.store.countScope(this.#o.namespace),
      resourceVersion: this.#resourceVersion,
    };
  }

  /** The watched kind and namespace (undefined: all), and the cheap parts of {@link state}. */
  get kind(): string {
    return this.#state.kind;
  }

  get namespace(): string | undefined {
    return this.#state.namespace;
  }

  get synced(): boolean {
    return this.#state.synced;
  }

  get failing(): boolean {
    return this.#state.lastError !== undefined;
  }

  start(): void {
    if (!this.#running) {
      this.#running = this.#loop();
    }
  }

  /** Stops the loop, closes the watch, cancels in-flight requests and waits for the loop to end. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    this.#watch?.stop();
    if (this.#sleepTimer) clearTimeout(this.#sleepTimer);
    this.#wake?.();
    await this.#running;
  }

  async #loop(): Promise<void> {
    while (!this.#stopped) {
      try {
        if (!this.#resourceVersion) {
          await this.#list();
        }
        const started = Date.now();
        const events = await this.#watchOnce();
        if (events === 0 && Date.now() - started < 1000) {
          // The server ends streams at once: do not spin.
          await this.#sleep(this.#backoff.next());
        }
      } catch (error) {
        if (this.#stopped) break;
        if (isGone(error) && this.#goneStreak < 3) {
          this.#goneStreak += 1;
          this.#o.logger.info('Cluster watch expired, relisting', {
            cluster: this.#o.client.cluster.name,
            kind: this.#o.spec.kind,
            namespace: this.#o.namespace,
          });
          this.#resourceVersion = undefined;
          continue;
        }
        if (isGone(error)) {
          this.#resourceVersion = undefined;
        }
        this.#fail(error);
        await this.#sleep(this.#backoff.next());
      }
    }
    this.#setState({ connected: false });
  }

  async #list(): Promise<void> {
    const items: SlimObject[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const query = new URLSearchParams({
        limit: String(this.#o.pageSize ?? 500),
      });
      if (this.#o.spec.fieldSelector)
        query.set('fieldSelector', this.#o.spec.fieldSelector);
      if (continueToken) query.set('continue', continueToken);
      const page = await this.#o.client.getJson(`${this.#path}?${query}`, {
        timeoutMs: this.#o.listTimeoutMs ?? this.#o.requestTimeoutMs,
        signal: this.#abort.signal,
      });
      if (!Array.isArray(page?.items)) {
        throw new KubeApiError(`GET ${this.#path}: list has no items array`);
      }
      for (const raw of page.items) {
        const slim = this.#reduce(raw);
        if (slim) items.push(slim);
      }
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion;
    } while (continueToken && !this.#stopped);
    if (this.#stopped) return;
    this.#o.store.replaceScope(this.#o.namespace, items);
    this.#resourceVersion = resourceVersion;
    this.#setState({
      synced: true,
      lastListAt: this.#now().toISOString(),
      relists: this.#state.relists + 1,
    });
  }

  /** One watch stream; resolves with its event count when the server ends it normally, rejects on errors and 410. */
  #watchOnce(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let finished = false;
      let events = 0;
      let idleTimer: NodeJS.Timeout | undefined;
      const finish = (error?: unknown) => {
        if (finished) return;
        finished = true;
        if (idleTimer) clearTimeout(idleTimer);
        this.#watch?.stop();
        this.#watch = undefined;
        this.#setState({ connected: false });
        if (error) reject(error);
        else resolve(events);
      };
      // A stream that stays silent well past its server-side timeout is half-open: drop it.
      const idleMs = (this.#o.watchTimeoutSeconds + 30) * 1000;
      const armIdle = () => {
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = setTimeout(
          () =>
            finish(
              new KubeApiError(`watch ${this.#path}: no data for ${idleMs} ms`),
            ),
          idleMs,
        );
        idleTimer.unref?.();
      };

      this.#o.client
        .watch(
          this.#path,
          {
            resourceVersion: this.#resourceVersion,
            allowWatchBookmarks: true,
            timeoutSeconds: this.#o.watchTimeoutSeconds,
            fieldSelector: this.#o.spec.fieldSelector,
          },
          event => {
            if (finished) return;
            events += 1;
            armIdle();
            try {
              this.#onEvent(event.type, event.object);
            } catch (error) {
              finish(error);
            }
          },
          // A dropped connection ends the stream like a server timeout: resume, and let
          // the reconnect tell whether the server is really gone.
          error => finish(isDroppedConnection(error) ? undefined : error),
          // Our own deadline for the response headers, and stop() aborts a
          // watch still waiting for them: a server that accepts the
          // connection and never answers cannot hold this loop.
          {
            headersTimeoutMs: this.#o.requestTimeoutMs,
            signal: this.#abort.signal,
          },
        )
        .then(handle => {
          if (finished || this.#stopped) {
            handle.stop();
            finish();
            return;
          }
          this.#watch = handle;
          armIdle();
          this.#backoff.reset();
          this.#setState({
            connected: true,
            lastError: undefined,
            errorSince: undefined,
          });
        }, finish);
    });
  }

  #onEvent(type: string, object: any): void {
    const rv: string | undefined = object?.metadata?.resourceVersion;
    switch (type) {
      case 'ADDED':
      case 'MODIFIED': {
        const slim = this.#reduce(object);
        if (slim) this.#o.store.upsert(slim);
        break;
      }
      case 'DELETED': {
        const name = object?.metadata?.name;
        if (name) {
          this.#o.store.delete(
            objectKey({ meta: { namespace: object.metadata.namespace, name } }),
          );
        }
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR': {
        const code = object?.code;
        throw new KubeApiError(
          `watch ${this.#path}: ${object?.message ?? 'error event'}`,
          typeof code === 'number' ? code : undefined,
          object?.reason,
        );
      }
      default:
        return;
    }
    if (rv) this.#resourceVersion = rv;
    this.#goneStreak = 0;
  }

  #reduce(raw: any): SlimObject | undefined {
    try {
      return this.#o.reduce(raw);
    } catch (error) {
      this.#o.logger.warn('Skipped an object the reducer could not read', {
        cluster: this.#o.client.cluster.name,
        kind: this.#o.spec.kind,
        name: raw?.metadata?.name,
        error: describeError(error),
      });
      return undefined;
    }
  }

  #fail(error: unknown): void {
    const message = describeError(error);
    if (message !== this.#state.lastError) {
      this.#o.logger.warn('Cluster watch failed', {
        cluster: this.#o.client.cluster.name,
        kind: this.#o.spec.kind,
        namespace: this.#o.namespace,
        error: message,
      });
    }
    this.#setState({
      connected: false,
      lastError: message,
      errorSince: this.#state.errorSince ?? this.#now().toISOString(),
    });
  }

  #sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      this.#wake = resolve;
      this.#sleepTimer = setTimeout(resolve, ms);
      this.#sleepTimer.unref?.();
    });
  }

  #setState(patch: Partial<KindWatcherState>) {
    this.#state = { ...this.#state, ...patch };
    this.#o.onStateChange?.();
  }
}

function isDroppedConnection(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET';
}
