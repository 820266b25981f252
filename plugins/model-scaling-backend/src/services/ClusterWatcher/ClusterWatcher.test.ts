import { mockServices } from '@backstage/backend-test-utils';
import { FakeKubeApi } from '../../__testUtils__/FakeKubeApi';
import { ClusterWatcher } from './ClusterWatcher';
import { KIND_SPECS, collectionPath } from './kinds';

const reduce = (kind: string, raw: any, cluster: string): any => ({
  kind,
  meta: {
    cluster,
    namespace: raw.metadata.namespace,
    name: raw.metadata.name,
    labels: {},
    annotations: {},
  },
  scaleTargetRef: raw.spec?.scaleTargetRef ?? { name: '' },
});

async function waitFor(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('ClusterWatcher', () => {
  let api: FakeKubeApi;
  let watcher: ClusterWatcher | undefined;

  const create = (namespaces: string[] = []) =>
    new ClusterWatcher({
      cluster: {
        name: 'fake',
        url: api.url,
        auth: { type: 'serviceAccount', token: 't' },
        skipTLSVerify: true,
      },
      logger: mockServices.logger.mock(),
      reduce,
      namespaces,
      backoff: { initialMs: 20, maxMs: 100, factor: 2 },
      requestTimeoutMs: 1000,
      watchTimeoutSeconds: 60,
    });

  beforeEach(async () => {
    api = await new FakeKubeApi().start();
    for (const spec of KIND_SPECS) {
      api.collections.set(collectionPath(spec), []);
      api.collections.set(collectionPath(spec, 'ml'), []);
    }
  });

  afterEach(async () => {
    await watcher?.stop();
    watcher = undefined;
    await api.stop();
  });

  it('watches ScaledObjects and ScaledJobs when the KEDA group is served', async () => {
    api.handlers.push((req, res) => {
      if (req.path !== '/apis/keda.sh/v1alpha1') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'APIResourceList',
          groupVersion: 'keda.sh/v1alpha1',
          resources: [
            { name: 'scaledobjects', namespaced: true, kind: 'ScaledObject' },
            { name: 'scaledjobs', namespaced: true, kind: 'ScaledJob' },
          ],
        }),
      );
      return true;
    });
    api.collections.set('/apis/keda.sh/v1alpha1/scaledobjects', [
      {
        metadata: { namespace: 'ml', name: 'so' },
        spec: { scaleTargetRef: { name: 'd' } },
      },
    ]);
    watcher = create();
    watcher.start();
    await waitFor(() => api.openWatches() === KIND_SPECS.length);
    const health = watcher.health();
    expect(health).toMatchObject({
      name: 'fake',
      synced: true,
      stale: false,
      kedaAvailable: true,
    });
    expect(health.lastError).toBeUndefined();
    expect(health.kinds.map(k => k.kind).sort()).toEqual(
      KIND_SPECS.map(s => s.kind).sort(),
    );
    expect(watcher.store.kind('ScaledObject').byIndex('ml/d')).toHaveLength(1);
  });

  it('lists and watches no Services (no view reads them; the ClusterRole does not grant them)', async () => {
    api.collections.set('/api/v1/services', [
      { metadata: { namespace: 'ml', name: 'svc' }, spec: {} },
    ]);
    watcher = create();
    watcher.start();
    const plain = KIND_SPECS.filter(s => !s.requiresDiscovery).length;
    await waitFor(() => api.openWatches() === plain);
    expect(api.requests.some(r => /\/services\b/.test(r.path))).toBe(false);
    expect(watcher.health().kinds.map(k => k.kind)).not.toContain('Service');
  });

  it('does not watch KEDA kinds when the group is absent', async () => {
    watcher = create();
    watcher.start();
    const plain = KIND_SPECS.filter(s => !s.requiresDiscovery).length;
    await waitFor(() => api.openWatches() === plain);
    await new Promise(r => setTimeout(r, 100));
    expect(api.openWatches()).toBe(plain);
    expect(watcher.health().kedaAvailable).toBe(false);
    expect(api.requests.some(r => r.path.includes('scaledobjects'))).toBe(
      false,
    );
  });

  it('watches only the configured namespaces, nodes cluster-wide', async () => {
    watcher = create(['ml']);
    watcher.start();
    const plain = KIND_SPECS.filter(s => !s.requiresDiscovery).length;
    await waitFor(() => api.openWatches() === plain);
    const paths = new Set(
      api.requests.filter(r => r.query.get('watch')).map(r => r.path),
    );
    expect(paths).toContain('/api/v1/nodes');
    expect(paths).toContain('/api/v1/namespaces/ml/pods');
    expect(paths).not.toContain('/api/v1/pods');
    expect(watcher.health().kinds.find(k => k.kind === 'Pod')).toMatchObject({
      namespace: 'ml',
      synced: true,
      watching: true,
    });
  });

  it('reports an unauthorized cluster with its error, not synced and not stale', async () => {
    api.globalFailure = { status: 401 };
    watcher = create();
    watcher.start();
    await waitFor(() => !!watcher!.health().lastError);
    const health = watcher.health();
    expect(health).toMatchObject({ synced: false, stale: false });
    expect(health.lastError).toMatch(/HTTP 401 Unauthorized/);
  });

  it('marks a synced cluster stale with the time its errors began, then fresh again', async () => {
    watcher = create();
    watcher.start();
    await waitFor(() => watcher!.health().synced);
    const port = api.port;
    await api.stop();
    await waitFor(() => watcher!.health().stale);
    const stale = watcher.health();
    expect(stale.staleSince).toEqual(expect.any(String));
    expect(stale.lastError).toMatch(/ECONNREFUSED|ECONNRESET/);

    const collections = api.collections;
    api = await new FakeKubeApi().start(port);
    for (const [k, v] of collections) api.collections.set(k, v);
    await waitFor(
      () => !watcher!.health().stale && !watcher!.health().lastError,
    );
    expect(watcher.health()).toMatchObject({ synced: true, stale: false });
  });

  it('lists a cluster with a config error without contacting it', async () => {
    watcher = new ClusterWatcher({
      cluster: {
        name: 'eks',
        url: api.url,
        auth: { type: 'none' },
        skipTLSVerify: false,
        configError: "authProvider 'aws' is not supported",
      },
      logger: mockServices.logger.mock(),
      reduce,
      namespaces: [],
      backoff: { initialMs: 20, maxMs: 100, factor: 2 },
      requestTimeoutMs: 1000,
      watchTimeoutSeconds: 60,
    });
    watcher.start();
    await new Promise(r => setTimeout(r, 50));
    expect(api.requests).toHaveLength(0);
    expect(watcher.health()).toMatchObject({
      synced: false,
      lastError: "authProvider 'aws' is not supported",
    });
  });

  it('attack: a cluster that accepts watches and never answers is shown disconnected and stale, and stop() still returns', async () => {
    api.handlers.push(r => r.query.get('watch') === 'true');
    watcher = new ClusterWatcher({
      cluster: {
        name: 'black-hole',
        url: api.url,
        auth: { type: 'serviceAccount', token: 't' },
        skipTLSVerify: true,
      },
      logger: mockServices.logger.mock(),
      reduce,
      namespaces: [],
      backoff: { initialMs: 20, maxMs: 100, factor: 2 },
      requestTimeoutMs: 200,
      watchTimeoutSeconds: 60,
    });
    watcher.start();
    await waitFor(
      () => watcher!.health().synced && watcher!.health().stale,
      5000,
    );
    const health = watcher.health();
    expect(health).toMatchObject({ synced: true, stale: true });
    expect(health.lastError).toMatch(/no response headers within 200 ms/);
    expect(health.kinds.every(k => !k.watching)).toBe(true);
    expect(watcher.connected).toBe(false);

    const stopped = await Promise.race([
      watcher.stop().then(() => 'stopped'),
      new Promise(r => setTimeout(() => r('still waiting'), 2000)),
    ]);
    expect(stopped).toBe('stopped');
    watcher = undefined;
  });

  it('tells whether a namespace of a kind is listed, pending or not watched', async () => {
    watcher = create(['ml']);
    expect(watcher.coverage('Deployment', 'ml')).toBe('pending');
    watcher.start();
    await waitFor(() => watcher!.health().synced);
    expect(watcher.coverage('Deployment', 'ml')).toBe('listed');
    expect(watcher.coverage('Deployment', 'other')).toBe('not-watched');
    expect(watcher.connected).toBe(true);
  });
});
