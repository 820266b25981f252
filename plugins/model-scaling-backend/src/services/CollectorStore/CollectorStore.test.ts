import { TestDatabases } from '@backstage/backend-test-utils';
import { WorkloadHistoryPoint } from '@internal/plugin-model-scaling-common';
import { CollectorStore, MIGRATIONS_DIR, StoredPod } from './CollectorStore';
import { TEST_DATABASE_IDS } from '../../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const point = (current: number): WorkloadHistoryPoint => ({
  replicas: { current, ready: current },
  metrics: [],
  triton: [],
});
const pod = (name: string, workload = 'c/ml/w'): StoredPod => ({
  podKey: `c/ml/${name}`,
  workload,
  result: JSON.stringify({ pod: name }),
  state: JSON.stringify({ raw: name }),
});

describe('CollectorStore', () => {
  const databases = TestDatabases.create({
    ids: TEST_DATABASE_IDS,
    disableDocker: true,
  });

  async function storeOn(databaseId: (typeof TEST_DATABASE_IDS)[number]) {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    return { knex, store: new CollectorStore(knex) };
  }

  it.each(databases.eachSupportedId())(
    'writes rounds, replaces pods and keeps history within the cutoff on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      expect(await store.round('triton')).toBeUndefined();

      const r1 = await store.writeRound({
        task: 'triton',
        instance: 'a',
        at: 1000,
        pods: [pod('p1'), pod('p2')],
        history: [{ workload: 'c/ml/w', point: point(2) }],
        historyCutoff: 0,
      });
      const r2 = await store.writeRound({
        task: 'triton',
        instance: 'b',
        at: 16_000,
        pods: [pod('p2'), pod('p3', 'c/ml/other')],
        history: [
          { workload: 'c/ml/w', point: point(3) },
          { workload: 'c/ml/other', point: point(1) },
        ],
        historyCutoff: 0,
      });
      expect([r1, r2]).toEqual([1, 2]);
      expect(await store.round('triton')).toMatchObject({
        round: 2,
        instance: 'b',
      });
      // p1 was not in round 2: gone.
      expect((await store.pods()).map(p => p.podKey).sort()).toEqual([
        'c/ml/p2',
        'c/ml/p3',
      ]);
      expect(
        (await store.results()).map(r => JSON.parse(r.result).pod).sort(),
      ).toEqual(['p2', 'p3']);

      const history = await store.history(['c/ml/w', 'c/ml/none'], 0);
      expect(history.get('c/ml/w')!.map(h => [h.t, h.point])).toEqual([
        [1000, point(2)],
        [16_000, point(3)],
      ]);
      expect(history.has('c/ml/none')).toBe(false);
      expect(
        (await store.historySince(1000)).map(h => h.workload).sort(),
      ).toEqual(['c/ml/other', 'c/ml/w']);

      // Retention: a round deletes what is older than its cutoff.
      await store.writeRound({
        task: 'triton',
        instance: 'b',
        at: 31_000,
        pods: [],
        history: [],
        historyCutoff: 16_000,
      });
      expect(
        (await store.history(['c/ml/w'], 0)).get('c/ml/w')!.map(h => h.t),
      ).toEqual([16_000]);
      expect(await store.pods()).toEqual([]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'reads history up to a round and lets other work run while a round is written on %p',
    async databaseId => {
      const { knex, store } = await storeOn(databaseId);
      const pods = Array.from({ length: 1000 }, (_, i) => pod(`p${i}`));
      const history = Array.from({ length: 1000 }, (_, i) => ({
        workload: `c/ml/w${i}`,
        point: point(i),
      }));
      // Turns of the event loop taken while the round is written.
      let turns = 0;
      let writing = true;
      const spin = () => {
        if (!writing) return;
        turns += 1;
        setImmediate(spin);
      };
      setImmediate(spin);
      await store.writeRound({
        task: 'triton',
        instance: 'a',
        at: 1000,
        pods,
        history,
        historyCutoff: 0,
      });
      writing = false;
      // 14 batches of rows, each followed by a turn. Only SQLite can fail
      // this: its queries run synchronously on the event loop, so without
      // the yields the whole round is one turn. A PostgreSQL query always
      // waits for the network, which turns the loop by itself.
      const minTurns = databaseId.startsWith('SQLITE') ? 13 : 0;
      expect(turns).toBeGreaterThanOrEqual(minTurns);
      expect(await store.pods()).toHaveLength(1000);

      await store.writeRound({
        task: 'triton',
        instance: 'a',
        at: 16_000,
        pods: pods.slice(0, 10),
        history: history.slice(0, 10),
        historyCutoff: 0,
      });
      expect(await store.pods()).toHaveLength(10);
      // Points after the round a reader holds are left to the next read.
      expect(await store.historySince(0, 1000)).toHaveLength(1000);
      expect(await store.historySince(1000, 16_000)).toHaveLength(10);
      expect(await store.historySince(0)).toHaveLength(1010);
      await knex.destroy();
    },
  );
});
