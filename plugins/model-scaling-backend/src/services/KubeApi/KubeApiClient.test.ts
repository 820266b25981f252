import { getEventListeners } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { FakeKubeApi } from '../../__testUtils__/FakeKubeApi';
import { KubeApiClient } from './KubeApiClient';
import { isGone } from './KubeApiError';

describe('KubeApiClient', () => {
  let api: FakeKubeApi;
  let client: KubeApiClient;

  beforeEach(async () => {
    api = await new FakeKubeApi().start();
    client = new KubeApiClient({
      name: 'fake',
      url: api.url,
      auth: { type: 'serviceAccount', token: 'secret-token' },
      skipTLSVerify: true,
    });
  });

  afterEach(async () => {
    await client.close();
    await api.stop();
  });

  it('sends the bearer token and parses JSON', async () => {
    api.collections.set('/api/v1/pods', [{ metadata: { name: 'p' } }]);
    const list = await client.getJson('/api/v1/pods?limit=10', {
      timeoutMs: 1000,
    });
    expect(list.items).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({
      path: '/api/v1/pods',
      authorization: 'Bearer secret-token',
    });
    expect(api.requests[0].query.get('limit')).toBe('10');
  });

  it('turns a Status body into an error with code and message', async () => {
    api.globalFailure = {
      status: 403,
      body: {
        kind: 'Status',
        reason: 'Forbidden',
        message: 'pods is forbidden: User "x" cannot list',
        code: 403,
      },
    };
    await expect(
      client.getJson('/api/v1/pods', { timeoutMs: 1000 }),
    ).rejects.toMatchObject({
      statusCode: 403,
      reason: 'Forbidden',
      message: expect.stringContaining('HTTP 403 Forbidden: pods is forbidden'),
    });
  });

  it('gives up at the deadline when the server hangs', async () => {
    api.handlers.push(() => true); // never answers
    const started = Date.now();
    await expect(
      client.request('/api/v1/pods', { timeoutMs: 150 }),
    ).rejects.toThrow(/timed out after 150 ms/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('ends a request when the caller’s signal aborts, and leaves no listener on the signal after a request ends', async () => {
    const round = new AbortController();
    api.collections.set('/api/v1/pods', []);
    for (let i = 0; i < 3; i++) {
      await client.request('/api/v1/pods', {
        timeoutMs: 1000,
        signal: round.signal,
      });
    }
    await expect(
      client.request('/x', {
        timeoutMs: 1000,
        maxBytes: 10,
        signal: round.signal,
      }),
    ).rejects.toThrow(/larger than 10 bytes/);
    expect(getEventListeners(round.signal, 'abort')).toHaveLength(0);

    api.handlers.push(() => true); // never answers
    const pending = client.request('/hang', {
      timeoutMs: 5000,
      signal: round.signal,
    });
    await new Promise(r => setTimeout(r, 50));
    round.abort();
    await expect(pending).rejects.toThrow('GET /hang: aborted');
    // An aborted signal refuses at once, without a request.
    const before = api.requests.length;
    await expect(
      client.request('/api/v1/pods', { timeoutMs: 1000, signal: round.signal }),
    ).rejects.toThrow('GET /api/v1/pods: aborted');
    expect(api.requests.length).toBe(before);
  });

  it('cuts off oversized bodies', async () => {
    api.handlers.push((_req, res) => {
      res.writeHead(200);
      res.end('x'.repeat(5000));
      return true;
    });
    await expect(
      client.request('/x', { timeoutMs: 1000, maxBytes: 1000 }),
    ).rejects.toThrow(/larger than 1000 bytes/);
  });

  it('reports an unreachable server', async () => {
    await api.stop();
    await expect(
      client.request('/api/v1/pods', { timeoutMs: 1000 }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('streams watch events and reports the end of the stream', async () => {
    api.collections.set('/api/v1/pods', []);
    const events: string[] = [];
    const done = new Promise<unknown>(resolve => {
      client
        .watch(
          '/api/v1/pods',
          { resourceVersion: '100', allowWatchBookmarks: true },
          e => events.push(`${e.type}:${e.object.metadata.name}`),
          resolve,
        )
        .then(() => {
          api.emit('/api/v1/pods', 'ADDED', { metadata: { name: 'a' } });
          api.emit('/api/v1/pods', 'DELETED', { metadata: { name: 'a' } });
          setTimeout(() => api.closeWatches(), 50);
        });
    });
    await expect(done).resolves.toBeUndefined();
    expect(events).toEqual(['ADDED:a', 'DELETED:a']);
    const watchReq = api.requests.find(r => r.query.get('watch') === 'true')!;
    expect(watchReq.query.get('resourceVersion')).toBe('100');
    expect(watchReq.query.get('allowWatchBookmarks')).toBe('true');
  });

  it('rejects a watch the server refuses, with its status', async () => {
    api.failures.set('/api/v1/pods', { status: 410 });
    const error = await client
      .watch(
        '/api/v1/pods',
        {},
        () => {},
        () => {},
      )
      .catch(e => e);
    expect(isGone(error)).toBe(true);
  });

  it('does not send a token for localKubectlProxy clusters', async () => {
    const local = new KubeApiClient({
      name: 'local',
      url: api.url,
      auth: { type: 'none' },
      skipTLSVerify: true,
    });
    api.collections.set('/api/v1/nodes', []);
    await local.getJson('/api/v1/nodes', { timeoutMs: 1000 });
    expect(api.requests[0].authorization).toBeUndefined();
    await local.close();
  });

  it('keeps HTTP statuses untouched in request()', async () => {
    api.handlers.push((_req, res) => {
      res.writeHead(418, { 'content-type': 'text/plain' });
      res.end('teapot');
      return true;
    });
    const res = await client.request('/x', { timeoutMs: 1000 });
    expect(res).toEqual({
      status: 418,
      contentType: 'text/plain',
      body: 'teapot',
    });
    expect(http.STATUS_CODES[418]).toBeDefined();
  });

  describe('attack: a TCP listener that accepts and never answers', () => {
    let silent: net.Server;
    let sockets: net.Socket[];
    let blackHole: KubeApiClient;

    beforeEach(async () => {
      sockets = [];
      silent = net.createServer(socket => {
        sockets.push(socket);
        socket.resume(); // read (and drop) the request, never answer
      });
      await new Promise<void>(r => silent.listen(0, '127.0.0.1', r));
      const { port } = silent.address() as net.AddressInfo;
      blackHole = new KubeApiClient({
        name: 'black-hole',
        url: `http://127.0.0.1:${port}`,
        auth: { type: 'serviceAccount', token: 't' },
        skipTLSVerify: true,
      });
    });

    afterEach(async () => {
      await blackHole.close();
      sockets.forEach(s => s.destroy());
      await new Promise(r => silent.close(r));
    });

    it('rejects a watch at the headers deadline and closes the connection', async () => {
      const started = Date.now();
      await expect(
        blackHole.watch(
          '/api/v1/pods',
          {},
          () => {},
          () => {},
          { headersTimeoutMs: 150 },
        ),
      ).rejects.toThrow(
        'watch /api/v1/pods: no response headers within 150 ms',
      );
      expect(Date.now() - started).toBeLessThan(5000);
      await new Promise(r => setTimeout(r, 50));
      expect(sockets.every(s => s.destroyed || s.readableEnded)).toBe(true);
    });

    it('rejects a pending watch as soon as its signal aborts', async () => {
      const abort = new AbortController();
      const pending = blackHole.watch(
        '/api/v1/pods',
        {},
        () => {},
        () => {},
        { headersTimeoutMs: 600_000, signal: abort.signal },
      );
      setTimeout(() => abort.abort(), 50);
      await expect(pending).rejects.toThrow('watch /api/v1/pods: aborted');
    });
  });
});
