import {
  MetricSeries,
  TritonModelSeries,
  WorkloadHistory,
} from '../types/status';

const ms = (t: string) => Date.parse(t);

/**
 * A workload's history without the points older than `windowStart` (epoch
 * ms): what a client holding history drops once they leave the backend's
 * retention window. A series emptied that way is dropped; one that never had
 * points (a metric without a value yet) is kept, as the backend sends it.
 */
export function windowWorkloadHistory(
  history: WorkloadHistory,
  windowStart: number,
): WorkloadHistory {
  const keep = <P extends { t: string }>(points: P[]) =>
    points.filter(p => ms(p.t) >= windowStart);
  const series = <S extends { points: { t: string }[] }>(list: S[]) =>
    list.flatMap(s => {
      const points = keep(s.points);
      return s.points.length > 0 && points.length === 0
        ? []
        : [{ ...s, points }];
    });
  const gpu = history.gpuUtilization && series(history.gpuUtilization);
  return {
    stepSeconds: history.stepSeconds,
    replicas: keep(history.replicas),
    metrics: series(history.metrics),
    triton: series(history.triton),
    ...(gpu && gpu.length > 0 && { gpuUtilization: gpu }),
  };
}

/** `held`'s series with `update`'s appended by `key`; a series new in `update` goes last. */
function appendSeries<S extends { points: { t: string }[] }>(
  held: S[],
  update: S[],
  key: (s: S) => string,
  after: number,
  combine: (held: S, update: S) => S = (_held, u) => u,
): S[] {
  const out = new Map<string, S>();
  for (const s of held) out.set(key(s), { ...s, points: [...s.points] });
  for (const s of update) {
    const points = s.points.filter(p => ms(p.t) > after);
    const existing = out.get(key(s));
    out.set(
      key(s),
      existing
        ? {
            ...combine(existing, s),
            points: [...existing.points, ...points],
          }
        : { ...s, points },
    );
  }
  return [...out.values()];
}

/**
 * Appends an incremental answer of the history route (the points after the
 * newest one `held` has) to the history a client holds, and drops what left
 * the retention window (`windowStart`, epoch ms). Points of `update` at or
 * before `held`'s newest round are ignored, so an answer that overlaps what
 * is held adds nothing twice. Equals, series for series, the history the
 * backend would assemble from all the points at once (a property test checks
 * it); an autoscaler metric keeps its latest target and unit.
 */
export function mergeWorkloadHistory(
  held: WorkloadHistory | undefined,
  update: WorkloadHistory | undefined,
  windowStart: number,
): WorkloadHistory | undefined {
  if (!held || !update) {
    const only = held ?? update;
    return only && windowWorkloadHistory(only, windowStart);
  }
  const last = held.replicas[held.replicas.length - 1];
  const after = last ? ms(last.t) : -Infinity;
  const metrics = appendSeries<MetricSeries>(
    held.metrics,
    update.metrics,
    s => s.name,
    after,
    (h, u) => ({
      ...h,
      unit: u.unit,
      ...(u.target !== undefined && { target: u.target }),
    }),
  );
  const triton = appendSeries<TritonModelSeries>(
    held.triton,
    update.triton,
    s => s.model,
    after,
  );
  const gpu = appendSeries<MetricSeries>(
    held.gpuUtilization ?? [],
    update.gpuUtilization ?? [],
    s => s.name,
    after,
  );
  return windowWorkloadHistory(
    {
      stepSeconds: update.stepSeconds,
      replicas: [
        ...held.replicas,
        ...update.replicas.filter(p => ms(p.t) > after),
      ],
      metrics,
      triton,
      ...(gpu.length > 0 && { gpuUtilization: gpu }),
    },
    windowStart,
  );
}
