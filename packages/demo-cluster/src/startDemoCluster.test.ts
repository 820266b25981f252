import { CoreV1Api } from '@kubernetes/client-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster } from './startDemoCluster';
import { KINDS } from './simulation/kinds';
import { kubeConfigFor } from './__testUtils__/kube';

// Starting a cluster runs minutes of simulation; a busy machine needs more than 5 s.
jest.setTimeout(60_000);

const START = Date.parse('2026-03-02T10:00:00Z');

const snapshot = (c: Awaited<ReturnType<typeof startDemoCluster>>) => ({
  pods: c.store
    .list(KINDS.pods)
    .map(p => `${p.metadata.name}@${(p as any).spec.nodeName ?? '-'}`),
  replicas: c.store.list(KINDS.deployments).map(d => (d as any).spec.replicas),
  rv: c.store.currentResourceVersion(),
});

describe('startDemoCluster', () => {
  it('is deterministic for a seed and a start time', async () => {
    const a = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 100,
      seed: 7,
    });
    const b = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 100,
      seed: 7,
    });
    const c = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 100,
      seed: 8,
    });
    try {
      a.advance(60);
      b.advance(60);
      c.advance(60);
      expect(snapshot(a)).toEqual(snapshot(b));
      expect(snapshot(a).pods).not.toEqual(snapshot(c).pods);
      expect(a.port).not.toBe(b.port);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('generates a synthetic fleet of N services × M pods', async () => {
    const cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      loadExamples: false,
      warmupSeconds: 150,
      synthetic: { services: 20, podsPerService: 3 },
    });
    try {
      const deployments = cluster.store.list(KINDS.deployments);
      expect(deployments).toHaveLength(20);
      const pods = await kubeConfigFor(cluster)
        .makeApiClient(CoreV1Api)
        .listNamespacedPod({ namespace: 'synthetic' });
      expect(pods.items).toHaveLength(60);
      const ready = pods.items.filter(p =>
        p.status?.conditions?.some(
          c => c.type === 'Ready' && c.status === 'True',
        ),
      );
      expect(ready).toHaveLength(60);
      expect(cluster.store.list(KINDS.scaledObjects)).toHaveLength(4);
      expect(cluster.store.list(KINDS.hpas)).toHaveLength(20); // 16 plain + 4 created by KEDA
    } finally {
      await cluster.stop();
    }
  });

  it('stops and starts again on the same port', async () => {
    const cluster = await startDemoCluster({
      clock: 'manual',
      startTime: START,
      warmupSeconds: 0,
    });
    const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
    const port = cluster.port;
    await cluster.stop();
    await expect(core.listNamespace()).rejects.toThrow();
    await cluster.start();
    expect(cluster.port).toBe(port);
    expect(
      (await core.listNamespace()).items.map(n => n.metadata?.name),
    ).toEqual(['ml-batch', 'ml-serving']);
    await cluster.stop();
  });

  it('names the fixture file of a broken object', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-fixtures-'));
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\nkind: Pod\nmetadata:\n  name: x\n',
    );
    await expect(
      startDemoCluster({ clock: 'manual', fixturesDir: dir }),
    ).rejects.toThrow('bad.yaml document 2: apiVersion must be a string');
  });
});
