import { KubeApiClient } from '../KubeApi/KubeApiClient';
import { errorFromResponse } from '../KubeApi/KubeApiClient';
import { KubeApiError } from '../KubeApi/KubeApiError';
import {
  podProxyPath,
  TRITON_HTTP_PORT,
  TRITON_METRICS_PORT,
  TritonTarget,
} from './tritonTargets';

/** Pod-proxy responses larger than this are refused (a Triton /metrics page is a few hundred KiB at most). */
export const MAX_TRITON_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * Reads Triton's endpoints of one pod through the API server's pod proxy,
 * each request with its own deadline.
 */
export class PodProxyFetcher {
  constructor(
    private readonly client: KubeApiClient,
    private readonly timeoutMs: number,
  ) {}

  /** `GET :8002/metrics` as text. */
  async metrics(target: TritonTarget, signal?: AbortSignal): Promise<string> {
    return this.#text(
      target,
      TRITON_METRICS_PORT,
      '/metrics',
      'text/plain',
      signal,
    );
  }

  /** `GET :8000/v2/models/<m>/stats` as JSON. */
  async stats(
    target: TritonTarget,
    model: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.#json(
      target,
      `/v2/models/${encodeURIComponent(model)}/stats`,
      signal,
    );
  }

  /** `GET :8000/v2/models/<m>/config` as JSON. */
  async config(
    target: TritonTarget,
    model: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.#json(
      target,
      `/v2/models/${encodeURIComponent(model)}/config`,
      signal,
    );
  }

  async #text(
    target: TritonTarget,
    port: number,
    path: string,
    accept: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const full = podProxyPath(target.namespace, target.pod, port, path);
    const res = await this.client.request(full, {
      timeoutMs: this.timeoutMs,
      maxBytes: MAX_TRITON_RESPONSE_BYTES,
      accept,
      signal,
    });
    if (res.status < 200 || res.status > 299) {
      const error = errorFromResponse(`:${port}${path}`, res);
      // Triton answers errors as {"error": "..."}.
      try {
        const body = JSON.parse(res.body);
        if (typeof body?.error === 'string') {
          throw new KubeApiError(
            `GET :${port}${path}: HTTP ${res.status}: ${body.error}`,
            res.status,
          );
        }
      } catch (e) {
        if (e instanceof KubeApiError) throw e;
      }
      throw error;
    }
    return res.body;
  }

  async #json(
    target: TritonTarget,
    path: string,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const text = await this.#text(
      target,
      TRITON_HTTP_PORT,
      path,
      'application/json',
      signal,
    );
    try {
      return JSON.parse(text);
    } catch {
      throw new KubeApiError(
        `GET :${TRITON_HTTP_PORT}${path}: response is not JSON`,
      );
    }
  }
}
