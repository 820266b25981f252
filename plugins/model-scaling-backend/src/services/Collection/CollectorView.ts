import {
  assembleWorkloadHistory,
  ThroughputSample,
  WorkloadHistory,
  WorkloadHistoryPoint,
} from '@internal/plugin-model-scaling-common';
import { CollectorStore } from '../CollectorStore/CollectorStore';
import { PodTritonResult } from '../TritonCollector/TritonCollector';
import { batchHistoryReads } from './batchHistoryReads';
import { yieldEvery } from './timeSlicing';

/** The id of the fleet-wide collection task (also its row in the rounds table). */
export const COLLECTION_TASK_ID = 'model-scaling-collect';

/** How far back the throughput series of the replicas-without-throughput finding reaches. */
export const THROUGHPUT_WINDOW_MS = 30 * 60 * 1000;

/** What the status service reads of collected data. */
export interface CollectedData {
  /** The latest result of every sampled pod of a workload (`<cluster>/<namespace>/<deployment>`). */
  resultsFor(workload: string): PodTritonResult[];
  /** Served requests and sampled replicas of a workload over the last 30 minutes, oldest first (`at` in epoch milliseconds). */
  throughputHistory(workload: string): ThroughputSample[];
  /**
   * The recorded history of some workloads within the retention window, or
   * only its points after `after` (epoch ms); one database query, shared by
   * the reads of one turn of the event loop.
   */
  historyFor(
    workloads: string[],
    after?: number,
  ): Promise<{
    /** The oldest time still kept (epoch ms): now − the retention. */
    windowStart: number;
    histories: Map<string, WorkloadHistory>;
  }>;
}

/**
 * Each replica's read cache of what the collection task stored: pod
 * results and the throughput series, reloaded when the stored round
 * changes (a cheap check, run every few seconds and right after this
 * replica's own round), so every replica serves the same figures. The
 * full history is read per request of the history route, bounded by the
 * retention, or only the points after the newest one a client holds (the
 * requests answered at once share one query).
 */
export class CollectorView implements CollectedData {
  #round?: number;
  #results = new Map<string, PodTritonResult[]>();
  /** Samples with `at` in epoch milliseconds, oldest first. */
  #throughput = new Map<string, (ThroughputSample & { at: number })[]>();
  #lastPointAt = 0;
  /** The stored round's time: history points after it belong to a round still being written. */
  #roundAt?: number;
  #refreshing?: Promise<void>;
  readonly #now: () => Date;
  /** The store's history reads, those of one turn of the event loop in one query. */
  readonly #history: CollectorStore['history'];

  constructor(
    private readonly o: {
      store: CollectorStore;
      retentionMs: number;
      stepSeconds: number;
      /** Told every history point read, oldest first (e.g. to record traffic). */
      onPoints?: (
        points: { workload: string; t: number; point: WorkloadHistoryPoint }[],
      ) => void;
      now?: () => Date;
    },
  ) {
    this.#now = o.now ?? (() => new Date());
    this.#history = batchHistoryReads((workloads, since) =>
      o.store.history(workloads, since),
    );
  }

  /** The stored round this cache holds. */
  get round(): number | undefined {
    return this.#round;
  }

  /** Reloads when the stored round changed; concurrent calls share one reload. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<void> {
    const info = await this.o.store.round(COLLECTION_TASK_ID);
    if (!info || info.round === this.#round) return;
    this.#roundAt = info.finishedAt;
    const cutoff = this.#now().getTime() - THROUGHPUT_WINDOW_MS;
    const [rows, points] = await Promise.all([
      this.o.store.results(),
      // Only what is new, and never more than the throughput window.
      this.o.store.historySince(
        Math.max(this.#lastPointAt, cutoff - 1),
        info.finishedAt,
      ),
    ]);
    const results = new Map<string, PodTritonResult[]>();
    const pause = yieldEvery();
    for (const row of rows) {
      await pause();
      const result = JSON.parse(row.result) as PodTritonResult;
      const list = results.get(row.workload) ?? [];
      list.push(result);
      results.set(row.workload, list);
    }
    for (const list of results.values()) {
      list.sort((a, b) => a.pod.localeCompare(b.pod));
    }
    this.o.onPoints?.(points);
    // Samples carry epoch milliseconds, not ISO text: with a full window
    // (5,000 workloads × 120 points) parsing the text back took 130 ms of one
    // turn per reload, and the finding parsed it again on every view.
    // A workload's series is a new array whenever it changes, never edited
    // in place: the status memo compares it by identity.
    const added = new Map<string, (ThroughputSample & { at: number })[]>();
    for (const p of points) {
      this.#lastPointAt = Math.max(this.#lastPointAt, p.t);
      if (!p.point.throughput) continue;
      const list = added.get(p.workload) ?? [];
      list.push({ at: p.t, ...p.point.throughput });
      added.set(p.workload, list);
    }
    for (const [workload, list] of added) {
      const held = this.#throughput.get(workload);
      this.#throughput.set(workload, held ? held.concat(list) : list);
    }
    for (const [workload, list] of this.#throughput) {
      // Oldest first (points arrive in time order): drop the samples that
      // left the window, usually one per workload.
      let first = 0;
      while (first < list.length && list[first].at < cutoff) {
        first += 1;
      }
      if (first === list.length) this.#throughput.delete(workload);
      else if (first > 0) this.#throughput.set(workload, list.slice(first));
    }
    this.#results = results;
    this.#round = info.round;
  }

  resultsFor(workload: string): PodTritonResult[] {
    return this.#results.get(workload) ?? [];
  }

  throughputHistory(workload: string): ThroughputSample[] {
    return this.#throughput.get(workload) ?? [];
  }

  async historyFor(
    workloads: string[],
    after?: number,
  ): Promise<{ windowStart: number; histories: Map<string, WorkloadHistory> }> {
    const windowStart = this.#now().getTime() - this.o.retentionMs;
    // Stored times are whole milliseconds: after `after` is from `after + 1`.
    const since =
      after === undefined ? windowStart : Math.max(windowStart, after + 1);
    const points = await this.#history(workloads, since);
    const histories = new Map<string, WorkloadHistory>();
    // Only rounds this read cache has seen stored: a round's points are
    // written before the round itself, and a client asking for what is
    // after the newest point it holds must not get half a round.
    const upTo = this.#roundAt ?? Infinity;
    for (const [workload, list] of points) {
      const done =
        list[list.length - 1].t > upTo ? list.filter(p => p.t <= upTo) : list;
      if (done.length === 0) continue;
      histories.set(
        workload,
        assembleWorkloadHistory(done, this.o.stepSeconds),
      );
    }
    return { windowStart, histories };
  }
}
