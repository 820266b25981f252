/*
 * The API server's pod proxy for the test Triton: answers
 * `/api/v1/namespaces/<ns>/pods/<pod>:<port>/proxy/<path>` by forwarding to
 * the Triton ports that a pod is mapped to, so the backend's collector reads
 * the real server by the same path it uses in a cluster. A port mapped to
 * nothing answers the way kube-apiserver does when the pod refuses it.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** Container port (8000, 8002) → local port, per pod name; `rewrite` changes the path sent on. */
export type PodPorts = Record<
  string,
  {
    ports: Record<number, number | undefined>;
    rewrite?: (path: string) => string;
  }
>;

export interface PodProxyServer {
  url: string;
  pods: PodPorts;
  /** Requests per pod-proxy path. */
  counts: Record<string, number>;
  close(): Promise<void>;
}

const PATH =
  /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/:]+):(\d+)\/proxy(\/.*)$/;

function refused(res: http.ServerResponse, port: number) {
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `error trying to reach service: dial tcp 127.0.0.1:${port}: connect: connection refused`,
      reason: 'ServiceUnavailable',
      code: 503,
    }),
  );
}

export async function startPodProxy(pods: PodPorts): Promise<PodProxyServer> {
  const counts: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = url.pathname.match(PATH);
    if (!m) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', code: 404 }));
      return;
    }
    counts[url.pathname] = (counts[url.pathname] ?? 0) + 1;
    const [, , pod, portText, rest] = m;
    const port = Number(portText);
    const local = pods[pod]?.ports[port];
    const sendPath = pods[pod]?.rewrite?.(rest) ?? rest;
    if (local === undefined) {
      refused(res, port);
      return;
    }
    const out = http.request(
      {
        host: '127.0.0.1',
        port: local,
        path: `${sendPath}${url.search}`,
        method: req.method,
        headers: { accept: req.headers.accept ?? '*/*' },
      },
      r => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    out.on('error', () => refused(res, port));
    req.pipe(out);
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pods,
    counts,
    close: () =>
      new Promise<void>(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
