import { mockServices } from '@backstage/backend-test-utils';
import { FakeKubeApi } from '../../__testUtils__/FakeKubeApi';
import { KubeApiClient } from '../KubeApi/KubeApiClient';
import { KindWatcher } from './KindWatcher';
import { KIND_SPECS } from './kinds';
import { KindStore } from './ObjectStore';

const podSpec = KIND_SPECS.find(s => s.kind === 'Pod')!;
const eventSpec = KIND_SPECS.find(s => s.kind === 'Event')!;

/** A minimal reducer for the watch mechanics; the real reducers are tested in the common package. */
const reduce = (raw: any): any => {
  if (raw.bad) throw new Error('unreadable');
  return {
    kind: 'Pod',
    meta: {
      cluster: 'fake',
      namespace: raw.metadata.namespace,
      name: raw.metadata.name,
      labels: raw.metadata.labels ?? {},
      annotations: {},
      resourceVersion: raw.metadata.resourceVersion,
    },
    phase: raw.status?.phase ?? 'Running',
  };
};

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) {
      throw new Error('condition not reached in time');
    }
    await new Promise(r => setTimeout(r, 10));
  }
}

const pod = (name: string, phase = 'Running') => ({
  metadata: { namespace: 'ml', name },
  status: { phase },
});

describe('KindWatcher', () => {
  let api: FakeKubeApi;
  let client: KubeApiClient;
  let store: KindStore;
  let watcher: KindWatcher;

  const create = (
    extra: Partial<ConstructorParameters<typeof KindWatcher>[0]> = {},
  ) =>
    new KindWatcher({
      client,
      spec: podSpec,
      store,
      reduce,
      logger: mockServices.logger.mock(),
      backoff: { initialMs: 20, maxMs: 100, factor: 2 },
      requestTimeoutMs: 1000,
      watchTimeoutSeconds: 60,
      pageSize: 2,
      ...extra,
    });

  beforeEach(async () => {
    api = await new FakeKubeApi().start();
    client = new KubeApiClient({
      name: 'fake',
      url: api.url,
      auth: { type: 'serviceAccount', token: 't' },
      skipTLSVerify: true,
    });
    store = new KindStore('Pod');
  });

  afterEach(async () => {
    await watcher?.stop();
    await client.close();
    await api.stop();
  });

  it('lists, then applies watch events from the list resourceVersion', async () => {
    api.collections.set('/api/v1/pods', [pod('a'), pod('b')]);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches('/api/v1/pods') === 1);
    expect(store.size).toBe(2);
    const watchReq = api.requests.find(r => r.query.get('watch') === 'true')!;
    expect(watchReq.query.get('resourceVersion')).toBe('100');
    expect(watchReq.query.get('allowWatchBookmarks')).toBe('true');

    api.emit('/api/v1/pods', 'ADDED', pod('c'));
    api.emit('/api/v1/pods', 'MODIFIED', pod('a', 'Failed'));
    api.emit('/api/v1/pods', 'DELETED', pod('b'));
    await waitFor(() => store.size === 2 && !!store.get('ml/c'));
    expect((store.get('ml/a') as any).phase).toBe('Failed');
    expect(watcher.state).toMatchObject({
      kind: 'Pod',
      synced: true,
      connected: true,
      count: 2,
      resourceVersion: '103',
    });
  });

  it('follows continue tokens across pages', async () => {
    const all = [pod('a'), pod('b'), pod('c')];
    api.handlers.push((req, res) => {
      if (req.path !== '/api/v1/pods' || req.query.get('watch')) return false;
      const from = Number(req.query.get('continue') ?? 0);
      const limit = Number(req.query.get('limit'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          metadata: {
            resourceVersion: '7',
            continue: from + limit < all.length ? String(from + limit) : '',
          },
          items: all.slice(from, from + limit),
        }),
      );
      return true;
    });
    api.collections.set('/api/v1/pods', []);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches() === 1);
    expect(store.size).toBe(3);
    expect(api.requests.filter(r => !r.query.get('watch'))).toHaveLength(2);
  });

  it('resumes from the last resourceVersion when the server ends the stream, without relisting', async () => {
    api.collections.set('/api/v1/pods', [pod('a')]);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches() === 1);
    api.emit('/api/v1/pods', 'ADDED', pod('b'));
    api.emit('/api/v1/pods', 'BOOKMARK', { metadata: {} });
    await waitFor(() => watcher.state.resourceVersion === '102');
    api.closeWatches();
    await waitFor(
      () => api.requests.filter(r => r.query.get('watch')).length === 2,
    );
    const lists = api.requests.filter(r => !r.query.get('watch'));
    expect(lists).toHaveLength(1);
    const resumed = api.requests.filter(r => r.query.get('watch'))[1];
    expect(resumed.query.get('resourceVersion')).toBe('102');
  });

  it('relists on 410 Gone, dropping objects deleted in the gap', async () => {
    api.collections.set('/api/v1/pods', [pod('a'), pod('b')]);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches() === 1);
    expect(store.size).toBe(2);
    // While nobody watches, b goes away; then the watch expires.
    api.collections.set('/api/v1/pods', [pod('a')]);
    api.emit('/api/v1/pods', 'ERROR', {
      kind: 'Status',
      code: 410,
      reason: 'Expired',
      message: 'too old resource version: 1 (200)',
    });
    await waitFor(() => store.size === 1);
    expect(store.get('ml/b')).toBeUndefined();
    expect(watcher.state.relists).toBe(2);
    expect(watcher.state.lastError).toBeUndefined();
  });

  it('records errors, backs off, and recovers', async () => {
    api.collections.set('/api/v1/pods', [pod('a')]);
    api.globalFailure = { status: 401 };
    watcher = create();
    watcher.start();
    await waitFor(() => api.requests.length >= 3);
    expect(watcher.state).toMatchObject({
      synced: false,
      connected: false,
      lastError: expect.stringContaining('HTTP 401 Unauthorized'),
      errorSince: expect.any(String),
    });
    api.globalFailure = undefined;
    await waitFor(() => watcher.state.connected);
    expect(watcher.state).toMatchObject({ synced: true, count: 1 });
    expect(watcher.state.lastError).toBeUndefined();
    expect(watcher.state.errorSince).toBeUndefined();
  });

  it('keeps its data when the server goes away, and marks the error', async () => {
    api.collections.set('/api/v1/pods', [pod('a')]);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches() === 1);
    await api.stop();
    await waitFor(() => !!watcher.state.lastError);
    expect(watcher.state.lastError).toMatch(/ECONNREFUSED/);
    expect(store.size).toBe(1);
  });

  it('skips objects the reducer cannot read without stopping the watch', async () => {
    api.collections.set('/api/v1/pods', [pod('a'), { ...pod('x'), bad: true }]);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches() === 1);
    expect(store.size).toBe(1);
    api.emit('/api/v1/pods', 'ADDED', { ...pod('y'), bad: true });
    api.emit('/api/v1/pods', 'ADDED', pod('z'));
    await waitFor(() => store.size === 2);
  });

  it('watches one namespace with the field selector of its kind', async () => {
    api.collections.set('/api/v1/namespaces/ml/events', []);
    watcher = create({ spec: eventSpec, namespace: 'ml' });
    watcher.start();
    await waitFor(() => api.openWatches() === 1);
    for (const r of api.requests) {
      expect(r.path).toBe('/api/v1/namespaces/ml/events');
      expect(r.query.get('fieldSelector')).toBe('reason=SuccessfulRescale');
    }
  });

  it('stops cleanly, closing its watch', async () => {
    api.collections.set('/api/v1/pods', []);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches() === 1);
    await watcher.stop();
    await waitFor(() => api.openWatches() === 0);
    expect(watcher.state.connected).toBe(false);
  });

  describe('attack: an API server that accepts a watch and never sends its response headers', () => {
    /** Answers lists, but holds every watch request open without a status line. */
    const hangWatches = () =>
      api.handlers.push(r => r.query.get('watch') === 'true');

    it('cuts the watch at our own deadline, reports it disconnected with the error, and retries with backoff', async () => {
      api.collections.set('/api/v1/pods', [pod('a')]);
      hangWatches();
      watcher = create({ requestTimeoutMs: 200 });
      watcher.start();
      await waitFor(() => !!watcher.state.lastError, 3000);
      expect(watcher.state).toMatchObject({
        synced: true,
        connected: false,
        count: 1,
        lastError: expect.stringMatching(
          /watch \/api\/v1\/pods: no response headers within 200 ms/,
        ),
        errorSince: expect.any(String),
      });
      const watches = () =>
        api.requests.filter(r => r.query.get('watch') === 'true').length;
      await waitFor(() => watches() >= 3, 5000);
    });

    it('stop() aborts a watch that is still starting, so shutdown never hangs', async () => {
      api.collections.set('/api/v1/pods', []);
      hangWatches();
      // A deadline far beyond the test: only stop() can end the pending watch.
      watcher = create({ requestTimeoutMs: 600_000 });
      watcher.start();
      await waitFor(() =>
        api.requests.some(r => r.query.get('watch') === 'true'),
      );
      const stopped = await Promise.race([
        watcher.stop().then(() => 'stopped'),
        new Promise(r => setTimeout(() => r('still waiting'), 2000)),
      ]);
      expect(stopped).toBe('stopped');
      expect(watcher.state.connected).toBe(false);
    });
  });
});
