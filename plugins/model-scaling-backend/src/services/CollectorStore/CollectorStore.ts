import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  TimedHistoryPoint,
  WorkloadHistoryPoint,
} from '@internal/plugin-model-scaling-common';
import { nextBackgroundTurn } from '../Collection/timeSlicing';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const ROUNDS = 'model_scaling_collector_rounds';
const PODS = 'model_scaling_triton_pods';
const HISTORY = 'model_scaling_workload_history';
/** Rows per insert statement (SQLite allows 999 bound variables per statement). */
const BATCH = 150;

/** The knex migrations of the plugin's tables, shipped in the package (`files`). */
export const MIGRATIONS_DIR = resolvePackagePath(
  '@internal/plugin-model-scaling-backend',
  'migrations',
);

/** The latest finished round of a collection task. */
export interface RoundInfo {
  round: number;
  /** The time of the round (epoch ms); history points of the round carry it. */
  finishedAt: number;
  instance: string;
}

/** One pod's row: what every replica serves, and the raw state the collector continues from. */
export interface StoredPod {
  podKey: string;
  workload: string;
  /** JSON of the figures and error every replica serves. */
  result: string;
  /** JSON of the raw samples the next rates are computed from. */
  state: string;
}

/** What one finished round writes (see {@link CollectorStore.writeRound}). */
export interface RoundWrite {
  task: string;
  instance: string;
  /** The time of the round (epoch ms); later than the stored round's, so history times only grow. */
  at: number;
  pods: StoredPod[];
  history: { workload: string; point: WorkloadHistoryPoint }[];
  /** History older than this (epoch ms) is deleted. */
  historyCutoff: number;
}

/**
 * The collector's shared state in the plugin's database (SQLite in the
 * demo, PostgreSQL in production; the same queries): the latest round per
 * task, the latest Triton state per pod and the bounded workload history.
 * Written by the one replica that holds the collection task, read by all.
 */
export class CollectorStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<CollectorStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: MIGRATIONS_DIR });
    }
    return new CollectorStore(client);
  }

  constructor(private readonly db: Knex) {}

  /**
   * Adds history points (a point already stored for the workload and time
   * is kept), a batch per statement with a turn of the event loop between
   * batches. `writeRound` writes its points through it.
   */
  async insertHistory(
    points: { workload: string; t: number; point: WorkloadHistoryPoint }[],
  ): Promise<void> {
    await inBatches(points, batch =>
      this.db(HISTORY)
        .insert(
          batch.map(h => ({
            workload: h.workload,
            t_ms: h.t,
            point_json: JSON.stringify(h.point),
          })),
        )
        .onConflict(['workload', 't_ms'])
        .ignore(),
    );
  }

  /** The latest finished round of `task`, if any. */
  async round(task: string): Promise<RoundInfo | undefined> {
    const row = await this.db(ROUNDS).where({ task }).first();
    return row
      ? {
          round: Number(row.round),
          finishedAt: Number(row.finished_at_ms),
          instance: row.instance,
        }
      : undefined;
  }

  /** Every pod's row. */
  async pods(): Promise<StoredPod[]> {
    const rows = await this.db(PODS).select(
      'pod_key',
      'workload',
      'result_json',
      'state_json',
    );
    return rows.map(r => ({
      podKey: r.pod_key,
      workload: r.workload,
      result: r.result_json,
      state: r.state_json,
    }));
  }

  /** Every pod's served result (no raw state), for the read cache of each replica. */
  async results(): Promise<{ workload: string; result: string }[]> {
    const rows = await this.db(PODS).select('workload', 'result_json');
    return rows.map(r => ({ workload: r.workload, result: r.result_json }));
  }

  /**
   * Writes a finished round: upserts the pods of the round, appends one
   * history point per workload, then in one transaction deletes pods that
   * were not in it and history older than the cutoff and advances the round
   * counter. Returns the round.
   *
   * The rows go in batches of {@link BATCH}, a statement (its own short
   * transaction) at a time with a turn of the event loop between them: on
   * SQLite a statement runs synchronously, and one transaction of 5,000 pods
   * held the loop (and the one connection the status views read history
   * through) for 100–150 ms. A reader still sees a round only once all of it
   * is written: it reloads when the counter moves, which is last, and reads
   * history up to the round's time ({@link CollectorStore.historySince}).
   * If the round fails half-way, the rows written are real samples: the next
   * round overwrites the pods and keeps the points.
   */
  async writeRound(write: RoundWrite): Promise<number> {
    const round = ((await this.round(write.task))?.round ?? 0) + 1;
    await inBatches(write.pods, batch =>
      this.db(PODS)
        .insert(
          batch.map(p => ({
            pod_key: p.podKey,
            workload: p.workload,
            result_json: p.result,
            state_json: p.state,
            round,
          })),
        )
        .onConflict('pod_key')
        .merge(),
    );
    await this.insertHistory(write.history.map(h => ({ ...h, t: write.at })));
    return this.db.transaction(async tx => {
      const current = await tx(ROUNDS).where({ task: write.task }).first();
      // The collection task runs on one replica at a time; should two rounds
      // ever overlap, the counter still only grows and neither round's pods
      // are deleted by the other (each deletes older rounds' pods only).
      const finished = Math.max(
        round,
        (current ? Number(current.round) : 0) + 1,
      );
      await tx(PODS).where('round', '<', round).delete();
      await tx(HISTORY).where('t_ms', '<', write.historyCutoff).delete();
      const row = {
        task: write.task,
        round: finished,
        finished_at_ms: write.at,
        instance: write.instance,
      };
      if (current) {
        await tx(ROUNDS).where({ task: write.task }).update(row);
      } else {
        await tx(ROUNDS).insert(row);
      }
      return finished;
    });
  }

  /** History points of some workloads since `since` (epoch ms), oldest first. One query. */
  async history(
    workloads: string[],
    since: number,
  ): Promise<Map<string, TimedHistoryPoint[]>> {
    const out = new Map<string, TimedHistoryPoint[]>();
    if (workloads.length === 0) return out;
    const rows = await this.db(HISTORY)
      .whereIn('workload', workloads)
      .andWhere('t_ms', '>=', since)
      .orderBy('t_ms', 'asc')
      .select('workload', 't_ms', 'point_json');
    for (const r of rows) {
      const list = out.get(r.workload) ?? [];
      list.push({ t: Number(r.t_ms), point: JSON.parse(r.point_json) });
      out.set(r.workload, list);
    }
    return out;
  }

  /**
   * History points of every workload after `after` and up to `upTo` (epoch
   * ms; the stored round's time, so that points of a round still being
   * written are read with that round), for the read caches' throughput series.
   */
  async historySince(
    after: number,
    upTo = Number.MAX_SAFE_INTEGER,
  ): Promise<{ workload: string; t: number; point: WorkloadHistoryPoint }[]> {
    const rows = await this.db(HISTORY)
      .where('t_ms', '>', after)
      .andWhere('t_ms', '<=', upTo)
      .orderBy('t_ms', 'asc')
      .select('workload', 't_ms', 'point_json');
    return rows.map(r => ({
      workload: r.workload,
      t: Number(r.t_ms),
      point: JSON.parse(r.point_json),
    }));
  }
}

/** Writes `items` {@link BATCH} at a time, a turn of the event loop after each batch. */
async function inBatches<T>(
  items: T[],
  write: (batch: T[]) => PromiseLike<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    await write(items.slice(i, i + BATCH));
    await nextBackgroundTurn();
  }
}
