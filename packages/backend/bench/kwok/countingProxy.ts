/*
 * A plain-HTTP proxy in the bench process in front of the real kube-apiserver that counts the
 * requests passing through it (watch streams are piped through and count once, when opened).
 * Both plugins under test are configured with the proxy's URL, so "API requests per view" is
 * counted the same way as at the demo cluster. The proxy authenticates upstream with the
 * kubeconfig's client certificate and drops the client's Authorization header.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** Where the proxy forwards to and with which credentials (PEM strings). */
export interface ProxyUpstream {
  url: string;
  ca: string;
  cert: string;
  key: string;
}

/** A running counting proxy. */
export interface CountingProxy {
  url: string;
  resetCounts(): void;
  totalRequests(): number;
  stop(): Promise<void>;
}

/** Starts a counting proxy on a free port of 127.0.0.1. */
export async function startCountingProxy(
  upstream: ProxyUpstream,
): Promise<CountingProxy> {
  const target = new URL(upstream.url);
  const agent = new https.Agent({
    ca: upstream.ca,
    cert: upstream.cert,
    key: upstream.key,
    keepAlive: true,
    maxSockets: 256,
  });
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    const headers = { ...req.headers, host: target.host };
    delete headers.authorization;
    const up = https.request(
      {
        protocol: 'https:',
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      upRes => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', error => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    resetCounts: () => {
      count = 0;
    },
    totalRequests: () => count,
    stop: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
      agent.destroy();
    },
  };
}
