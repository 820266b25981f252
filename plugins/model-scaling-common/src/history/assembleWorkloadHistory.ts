import {
  MetricSeries,
  TritonModelSeries,
  WorkloadHistory,
} from '../types/status';
import { ThroughputSample } from '../findings/types';
import { WorkloadHistoryPoint } from './historyPoint';

/** A stored history point and its time (epoch ms). */
export interface TimedHistoryPoint {
  t: number;
  point: WorkloadHistoryPoint;
}

/**
 * The `WorkloadHistory` of a status document from a workload's points,
 * oldest first: one replicas point per round, one series per autoscaler
 * metric (its latest target) and per Triton model, and GPU utilisation per
 * pod when any point has it. Points are sorted by time; two points at the
 * same time keep the later one.
 */
export function assembleWorkloadHistory(
  points: TimedHistoryPoint[],
  stepSeconds: number,
): WorkloadHistory {
  const byTime = new Map<number, WorkloadHistoryPoint>();
  for (const p of points) byTime.set(p.t, p.point);
  const sorted = [...byTime.entries()].sort(([a], [b]) => a - b);

  const replicas: WorkloadHistory['replicas'] = [];
  const metrics = new Map<string, MetricSeries>();
  const triton = new Map<string, TritonModelSeries>();
  const gpu = new Map<string, MetricSeries>();
  for (const [tMs, point] of sorted) {
    const t = new Date(tMs).toISOString();
    replicas.push({ t, ...point.replicas });
    for (const m of point.metrics) {
      let series = metrics.get(m.name);
      if (!series) {
        series = { name: m.name, unit: m.unit, points: [] };
        metrics.set(m.name, series);
      }
      if (m.target !== undefined) series.target = m.target;
      series.unit = m.unit;
      if (m.v !== undefined) series.points.push({ t, v: m.v });
    }
    for (const m of point.triton) {
      let series = triton.get(m.model);
      if (!series) {
        series = { model: m.model, points: [] };
        triton.set(m.model, series);
      }
      const { model: _model, ...figures } = m;
      series.points.push({ t, ...figures });
    }
    for (const g of point.gpu ?? []) {
      let series = gpu.get(g.pod);
      if (!series) {
        series = { name: g.pod, unit: '%', points: [] };
        gpu.set(g.pod, series);
      }
      series.points.push({ t, v: g.v });
    }
  }
  return {
    stepSeconds,
    replicas,
    metrics: [...metrics.values()],
    triton: [...triton.values()],
    ...(gpu.size > 0 && { gpuUtilization: [...gpu.values()] }),
  };
}

/** The throughput samples (for the replicas-without-throughput finding) in a run of points. */
export function throughputSamples(
  points: TimedHistoryPoint[],
): ThroughputSample[] {
  return points
    .filter(p => p.point.throughput)
    .sort((a, b) => a.t - b.t)
    .map(p => ({
      at: new Date(p.t).toISOString(),
      replicas: p.point.throughput!.replicas,
      requestsPerSecond: p.point.throughput!.requestsPerSecond,
    }));
}
