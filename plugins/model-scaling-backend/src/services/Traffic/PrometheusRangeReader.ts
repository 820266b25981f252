import { z } from 'zod';

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
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const res = await this.#fetch(`${this.#url}/api/v1/query_range`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        query,
        start: String(range.startSec),
        end: String(range.endSec),
        step: `${range.stepSeconds}s`,
      }).toString(),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    }).catch(error => {
      throw new Error(
        `Prometheus query_range: ${
          (error as Error).name === 'TimeoutError'
            ? `timed out after ${this.options.timeoutMs} ms`
            : (error as Error).message
        }`,
      );
    });
    const maxBytes = this.options.maxBytes ?? 16 * 1024 * 1024;
    const text = await res.text();
    if (text.length > maxBytes) {
      throw new Error(
        `Prometheus query_range: answer larger than ${maxBytes} bytes`,
      );
    }
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(
        `Prometheus query_range: HTTP ${res.status}, the answer is not JSON`,
      );
    }
    if (body?.status === 'error') {
      throw new Error(
        `Prometheus query_range: HTTP ${res.status} ${body.errorType ?? ''}: ${
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
