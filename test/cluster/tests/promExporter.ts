/*
 * The tests' Prometheus exporter (test/cluster/prometheus/exporter.py), scraped every second by
 * the local Prometheus: set a gauge or a counter's rate, or remove a series so that queries on it
 * come back empty (a failing KEDA trigger when `ignoreNullValues` is false).
 */
import type { ClusterEnv } from './clusterEnv';

/** A series of the exporter. */
export type ExporterSeries =
  | {
      name: string;
      labels?: Record<string, string>;
      type?: 'gauge';
      value: number;
    }
  | {
      name: string;
      labels?: Record<string, string>;
      type: 'counter';
      rate: number;
    }
  | { name: string; labels?: Record<string, string>; absent: true };

/** Sets (or removes) one series; throws with the exporter's message on a bad one. */
export async function setSeries(
  env: ClusterEnv,
  series: ExporterSeries,
): Promise<void> {
  const res = await fetch(`${env.EXPORTER_URL}/series`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(series),
  });
  if (!res.ok) {
    throw new Error(
      `exporter refused ${JSON.stringify(series)}: ${
        res.status
      } ${await res.text()}`,
    );
  }
}

/** An instant query of the local Prometheus: the first sample's value, or undefined when empty. */
export async function promQuery(
  env: ClusterEnv,
  query: string,
): Promise<number | undefined> {
  const res = await fetch(
    `${env.PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(query)}`,
  );
  const body: any = await res.json();
  if (body.status !== 'success')
    throw new Error(
      `Prometheus query ${query} failed: ${JSON.stringify(body)}`,
    );
  const first = body.data.result[0];
  return first ? Number(first.value[1]) : undefined;
}
