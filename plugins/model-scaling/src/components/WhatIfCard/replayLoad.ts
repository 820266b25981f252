import {
  LoadPoint,
  TrafficSeries,
  trafficLoadPoints,
} from '@internal/plugin-model-scaling-common';

/** Which load the what-if runs: its synthetic shape, or the service's recorded traffic. */
export type WhatIfLoadSource = 'shape' | '24h' | '7d';

/**
 * The recorded traffic as the simulator's load curve, from its first to its
 * last recorded step (gaps inside are bridged by the simulator's linear
 * interpolation, as the economics replay does); undefined when nothing was
 * recorded.
 */
export function replayLoad(
  series: TrafficSeries,
): { load: LoadPoint[]; durationSeconds: number } | undefined {
  const first = series.values.findIndex(v => v !== null);
  if (first < 0) return undefined;
  let last = series.values.length - 1;
  while (series.values[last] === null) last--;
  const values = series.values.slice(first, last + 1);
  return {
    load: trafficLoadPoints(values, series.stepSeconds),
    durationSeconds: values.length * series.stepSeconds,
  };
}
