import {
  alignTraffic,
  EconomicsInputError,
  parseTrafficSeries,
  TrafficSeries,
} from '@internal/plugin-model-scaling-common';
import { CliError } from '../CliError';

interface Point {
  tMs: number;
  rps: number | null;
  where: string;
}

function timestampMs(raw: string | number, where: string): number {
  if (typeof raw === 'number' || /^\d+(\.\d+)?$/.test(String(raw).trim())) {
    const seconds = Number(raw);
    if (!Number.isFinite(seconds))
      throw new CliError(
        `${where}: timestamp must be epoch seconds or ISO 8601 (got "${raw}")`,
      );
    return Math.round(seconds * 1000);
  }
  const ms = Date.parse(String(raw));
  if (Number.isNaN(ms))
    throw new CliError(
      `${where}: timestamp must be epoch seconds or ISO 8601 (got "${raw}")`,
    );
  return ms;
}

function rate(raw: unknown, where: string): number | null {
  if (
    raw === null ||
    raw === undefined ||
    (typeof raw === 'string' &&
      ['', 'null', 'nan'].includes(raw.trim().toLowerCase()))
  ) {
    return null;
  }
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new CliError(
      `${where}: rps must be a number of 0 or more, or empty for a gap (got "${raw}")`,
    );
  return n;
}

/** Points on a regular grid → a series; the step is the smallest interval (60 s for one row). Missing grid points are gaps. */
function seriesOf(points: Point[], source: string): TrafficSeries {
  if (points.length === 0)
    throw new CliError(
      `${source}: no traffic (expected rows of "timestamp,rps")`,
    );
  for (let i = 1; i < points.length; i++) {
    if (points[i].tMs <= points[i - 1].tMs) {
      throw new CliError(`${points[i].where}: timestamps must increase`);
    }
  }
  let stepMs = Number.POSITIVE_INFINITY;
  for (let i = 1; i < points.length; i++)
    stepMs = Math.min(stepMs, points[i].tMs - points[i - 1].tMs);
  if (!Number.isFinite(stepMs)) stepMs = 60_000;
  const start = points[0].tMs;
  const values: (number | null)[] = [];
  for (const p of points) {
    const index = Math.round((p.tMs - start) / stepMs);
    if (Math.abs(index * stepMs - (p.tMs - start)) > 1) {
      throw new CliError(
        `${p.where}: timestamps must fall on a regular grid of ${
          stepMs / 1000
        } s from the first row`,
      );
    }
    while (values.length < index) values.push(null);
    values.push(p.rps);
  }
  return { startMs: start, stepSeconds: stepMs / 1000, values };
}

function fromCsv(text: string, source: string): Point[] {
  const points: Point[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `${source} line ${index + 1}`;
    if (line === '' || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map(c => c.trim());
    if (points.length === 0 && /^[a-z_ ]+$/i.test(cells.join(''))) return; // header such as "timestamp,rps"
    if (cells.length < 2)
      throw new CliError(`${where}: expected "timestamp,rps", got "${line}"`);
    points.push({
      tMs: timestampMs(cells[0], where),
      rps: rate(cells[1], where),
      where,
    });
  });
  return points;
}

/** A Prometheus `query_range` answer (`/api/v1/query_range` JSON). */
interface PrometheusMatrix {
  status?: string;
  data: {
    resultType?: string;
    result: { metric?: Record<string, string>; values?: [number, string][] }[];
  };
}

function fromJson(json: unknown, source: string): TrafficSeries {
  if (Array.isArray(json)) {
    return seriesOf(
      json.map((row, i) => {
        const where = `${source}[${i}]`;
        if (typeof row !== 'object' || row === null || !('timestamp' in row)) {
          throw new CliError(`${where}: expected {"timestamp": …, "rps": …}`);
        }
        const r = row as { timestamp: string | number; rps?: unknown };
        return {
          tMs: timestampMs(r.timestamp, where),
          rps: rate(r.rps, where),
          where,
        };
      }),
      source,
    );
  }
  const matrix = json as PrometheusMatrix;
  if (
    matrix &&
    typeof matrix === 'object' &&
    matrix.data &&
    Array.isArray(matrix.data.result)
  ) {
    const result = matrix.data.result;
    if (result.length === 0) {
      throw new CliError(
        `${source}: the Prometheus query returned no series; nothing to replay (check the query and the range)`,
      );
    }
    if (result.length > 1) {
      throw new CliError(
        `${source}: the Prometheus query returned ${result.length} series; wrap it in sum(...) so it returns the service's total rate`,
      );
    }
    return seriesOf(
      (result[0].values ?? []).map(([t, v], i) => ({
        tMs: timestampMs(t, `${source} values[${i}]`),
        rps: rate(v, `${source} values[${i}]`),
        where: `${source} values[${i}]`,
      })),
      source,
    );
  }
  try {
    return parseTrafficSeries(json);
  } catch (e) {
    if (e instanceof EconomicsInputError) {
      throw new CliError(
        `${source}: not a traffic series, an array of {timestamp, rps} or a Prometheus query_range answer (${e.message})`,
      );
    }
    throw e;
  }
}

/**
 * Reads recorded traffic: CSV rows of `timestamp,rps` (epoch seconds or ISO
 * 8601; an empty rps is a gap), or JSON — a traffic series
 * `{startMs, stepSeconds, values}`, an array of `{timestamp, rps}`, or a
 * Prometheus `query_range` answer of one series. Rows on a regular grid;
 * missing rows are gaps. With `stepSeconds` the series is resampled to it.
 */
export function parseTrafficFile(
  text: string,
  source: string,
  stepSeconds?: number,
): TrafficSeries {
  const trimmed = text.trimStart();
  let series: TrafficSeries;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CliError(
        `${source} is not valid JSON: ${(e as Error).message}`,
      );
    }
    series = fromJson(json, source);
  } else {
    series = seriesOf(fromCsv(text, source), source);
  }
  return stepSeconds !== undefined && stepSeconds !== series.stepSeconds
    ? alignTraffic(series, stepSeconds)
    : series;
}
