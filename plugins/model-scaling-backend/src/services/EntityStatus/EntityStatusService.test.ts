import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  resolvePatternPresets,
  sortFindings,
  toSlimObject,
} from '@internal/plugin-model-scaling-common';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { readModelScalingOptions } from '../../config/ModelScalingOptions';
import { ConfigReader } from '@backstage/config';
import { ClusterStore } from '../ClusterWatcher/ObjectStore';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { EntityStatusService } from './EntityStatusService';
import { FakeKubeApi } from '../../__testUtils__/FakeKubeApi';
import { collectionPath, KIND_SPECS } from '../ClusterWatcher/kinds';

/** The example text-classifier objects, as the cache would hold them. */
function exampleObjects(): any[] {
  const dir = resolvePackagePath(
    '@internal/plugin-model-scaling-backend',
    '../../examples/cluster/text-classifier',
  );
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(`${dir}/${f}`, 'utf8')).map(d =>
        d.toJS(),
      ),
    );
}

/** Puts the example objects in a cluster's store, as its watchers would (the cache keeps no Services). */
function loadExampleObjects(store: ClusterStore, cluster: string): void {
  for (const raw of exampleObjects()) {
    const slim = toSlimObject(raw.kind, raw, cluster);
    if (slim && slim.kind !== 'Service') {
      store.kind(slim.kind).upsert(slim as any);
    }
  }
}

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'text-classifier',
    namespace: 'default',
    title: 'Text classifier',
    annotations: {
      'backstage.io/kubernetes-id': 'text-classifier',
      'backstage.io/kubernetes-namespace': 'ml-serving',
      'model-scaling.io/pattern': 'realtime-cpu',
    },
  },
  spec: { type: 'model-service', owner: 'team-nlp', lifecycle: 'production' },
};

function cacheWithClusters(names: string[], unreachable: string[] = []) {
  const cache = new WatchCache({
    clusters: [...names, ...unreachable].map(name => ({
      name,
      url: 'https://unused.example',
      auth: { type: 'none' as const },
      skipTLSVerify: false,
      // Not watched: the test fills the stores itself.
      ...(unreachable.includes(name) && {
        configError: `cluster ${name} is unreachable`,
      }),
    })),
    options: readModelScalingOptions(new ConfigReader({})),
    logger: mockServices.logger.mock(),
    reduce: toSlimObject,
  });
  for (const cluster of cache.clusters.filter(c => names.includes(c.name))) {
    loadExampleObjects(cluster.store, cluster.name);
  }
  return cache;
}

const details = { clusterDetails: true };

describe('EntityStatusService', () => {
  const now = () => new Date('2026-03-01T12:00:00Z');

  it('assembles one workload per cluster and lists each cluster problem', async () => {
    const cache = cacheWithClusters(['eu', 'us'], ['ap']);
    const service = new EntityStatusService({
      cache,
      presets: resolvePatternPresets({}),
      now,
    });
    const status = await service.entityStatus(entity, { clusterDetails: true });
    expect(status.entityRef).toBe('component:default/text-classifier');
    expect(status.pattern).toBe('realtime-cpu');
    expect(status.generatedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(
      status.workloads.map(w => [w.cluster, w.name, w.autoscaler.type]),
    ).toEqual([
      ['eu', 'text-classifier', 'hpa'],
      ['us', 'text-classifier', 'hpa'],
    ]);
    expect(status.clusterErrors).toEqual([
      { cluster: 'ap', message: 'cluster ap is unreachable', stale: false },
    ]);
    expect(status.findings).toEqual(
      sortFindings(status.workloads.flatMap(w => w.findings)),
    );
  });

  it('sums a fleet row over clusters and names the workload of each drift item', () => {
    const cache = cacheWithClusters(['eu', 'us']);
    const service = new EntityStatusService({
      cache,
      presets: resolvePatternPresets({}),
      now,
    });
    const row = service.fleetRow(entity, details);
    expect(row).toMatchObject({
      entityRef: 'component:default/text-classifier',
      name: 'text-classifier',
      title: 'Text classifier',
      owner: 'team-nlp',
      pattern: 'realtime-cpu',
      clusters: ['eu', 'us'],
      autoscalerType: 'hpa',
      gpuMode: 'none',
      replicas: { min: 4, max: 40 },
    });
    // The example sets a 120 s scale-down window; the preset says 60 s.
    expect(row.drift).toContainEqual(
      expect.objectContaining({
        field:
          'eu/ml-serving/text-classifier: hpa.spec.behavior.scaleDown.stabilizationWindowSeconds',
        actual: '120',
      }),
    );
    expect(row.drift.filter(d => d.field.startsWith('us/'))).toHaveLength(
      row.drift.filter(d => d.field.startsWith('eu/')).length,
    );
  });

  it('shows an entity with unreadable annotations as a row with an error, not a failure', () => {
    const cache = cacheWithClusters(['eu']);
    const service = new EntityStatusService({
      cache,
      presets: resolvePatternPresets({}),
      now,
    });
    const row = service.fleetRow(
      {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { 'backstage.io/kubernetes-label-selector': 'a in (b' },
        },
      },
      details,
    );
    expect(row.clusters).toEqual([]);
    expect(row.clusterErrors[0].message).toMatch(/kubernetes-label-selector/);
  });

  it('gives the status document and the fleet row the same verdict, and "not deployed" when no workload matches', async () => {
    const cache = cacheWithClusters(['eu']);
    const service = new EntityStatusService({
      cache,
      presets: resolvePatternPresets({}),
      now,
    });
    const status = await service.entityStatus(entity, details);
    const row = service.fleetRow(entity, details);
    expect(status.verdict).toBeDefined();
    expect(row.verdict).toEqual(status.verdict);
    const absent = {
      ...entity,
      metadata: {
        ...entity.metadata,
        name: 'never-deployed',
        annotations: {
          'backstage.io/kubernetes-id': 'never-deployed',
          'backstage.io/kubernetes-namespace': 'ml-serving',
        },
      },
    };
    expect(service.fleetRow(absent, details).verdict?.level).toBe(
      'not-deployed',
    );
    expect((await service.entityStatus(absent, details)).verdict?.level).toBe(
      'not-deployed',
    );
  });

  it('builds a workload again only when its records change, and answers as a new service would', async () => {
    const cache = cacheWithClusters(['eu']);
    let at = Date.parse('2026-03-01T12:00:00Z');
    const clock = () => new Date(at);
    const service = new EntityStatusService({
      cache,
      presets: resolvePatternPresets({}),
      now: clock,
    });
    const fresh = () =>
      new EntityStatusService({
        cache,
        presets: resolvePatternPresets({}),
        now: clock,
      }).entityStatus(entity, details);

    const first = await service.entityStatus(entity, details);
    expect(service.memo.stats).toMatchObject({ hits: 0, misses: 1 });
    at += 60_000;
    expect(await service.entityStatus(entity, details)).toEqual(await fresh());
    expect(service.fleetRow(entity, details).entityRef).toBe(first.entityRef);
    expect(service.memo.stats).toMatchObject({ hits: 2, misses: 1 });

    // The HPA controller writes a new status: a new record, a new build.
    const store = cache.clusters[0].store;
    const hpas = store.kind('HorizontalPodAutoscaler');
    const hpa = [...hpas.values()][0] as any;
    hpas.upsert({
      ...hpa,
      status: { ...hpa.status, currentReplicas: 9, desiredReplicas: 9 },
    });
    const changed = await service.entityStatus(entity, details);
    expect(service.memo.stats.misses).toBe(2);
    expect(changed.workloads[0].autoscaler.hpa?.desiredReplicas).toBe(9);
    expect(changed).toEqual(await fresh());

    // The Deployment's rollout moves on: the same.
    const deployments = store.kind('Deployment');
    const deployment = [...deployments.values()][0] as any;
    deployments.upsert({
      ...deployment,
      status: { ...deployment.status, readyReplicas: 1 },
    });
    const rolling = await service.entityStatus(entity, details);
    expect(rolling.workloads[0].replicas.ready).toBe(1);
    expect(rolling).toEqual(await fresh());
    expect(service.memo.stats.misses).toBe(3);
  });

  describe('attack: an entity status shows the problems of clusters that have nothing of it', () => {
    let api: FakeKubeApi;
    let cache: WatchCache;

    beforeEach(async () => {
      api = await new FakeKubeApi().start();
      for (const spec of KIND_SPECS) {
        api.collections.set(collectionPath(spec), []);
      }
      cache = new WatchCache({
        clusters: [
          // Holds text-classifier (filled below, not watched).
          {
            name: 'eu',
            url: 'https://unused.example',
            auth: { type: 'none' },
            skipTLSVerify: false,
          },
          // Watched, synced without any workload of the entity, then failing.
          {
            name: 'restricted',
            url: api.url,
            auth: { type: 'none' },
            skipTLSVerify: true,
          },
        ],
        options: readModelScalingOptions(
          new ConfigReader({
            modelScaling: {
              requestTimeoutMs: 300,
              watch: { backoff: { initialMs: 20, maxMs: 100 } },
            },
          }),
        ),
        logger: mockServices.logger.mock(),
        reduce: toSlimObject,
      });
      loadExampleObjects(cache.clusters[0].store, 'eu');
      const restricted = cache.clusters[1];
      restricted.start();
      const deadline = Date.now() + 10000;
      while (!restricted.health().synced) {
        if (Date.now() > deadline) throw new Error('restricted never synced');
        await new Promise(r => setTimeout(r, 20));
      }
      api.globalFailure = { status: 500 };
      api.closeWatches();
      while (!restricted.health().lastError) {
        if (Date.now() > deadline) throw new Error('restricted never failed');
        await new Promise(r => setTimeout(r, 20));
      }
    });

    afterEach(async () => {
      await cache.stop();
      await api.stop();
    });

    it('leaves out errors of a cluster where the entity has no workload', async () => {
      const service = new EntityStatusService({
        cache,
        presets: resolvePatternPresets({}),
        now,
      });
      const status = await service.entityStatus(entity, details);
      expect(status.workloads.map(w => w.cluster)).toEqual(['eu']);
      expect(status.clusterErrors).toEqual([]);
      expect(service.fleetRow(entity, details).clusterErrors).toEqual([]);
    });

    it('keeps them for an entity whose workloads are in that cluster, as a short reason unless the caller may read clusters', async () => {
      loadExampleObjects(cache.clusters[1].store, 'restricted');
      const service = new EntityStatusService({
        cache,
        presets: resolvePatternPresets({}),
        now,
      });
      const [raw] = (await service.entityStatus(entity, details)).clusterErrors;
      expect(raw).toMatchObject({ cluster: 'restricted', stale: true });
      expect(raw.message).toMatch(/HTTP 500/);
      const [short] = (
        await service.entityStatus(entity, {
          clusterDetails: false,
        })
      ).clusterErrors;
      expect(short).toMatchObject({
        cluster: 'restricted',
        stale: true,
        message: 'the cluster’s API server answers with errors',
      });
    });

    it('hides addresses and paths of a misconfigured cluster from callers who may not read clusters', async () => {
      const misconfigured = cacheWithClusters(['eu'], ['ap']);
      const service = new EntityStatusService({
        cache: misconfigured,
        presets: resolvePatternPresets({}),
        now,
      });
      const status = await service.entityStatus(entity, {
        clusterDetails: false,
      });
      expect(status.clusterErrors).toEqual([
        {
          cluster: 'ap',
          message: 'the cluster is not configured correctly',
          stale: false,
        },
      ]);
    });
  });
});
