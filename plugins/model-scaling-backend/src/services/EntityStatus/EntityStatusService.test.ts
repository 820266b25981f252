import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  resolvePatternPresets,
  toSlimObject,
} from '@internal/plugin-model-scaling-common';
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { readModelScalingOptions } from '../../config/ModelScalingOptions';
import { ConfigReader } from '@backstage/config';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { EntityStatusService, sortFindings } from './EntityStatusService';

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

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'text-classifier',
    namespace: 'default',
    title: 'Text classifier',
    annotations: {
      'backstage.io/kubernetes-id': 'text-classifier',
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
    for (const raw of exampleObjects()) {
      const slim = toSlimObject(raw.kind, raw, cluster.name);
      if (slim) cluster.store.kind(slim.kind).upsert(slim as any);
    }
  }
  return cache;
}

describe('EntityStatusService', () => {
  const now = () => new Date('2026-03-01T12:00:00Z');

  it('assembles one workload per cluster and lists each cluster problem', () => {
    const cache = cacheWithClusters(['eu', 'us'], ['ap']);
    const service = new EntityStatusService({
      cache,
      presets: resolvePatternPresets({}),
      now,
    });
    const status = service.entityStatus(entity);
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
    const row = service.fleetRow(entity);
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
    const row = service.fleetRow({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: { 'backstage.io/kubernetes-label-selector': 'a in (b' },
      },
    });
    expect(row.clusters).toEqual([]);
    expect(row.clusterErrors[0].message).toMatch(/kubernetes-label-selector/);
  });

  it('gives the status document and the fleet row the same verdict, and "not deployed" when no workload matches', () => {
    const cache = cacheWithClusters(['eu']);
    const service = new EntityStatusService({
      cache,
      presets: resolvePatternPresets({}),
      now,
    });
    const status = service.entityStatus(entity);
    const row = service.fleetRow(entity);
    expect(status.verdict).toBeDefined();
    expect(row.verdict).toEqual(status.verdict);
    const absent = {
      ...entity,
      metadata: {
        ...entity.metadata,
        name: 'never-deployed',
        annotations: { 'backstage.io/kubernetes-id': 'never-deployed' },
      },
    };
    expect(service.fleetRow(absent).verdict?.level).toBe('not-deployed');
    expect(service.entityStatus(absent).verdict?.level).toBe('not-deployed');
  });
});
