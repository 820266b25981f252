import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { catalogModelServices } from './catalogTargets';

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'model-service', owner: 'team-a' },
});

describe('catalogModelServices', () => {
  const noClusters = { clusters: [] } as unknown as WatchCache;

  it('reads the entities it is given each round and skips unreadable annotations', async () => {
    let entities: Entity[] = [
      component('good', { 'backstage.io/kubernetes-namespace': 'ml' }),
      component('no-namespace', {}),
    ];
    const services = catalogModelServices({
      entities: async () => entities,
      cache: noClusters,
      logger: mockServices.rootLogger(),
    });
    expect((await services()).map(s => s.target.namespace)).toEqual(['ml']);

    // The next round sees what the index holds then.
    entities = [
      ...entities,
      component('new', {
        'backstage.io/kubernetes-namespace': 'ml2',
        'backstage.io/kubernetes-id': 'new',
      }),
    ];
    const second = await services();
    expect(second.map(s => s.target.namespace)).toEqual(['ml', 'ml2']);
    expect(second[1].target.selector.requirements).toEqual([
      { key: 'backstage.io/kubernetes-id', op: 'in', values: ['new'] },
    ]);
  });
});
