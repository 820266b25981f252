import { TestDatabases } from '@backstage/backend-test-utils';
import { WorkloadHistoryPoint } from '@internal/plugin-model-scaling-common';
import {
  CollectorStore,
  MIGRATIONS_DIR,
} from '../CollectorStore/CollectorStore';
import { COLLECTION_TASK_ID, CollectorView } from './CollectorView';

const MINUTE = 60_000;
/** 2026-12-04T00:00:00Z. */
const T0 = Date.UTC(2026, 11, 4);

const point = (
  replicas: number,
  requestsPerSecond?: number,
): WorkloadHistoryPoint => ({
  replicas: { current: replicas, ready: replicas },
  metrics: [],
  triton: [],
  ...(requestsPerSecond !== undefined && {
    throughput: { replicas, requestsPerSecond },
  }),
});

describe('CollectorView', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });

  it('keeps each workload’s throughput for the last 30 minutes, oldest first, times in epoch ms', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const store = new CollectorStore(knex);
    let now = 0;
    const view = new CollectorView({
      store,
      retentionMs: 24 * 60 * MINUTE,
      stepSeconds: 15,
      now: () => new Date(now),
    });
    const round = async (
      at: number,
      history: { workload: string; point: WorkloadHistoryPoint }[],
    ) => {
      await store.writeRound({
        task: COLLECTION_TASK_ID,
        instance: 'a',
        at,
        pods: [],
        history,
        historyCutoff: 0,
      });
      now = at;
      await view.refresh();
    };

    await round(T0, [
      { workload: 'c/ml/a', point: point(1, 10) },
      { workload: 'c/ml/b', point: point(2, 20) },
    ]);
    await round(T0 + 15 * MINUTE, [
      { workload: 'c/ml/a', point: point(3, 10) },
      { workload: 'c/ml/b', point: point(2) },
    ]);
    expect(view.throughputHistory('c/ml/a')).toEqual([
      { at: T0, replicas: 1, requestsPerSecond: 10 },
      { at: T0 + 15 * MINUTE, replicas: 3, requestsPerSecond: 10 },
    ]);
    expect(view.throughputHistory('c/ml/b')).toEqual([
      { at: T0, replicas: 2, requestsPerSecond: 20 },
    ]);

    // 40 minutes on: the first samples left the window; b has none left.
    await round(T0 + 40 * MINUTE, [
      { workload: 'c/ml/a', point: point(5, 11) },
    ]);
    expect(view.throughputHistory('c/ml/a')).toEqual([
      { at: T0 + 15 * MINUTE, replicas: 3, requestsPerSecond: 10 },
      { at: T0 + 40 * MINUTE, replicas: 5, requestsPerSecond: 11 },
    ]);
    expect(view.throughputHistory('c/ml/b')).toEqual([]);

    // A sample exactly at the window's edge stays.
    await round(T0 + 45 * MINUTE, []);
    expect(view.throughputHistory('c/ml/a').map(s => s.at)).toEqual([
      T0 + 15 * MINUTE,
      T0 + 40 * MINUTE,
    ]);
    await round(T0 + 80 * MINUTE, []);
    expect(view.throughputHistory('c/ml/a')).toEqual([]);
    await knex.destroy();
  });

  it('answers history within the retention, after a time, and only of rounds it has seen stored', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    const store = new CollectorStore(knex);
    let now = T0;
    const view = new CollectorView({
      store,
      retentionMs: 60 * MINUTE,
      stepSeconds: 15,
      now: () => new Date(now),
    });
    for (const [at, replicas] of [
      [T0, 1],
      [T0 + 30 * MINUTE, 2],
      [T0 + 60 * MINUTE, 3],
    ]) {
      await store.writeRound({
        task: COLLECTION_TASK_ID,
        instance: 'a',
        at,
        pods: [],
        history: [{ workload: 'c/ml/a', point: point(replicas) }],
        historyCutoff: 0,
      });
    }
    now = T0 + 61 * MINUTE;
    await view.refresh();
    const times = async (after?: number) => {
      const { windowStart, histories } = await view.historyFor(
        ['c/ml/a', 'c/ml/none'],
        after,
      );
      expect(windowStart).toBe(now - 60 * MINUTE);
      expect(histories.has('c/ml/none')).toBe(false);
      return (histories.get('c/ml/a')?.replicas ?? []).map(r => r.current);
    };
    // The first round left the window.
    expect(await times()).toEqual([2, 3]);
    expect(await times(T0 + 30 * MINUTE)).toEqual([3]);
    expect(await times(T0 + 30 * MINUTE - 1)).toEqual([2, 3]);
    expect(await times(T0 + 60 * MINUTE)).toEqual([]);

    // A round being written: its point is stored, the round not yet.
    await store.insertHistory([
      { workload: 'c/ml/a', t: T0 + 75 * MINUTE, point: point(4) },
    ]);
    now = T0 + 76 * MINUTE;
    await view.refresh();
    expect(await times(T0 + 60 * MINUTE)).toEqual([]);
    await store.writeRound({
      task: COLLECTION_TASK_ID,
      instance: 'a',
      at: T0 + 75 * MINUTE,
      pods: [],
      history: [],
      historyCutoff: 0,
    });
    await view.refresh();
    expect(await times(T0 + 60 * MINUTE)).toEqual([4]);
    await knex.destroy();
  });
});
