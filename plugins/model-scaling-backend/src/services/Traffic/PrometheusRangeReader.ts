import { z } from 'zod';
import { postPrometheus } from '../TritonCollector/PrometheusClient';

const matrixResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(
      z.object({
        metric: z.record(z.string()),
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
});

/** One series of a `query_range` answer. */
export type RangeSeries = z.infer<
  typeof matrixResponseSchema
>['data']['result'][number];

/** Options of {@link PrometheusRangeReader}. */
export interface PrometheusRangeReaderOptions {
  url: string;
  timeoutMs: number;
  /** Larger answers are refused (default 16 MiB: 11,000 points of a few series). */
  maxBytes?: number;
  fetch?: typeof fetch;
}

/** Range queries against Prometheus' HTTP API (`/api/v1/query_range`). */
export class PrometheusRangeReader {
  readonly #url: string;
  readonly #fetch: typeof fetch;

  constructor(private readonly options: PrometheusRangeReaderOptions) {
    this.#url = options.url.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? fetch;
  }

  /** Runs `query` from `startSec` to `endSec` every `stepSeconds` (POST, so long queries fit). */
  async queryRange(
    query: string,
    range: { startSec: number; endSec: number; stepSeconds: number },
    signal?: AbortSignal,
  ): Promise<RangeSeries[]> {
    const { status, body } = await postPrometheus(
      {
        url: this.#url,
        timeoutMs: this.options.timeoutMs,
        fetch: this.#fetch,
        maxBytes: this.options.maxBytes ?? 16 * 1024 * 1024,
      },
      'query_range',
      {
        query,
        start: String(range.startSec),
        end: String(range.endSec),
        step: `${range.stepSeconds}s`,
      },
      { label: 'Prometheus query_range', signal },
      message => new Error(message),
    );
    if (body?.status === 'error') {
      throw new Error(
        `Prometheus query_range: HTTP ${status} ${body.errorType ?? ''}: ${
          body.error ?? 'failed'
        }`.replace(/\s+:/, ':'),
      );
    }
    const parsed = matrixResponseSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `Prometheus query_range: unexpected answer at '${issue.path.join(
          '.',
        )}': ${issue.message}`,
      );
    }
    return parsed.data.data.result;
  }
}
