import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import { mergeWorkloadHistory } from '@internal/plugin-model-scaling-common';
import { demoClusterSettings } from '../../__testUtils__/demoClusterSettings';
import { exampleModelServices } from '../../__testUtils__/exampleEntities';
import { TEST_DATABASE_IDS } from '../../__testUtils__/testDatabaseIds';
import {
  CollectorStore,
  MIGRATIONS_DIR,
} from '../CollectorStore/CollectorStore';
import { CollectionTask } from './CollectionTask';
import { COLLECTION_TASK_ID } from './CollectorView';
import {
  createModelScalingServices,
  ModelScalingServices,
} from '../createModelScalingServices';

jest.setTimeout(120_000);

/**
 * Two replicas in one process, sharing one database and one demo cluster:
 * what one collects, the other serves and continues.
 */
describe('collection shared by replicas', () => {
  const databases = TestDatabases.create({
    ids: TEST_DATABASE_IDS,
    disableDocker: true,
  });
  let demo: DemoCluster;
  const running: ModelScalingServices[] = [];

  beforeAll(async () => {
    demo = await startDemoCluster({ port: 0, clock: 'manual' });
  });
  afterAll(async () => {
    await demo.stop();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map(s => s.stop()));
  });

  function replica(store: CollectorStore, instance: string) {
    const logger = mockServices.logger.mock();
    const settings = demoClusterSettings(demo, logger, {
      triton: { intervalSeconds: 15, timeoutMs: 2000 },
    });
    const services = createModelScalingServices({
      settings,
      logger,
      auth: mockServices.auth(),
      catalog: catalogServiceMock({ entities: exampleModelServices() }),
      store,
      instance,
    });
    services.start();
    running.push(services);
    return services;
  }

  const synced = async (s: ModelScalingServices) => {
    while (!s.cache.health().every(h => h.synced)) {
      await new Promise(r => setTimeout(r, 50));
    }
  };
  const metricsRequests = () =>
    Object.entries(demo.requestCounts)
      .filter(([p]) => p.endsWith(':8002/proxy/metrics'))
      .reduce((n, [, c]) => n + c, 0);
  const imageClassifier = () =>
    exampleModelServices().find(e => e.metadata.name === 'image-classifier')!;

  it.each(databases.eachSupportedId())(
    'one replica collects, both serve the same figures, the other continues the rates on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: MIGRATIONS_DIR });
      const a = replica(new CollectorStore(knex), 'a');
      const b = replica(new CollectorStore(knex), 'b');
      await Promise.all([synced(a), synced(b)]);

      // A collects two rounds; B collects nothing.
      const before = metricsRequests();
      await a.collection.run();
      const perRound = metricsRequests() - before;
      expect(perRound).toBeGreaterThan(0);
      demo.advance(15);
      await a.collection.run();
      expect(metricsRequests() - before).toBe(2 * perRound);

      // B serves what A stored, once its read cache saw the round.
      await b.view.refresh();
      const details = { clusterDetails: true };
      const fromA = await a.status.entityStatus(imageClassifier(), details);
      const fromB = await b.status.entityStatus(imageClassifier(), details);
      const { generatedAt: _a, ...docA } = fromA;
      const { generatedAt: _b, ...docB } = fromB;
      expect(docB).toEqual(docA);
      const triton = fromB.workloads[0].triton!;
      expect(triton.models[0].requestsPerSecond).toBeGreaterThan(0);
      // History has a route of its own; the status document leaves it out.
      expect(fromB.workloads[0].history).toBeUndefined();
      const historyA = await a.status.entityHistory(imageClassifier());
      const historyB = await b.status.entityHistory(imageClassifier());
      expect(historyB.workloads).toEqual(historyA.workloads);
      const heldB = historyB.workloads[0].history;
      expect(heldB.replicas).toHaveLength(2);
      expect(heldB.triton[0].points).toHaveLength(1);

      // A dies; B takes the next round over: rates at once from A's stored samples.
      demo.advance(15);
      await b.collection.run();
      const afterTakeover = await b.status.entityStatus(
        imageClassifier(),
        details,
      );
      const w = afterTakeover.workloads[0];
      expect(w.triton!.errors).toEqual([]);
      expect(w.triton!.sampledAt! > triton.sampledAt!).toBe(true);
      expect(w.triton!.models[0].requestsPerSecond).toBeGreaterThan(0);
      // Nothing from before the takeover is lost, and a client holding
      // the history gets only the new round's point.
      const full = (await b.status.entityHistory(imageClassifier()))
        .workloads[0].history;
      expect(full.replicas).toHaveLength(3);
      expect(full.replicas.slice(0, 2)).toEqual(heldB.replicas);
      const newest = Date.parse(heldB.replicas[1].t);
      const update = await b.status.entityHistory(imageClassifier(), newest);
      expect(update.workloads[0].history.replicas).toEqual(
        full.replicas.slice(2),
      );
      expect(
        mergeWorkloadHistory(
          heldB,
          update.workloads[0].history,
          Date.parse(update.windowStart),
        ),
      ).toEqual(full);
      // And A's read cache, refreshed, serves B's round.
      await a.view.refresh();
      const { generatedAt: _c, ...again } = await a.status.entityStatus(
        imageClassifier(),
        details,
      );
      const { generatedAt: _d, ...fromBNow } = afterTakeover;
      expect(again).toEqual(fromBNow);
      await knex.destroy();
    },
  );

  it('skips a round until the watch cache has synced, so a starting replica never wipes the stored state', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const store = new CollectorStore(knex);
    const a = replica(store, 'a');
    await synced(a);
    await a.collection.run();
    const stored = await store.pods();
    expect(stored.length).toBeGreaterThan(0);

    // A replica whose watches are still listing: its round must not run.
    const late = new CollectionTask({
      ready: () => false,
      store,
      view: a.view,
      services: async () => {
        throw new Error('a skipped round reads no services');
      },
      instance: 'late',
      retentionMs: 60_000,
      logger: mockServices.logger.mock(),
    });
    await late.run();
    expect(await store.pods()).toEqual(stored);
    expect((await store.round(COLLECTION_TASK_ID))!.instance).toBe('a');
    await knex.destroy();
  });
});
