/** Reads the history points of some workloads since a time (epoch ms), one database query. */
export type HistoryRead<T extends { t: number }> = (
  workloads: string[],
  since: number,
) => Promise<Map<string, T[]>>;

/**
 * Coalesces history reads: the reads asked for in one turn of the event loop
 * (the status views the server is answering at once) share one query over
 * the union of their workloads, at most `maxWorkloads` per query (SQLite's
 * and PostgreSQL's limits on bound parameters), from the earliest `since`
 * asked; each caller gets its own workloads' points at or after its own
 * `since`. A failed query fails the reads it served, and only those.
 * Saves the database pool round trip (acquire, build, release) per view,
 * which costs as much as building the status document.
 */
export function batchHistoryReads<T extends { t: number }>(
  read: HistoryRead<T>,
  maxWorkloads = 500,
): HistoryRead<T> {
  type Pending = {
    workloads: string[];
    since: number;
    resolve: (m: Map<string, T[]>) => void;
    reject: (e: unknown) => void;
  };
  let queue: Pending[] = [];

  const flush = () => {
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; ) {
      // Callers in order, until the union would pass maxWorkloads (a caller
      // asking for more than that on its own gets a query of its own).
      const union = new Set<string>();
      const group: Pending[] = [];
      for (; i < batch.length; i++) {
        const next = batch[i];
        const added = next.workloads.filter(w => !union.has(w)).length;
        if (group.length > 0 && union.size + added > maxWorkloads) break;
        for (const w of next.workloads) union.add(w);
        group.push(next);
      }
      const since = Math.min(...group.map(p => p.since));
      read([...union], since).then(
        points => {
          for (const p of group) {
            const mine = new Map<string, T[]>();
            for (const w of p.workloads) {
              const list = points.get(w)?.filter(x => x.t >= p.since);
              if (list && list.length > 0) mine.set(w, list);
            }
            p.resolve(mine);
          }
        },
        error => {
          for (const p of group) p.reject(error);
        },
      );
    }
  };

  return (workloads, since) => {
    if (workloads.length === 0) return Promise.resolve(new Map());
    return new Promise((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ workloads, since, resolve, reject });
    });
  };
}
