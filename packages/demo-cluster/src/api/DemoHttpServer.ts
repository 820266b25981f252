import http, { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { statusBody } from './ApiError';
import { DemoFaults } from './faults';

/** The request handler behind the server, after authentication. */
export type AuthenticatedHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
) => Promise<void>;

/** Options of {@link DemoHttpServer}. */
export interface DemoHttpServerOptions {
  host: string;
  /** 0 picks a free port on the first start; later starts reuse it. */
  port: number;
  /** The bearer token every request must carry. */
  token: string;
  /**
   * When set, `token` may only read (GET) and this token may read and write,
   * as a read-only ClusterRole and a write Role would allow.
   */
  writeToken?: string;
  faults: DemoFaults;
  handler: AuthenticatedHandler;
}

const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/livez']);

function sendStatus(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
) {
  const text = JSON.stringify(statusBody(code, reason, message));
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * The HTTP side of the demo cluster: bearer-token authentication, a per-path request
 * counter, fault hooks, open watches ended on stop, and start/stop on the same port.
 */
export class DemoHttpServer {
  /** Requests per URL path (without the query), live; cleared by {@link DemoHttpServer.resetCounts}. */
  readonly requestCounts: Record<string, number> = {};
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly watches = new Set<() => void>();
  private boundPort: number;

  constructor(private readonly options: DemoHttpServerOptions) {
    this.boundPort = options.port;
  }

  /** The port the server listens on (after the first start). */
  get port(): number {
    return this.boundPort;
  }

  /** `http://host:port`. */
  get url(): string {
    return `http://${this.options.host}:${this.boundPort}`;
  }

  /** Registers an open watch so that stop() ends it; returns the unregister function. */
  trackWatch(end: () => void): () => void {
    this.watches.add(end);
    return () => this.watches.delete(end);
  }

  /** Total requests, optionally only those whose path starts with `prefix`. */
  totalRequests(prefix?: string): number {
    return Object.entries(this.requestCounts)
      .filter(([path]) => prefix === undefined || path.startsWith(prefix))
      .reduce((sum, [, n]) => sum + n, 0);
  }

  /** Clears the request counter. */
  resetCounts(): void {
    for (const key of Object.keys(this.requestCounts))
      delete this.requestCounts[key];
  }

  /** Starts listening (on the same port as before after a stop). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch(e => {
        if (!res.headersSent) sendStatus(res, 500, 'InternalError', String(e));
        else res.destroy();
      });
    });
    server.keepAliveTimeout = 5000;
    server.on('connection', socket => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.boundPort = address.port;
    this.server = server;
  }

  /** Stops listening, ends open watches and drops every connection. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const end of [...this.watches]) end();
    this.watches.clear();
    const closed = new Promise<void>(resolve => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requestCounts[url.pathname] =
      (this.requestCounts[url.pathname] ?? 0) + 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const { faults } = this.options;
    if (faults.latencyMs)
      await new Promise(r => setTimeout(r, faults.latencyMs));
    // The demo's Prometheus API is read-only and open, like a Prometheus.
    if (
      !PUBLIC_PATHS.has(url.pathname) &&
      !url.pathname.startsWith('/prometheus/')
    ) {
      const auth = req.headers.authorization ?? '';
      const { token, writeToken } = this.options;
      const isWriter = !!writeToken && auth === `Bearer ${writeToken}`;
      if (auth !== `Bearer ${token}` && !isWriter) {
        sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
        return;
      }
      const method = (req.method ?? 'GET').toUpperCase();
      if (writeToken && !isWriter && method !== 'GET' && method !== 'HEAD') {
        sendStatus(
          res,
          403,
          'Forbidden',
          `forbidden: User "system:serviceaccount:backstage:backstage-model-scaling" cannot ${method.toLowerCase()} path "${
            url.pathname
          }": the read identity may only read`,
        );
        return;
      }
      if (faults.forbidAll) {
        sendStatus(
          res,
          403,
          'Forbidden',
          `forbidden: User "system:serviceaccount:backstage:backstage" cannot ${(
            req.method ?? 'get'
          ).toLowerCase()} path "${url.pathname}"`,
        );
        return;
      }
    }
    await this.options.handler(req, res, url, body);
  }
}
