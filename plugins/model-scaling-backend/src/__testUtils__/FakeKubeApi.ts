import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A recorded request to the fake API server. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

type Handler = (
  req: FakeRequest,
  res: http.ServerResponse,
) => boolean | void | Promise<boolean | void>;

/**
 * A small programmable stand-in for a Kubernetes API server, for unit tests
 * that need exact control over lists, watch streams and failures (410,
 * 401, dropped connections). Integration tests use the demo cluster instead.
 */
export class FakeKubeApi {
  readonly requests: FakeRequest[] = [];
  /** Objects served by list requests, keyed by collection path (e.g. `/api/v1/pods`). */
  readonly collections = new Map<string, any[]>();
  resourceVersion = 100;
  /** Paths whose list/watch answers with this status instead. */
  readonly failures = new Map<string, { status: number; body?: any }>();
  /** Status for every request (e.g. 401 for a bad token). */
  globalFailure?: { status: number; body?: any };
  readonly handlers: Handler[] = [];
  readonly #watches = new Set<{
    path: string;
    res: http.ServerResponse;
  }>();
  #server?: http.Server;
  url = '';

  async start(port = 0): Promise<this> {
    this.#server = http.createServer((req, res) => this.#handle(req, res));
    await new Promise<void>(resolve =>
      this.#server!.listen(port, '127.0.0.1', resolve),
    );
    const address = this.#server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
    return this;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async stop(): Promise<void> {
    for (const w of this.#watches) {
      w.res.destroy();
    }
    this.#watches.clear();
    if (this.#server) {
      this.#server.closeAllConnections();
      await new Promise<void>(resolve => this.#server!.close(() => resolve()));
      this.#server = undefined;
    }
  }

  /** Number of open watch streams on `path` (any path when omitted). */
  openWatches(path?: string): number {
    return [...this.#watches].filter(w => !path || w.path === path).length;
  }

  /** Sends one watch event to every open watch on `path`. */
  emit(path: string, type: string, object: any): void {
    if (type !== 'ERROR') {
      this.resourceVersion += 1;
      object.metadata = {
        ...object.metadata,
        resourceVersion: String(this.resourceVersion),
      };
      const items = this.collections.get(path) ?? [];
      const key = (o: any) => `${o.metadata?.namespace}/${o.metadata?.name}`;
      const rest = items.filter(o => key(o) !== key(object));
      if (type === 'ADDED' || type === 'MODIFIED') {
        this.collections.set(path, [...rest, object]);
      } else if (type === 'DELETED') {
        this.collections.set(path, rest);
      }
    }
    for (const w of this.#watches) {
      if (w.path === path) {
        w.res.write(`${JSON.stringify({ type, object })}\n`);
      }
    }
  }

  /** Ends every open watch stream on `path` (like a server-side timeout). */
  closeWatches(path?: string): void {
    for (const w of [...this.#watches]) {
      if (!path || w.path === path) {
        w.res.end();
        this.#watches.delete(w);
      }
    }
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x');
    const record: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
    };
    this.requests.push(record);
    for (const handler of this.handlers) {
      if ((await handler(record, res)) === true) {
        return;
      }
    }
    const failure = this.globalFailure ?? this.failures.get(url.pathname);
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          failure.body ?? {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            message: `fake failure ${failure.status}`,
            code: failure.status,
          },
        ),
      );
      return;
    }
    const items = this.collections.get(url.pathname);
    if (!items) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ kind: 'Status', code: 404, message: 'not found' }),
      );
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      const entry = { path: url.pathname, res };
      this.#watches.add(entry);
      res.on('close', () => this.#watches.delete(entry));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'List',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(this.resourceVersion) },
        items,
      }),
    );
  }
}
