import {
  TrafficProblem,
  TrafficSeries,
} from '@internal/plugin-model-scaling-common';
import { promStringEscape } from '../TritonCollector/PrometheusClient';
import { formatDuration } from './duration';
import { PrometheusRangeReader } from './PrometheusRangeReader';
import { coverageProblems, rangeToSeries } from './rangeToSeries';
import { TrafficOptions } from './trafficOptions';
import { TrafficRecorder } from './TrafficRecorder';

/** Where a traffic answer comes from. */
export type TrafficSource = 'prometheus' | 'recorded';

/** A workload of a service, as the status document names it. */
export interface TrafficWorkload {
  cluster: string;
  namespace: string;
  name: string;
}

/** The request rate of one service over a range, or why there is none. */
export interface TrafficAnswer {
  /** Absent when no step has a value: nothing to replay. */
  series?: TrafficSeries;
  source?: TrafficSource;
  /** The PromQL run for the first workload (with its placeholders filled). */
  query?: string;
  rangeSeconds: number;
  problems: TrafficProblem[];
}

/** Thrown for a range the service refuses (the route answers 400). */
export class TrafficRangeError extends Error {}

/**
 * A service's request rate over the last `range`: from Prometheus
 * (`query_range` of the query configured for the service's pattern, per
 * workload, summed) when configured, else — or when Prometheus has nothing —
 * from this backend's recorded rates. The step is the replay's step
 * (`stepSeconds`), grown by whole multiples to stay within Prometheus'
 * point limit; step boundaries are aligned to it, so any two answers share
 * their steps.
 */
export class TrafficService {
  readonly #reader?: PrometheusRangeReader;
  readonly #now: () => Date;

  constructor(
    private readonly o: {
      options: TrafficOptions;
      recorder: TrafficRecorder;
      /** The replay's step, seconds. */
      stepSeconds: number;
      reader?: PrometheusRangeReader;
      now?: () => Date;
    },
  ) {
    const p = o.options.prometheus;
    this.#reader =
      o.reader ??
      (p && new PrometheusRangeReader({ url: p.url, timeoutMs: p.timeoutMs }));
    this.#now = o.now ?? (() => new Date());
  }

  /** The longest range answered, seconds (`modelScaling.traffic.maxRange`). */
  get maxRangeSeconds(): number {
    return this.o.options.maxRangeSeconds;
  }

  async traffic(request: {
    pattern?: string;
    workloads: TrafficWorkload[];
    rangeSeconds: number;
    signal?: AbortSignal;
  }): Promise<TrafficAnswer> {
    const { rangeSeconds, workloads } = request;
    const max = this.o.options.maxRangeSeconds;
    if (rangeSeconds > max) {
      throw new TrafficRangeError(
        `range ${formatDuration(
          rangeSeconds,
        )} is longer than the configured maximum modelScaling.traffic.maxRange (${formatDuration(
          max,
        )})`,
      );
    }
    if (workloads.length === 0) {
      return {
        rangeSeconds,
        problems: [
          {
            code: 'empty',
            severity: 'error',
            message:
              'No workload of this service was found in any cluster: there is no traffic to read',
          },
        ],
      };
    }
    const problems: TrafficProblem[] = [];
    const query =
      request.pattern !== undefined
        ? this.o.options.prometheus?.queries[request.pattern]
        : undefined;
    if (this.#reader && query) {
      const answer = await this.#fromPrometheus(
        query,
        workloads,
        rangeSeconds,
        request.signal,
      );
      if (answer.series) return answer;
      // Nothing usable in Prometheus: say why, then use the recorded rates.
      problems.push(
        ...answer.problems.map(p => ({
          ...p,
          severity: 'info' as const,
          message: `Prometheus: ${p.message}; using the rates this backend recorded instead`,
        })),
      );
    }
    const recorded = this.#fromRecorder(workloads, rangeSeconds);
    return { ...recorded, problems: [...problems, ...recorded.problems] };
  }

  async #fromPrometheus(
    query: { query: string; counter: boolean },
    workloads: TrafficWorkload[],
    rangeSeconds: number,
    signal?: AbortSignal,
  ): Promise<TrafficAnswer> {
    const maxPoints = this.o.options.prometheus?.maxPoints ?? 11000;
    const base = this.o.stepSeconds;
    const stepSeconds =
      base * Math.max(1, Math.ceil(rangeSeconds / base / maxPoints));
    const count = Math.floor(rangeSeconds / stepSeconds);
    const endSec =
      Math.floor(this.#now().getTime() / 1000 / stepSeconds) * stepSeconds -
      stepSeconds;
    const startSec = endSec - (count - 1) * stepSeconds;
    const problems: TrafficProblem[] = [];
    const sums: (number | null)[] = new Array(count).fill(0);
    let firstQuery: string | undefined;
    for (const w of workloads) {
      const promql = fillPlaceholders(query.query, w);
      firstQuery ??= promql;
      let result;
      try {
        result = await this.#reader!.queryRange(
          promql,
          {
            // A counter needs the value one step before the first.
            startSec: query.counter ? startSec - stepSeconds : startSec,
            endSec,
            stepSeconds,
          },
          signal,
        );
      } catch (error) {
        return failed(`${(error as Error).message} (query: ${promql})`);
      }
      if (result.length === 0) {
        return failed(
          `the query for ${w.namespace}/${
            w.name
          } returned nothing over the last ${formatDuration(
            rangeSeconds,
          )} (query: ${promql})`,
        );
      }
      if (result.length > 1) {
        return failed(
          `the query for ${w.namespace}/${w.name} returned ${result.length} series; it must return one (wrap it in sum(...)) (query: ${promql})`,
        );
      }
      const one = rangeToSeries(
        result[0].values,
        { startSec, endSec, stepSeconds },
        { counter: query.counter },
      );
      problems.push(...one.problems.filter(p => p.code === 'bad-value'));
      one.series.values.forEach((v, i) => {
        const sum = sums[i];
        sums[i] = v === null || sum === null ? null : sum + v;
      });
    }
    const series: TrafficSeries = {
      startMs: startSec * 1000,
      stepSeconds,
      values: sums,
    };
    const coverage = coverageProblems(series);
    return {
      ...(!coverage.some(p => p.severity === 'error') && {
        series,
        source: 'prometheus' as const,
      }),
      query: firstQuery,
      rangeSeconds,
      problems: [...problems, ...coverage],
    };

    function failed(message: string): TrafficAnswer {
      return {
        query: firstQuery,
        rangeSeconds,
        problems: [{ code: 'empty', severity: 'error', message }],
      };
    }
  }

  #fromRecorder(
    workloads: TrafficWorkload[],
    rangeSeconds: number,
  ): TrafficAnswer {
    const stepSeconds = this.o.stepSeconds;
    const stepMs = stepSeconds * 1000;
    const count = Math.floor(rangeSeconds / stepSeconds);
    // The last whole step before now.
    const endMs = Math.floor(this.#now().getTime() / stepMs) * stepMs;
    const keys = workloads.map(w => `${w.cluster}/${w.namespace}/${w.name}`);
    const problems: TrafficProblem[] = [];
    let startMs = endMs - count * stepMs;
    const first = this.o.recorder.firstRecordedMs(keys);
    if (first !== undefined && first > startMs) {
      const from = Math.floor(first / stepMs) * stepMs;
      problems.push({
        code: 'too-long',
        severity: 'info',
        message: `This backend has recorded the request rate since ${new Date(
          from,
        ).toISOString()}, not the whole ${formatDuration(
          rangeSeconds,
        )} asked (it keeps at most ${
          this.o.options.recordHours
        } h in memory); configure modelScaling.traffic.prometheus for a longer history`,
      });
      startMs = from;
    }
    const series = this.o.recorder.series(
      keys,
      startMs,
      stepSeconds,
      Math.max(0, Math.round((endMs - startMs) / stepMs)),
    );
    const coverage =
      first === undefined
        ? [
            {
              code: 'empty' as const,
              severity: 'error' as const,
              message:
                'No request rate has been recorded for this service yet (from Triton or a request-rate autoscaler metric)',
            },
          ]
        : coverageProblems(series);
    return {
      ...(!coverage.some(p => p.severity === 'error') && {
        series,
        source: 'recorded' as const,
      }),
      rangeSeconds,
      problems: [...problems, ...coverage],
    };
  }
}

/** Fills `$cluster`, `$namespace` and `$workload` with PromQL-string-escaped values. */
export function fillPlaceholders(query: string, w: TrafficWorkload): string {
  return query
    .replace(/\$namespace\b/g, promStringEscape(w.namespace))
    .replace(/\$workload\b/g, promStringEscape(w.name))
    .replace(/\$cluster\b/g, promStringEscape(w.cluster));
}
