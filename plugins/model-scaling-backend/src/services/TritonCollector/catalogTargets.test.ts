import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { toSlimObject } from '@internal/plugin-model-scaling-common';
import { ClusterStore } from '../ClusterWatcher/ObjectStore';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { indexedModelServices, ModelServiceSource } from './catalogTargets';

const service = (name: string, namespace = 'ml'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'backstage.io/kubernetes-id': name,
      'backstage.io/kubernetes-namespace': namespace,
    },
  },
  spec: { type: 'model-service', owner: 'group:default/ml' },
});

function deployment(name: string) {
  return toSlimObject(
    'Deployment',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name,
        namespace: 'ml',
        uid: `uid-${name}`,
        labels: { 'backstage.io/kubernetes-id': name },
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'server', image: 'x' }] },
        },
      },
      status: { replicas: 1 },
    },
    'c1',
  ) as any;
}

function setup(entities: Entity[]) {
  const store = new ClusterStore();
  store.kind('Deployment').upsert(deployment('fraud'));
  store.kind('Deployment').upsert(deployment('ranker'));
  const cache = { clusters: [{ name: 'c1', store }] } as unknown as WatchCache;
  let refreshedAt: number | undefined;
  const index: ModelServiceSource & { refreshes: number } = {
    refreshes: 0,
    entities: () => (refreshedAt === undefined ? [] : entities),
    get refreshedAt() {
      return refreshedAt;
    },
    async refresh() {
      this.refreshes += 1;
      refreshedAt = Date.now();
    },
  };
  const logger = mockServices.logger.mock();
  const read = indexedModelServices({ index, cache, logger });
  return { read, index, logger };
}

describe('indexedModelServices', () => {
  it("reads the entity index's services and their workloads, refreshing the index only before its first read", async () => {
    const { read, index } = setup([service('fraud'), service('ranker')]);
    const first = await read();
    expect(index.refreshes).toBe(1);
    expect(
      first.map(s => [
        s.target.namespace,
        s.workloads.map(w => `${w.cluster}/${w.deployment.meta.name}`),
      ]),
    ).toEqual([
      ['ml', ['c1/fraud']],
      ['ml', ['c1/ranker']],
    ]);
    await read();
    expect(index.refreshes).toBe(1);
  });

  it('skips a service whose annotations cannot be read, and keeps the others', async () => {
    const { read, logger } = setup([service('fraud', ''), service('ranker')]);
    const services = await read();
    expect(services.map(s => s.workloads[0]?.deployment.meta.name)).toEqual([
      'ranker',
    ]);
    expect(logger.debug).toHaveBeenCalledWith(
      'Skipped a model service with unreadable annotations',
      expect.objectContaining({ entity: 'fraud' }),
    );
  });
});
