import { z } from 'zod';
import type { KubeObject } from './api/ObjectStore';
import type { ProxyResponse } from './api/routes';

/**
 * A Deployment of the demo whose pods answer Triton requests from a real
 * Triton Inference Server instead of the imitation: the pod proxy forwards
 * container port 8000 (HTTP: `/v2/...`) to `httpUrl` and 8002 (`/metrics`) to
 * `metricsUrl`. Every pod of the Deployment answers from the same server.
 */
export interface TritonUpstream {
  namespace: string;
  deployment: string;
  httpUrl: string;
  metricsUrl: string;
}

const baseUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be an absolute URL such as http://127.0.0.1:8000',
    });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be an http:// or https:// URL',
    });
  }
});

/** The schema of `demoCluster.tritonUpstreams`. */
export const tritonUpstreamsSchema = z.array(
  z
    .object({
      namespace: z.string().min(1, 'must not be empty'),
      deployment: z.string().min(1, 'must not be empty'),
      httpUrl: baseUrl,
      metricsUrl: baseUrl,
    })
    .strict(),
);

/** Validates `demoCluster.tritonUpstreams`; the error names the field and the rule. */
export function parseTritonUpstreams(value: unknown): TritonUpstream[] {
  const result = tritonUpstreamsSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    issue =>
      `demoCluster.tritonUpstreams${issue.path
        .map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')}: ${issue.message}`,
  );
  throw new Error(problems.join('; '));
}

/**
 * The Deployment a pod belongs to, from its controlling ReplicaSet (named
 * `<deployment>-<pod-template-hash>`, as the Deployment controller names it).
 */
export function deploymentOfPod(pod: KubeObject): string | undefined {
  const owner = pod.metadata.ownerReferences?.find(
    r => r.controller && r.kind === 'ReplicaSet',
  );
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (!owner || !hash || !owner.name.endsWith(`-${hash}`)) return undefined;
  return owner.name.slice(0, -hash.length - 1);
}

/** The upstream that serves a pod's Triton ports, if its Deployment is mapped. */
export function upstreamForPod(
  upstreams: readonly TritonUpstream[],
  pod: KubeObject,
): TritonUpstream | undefined {
  if (upstreams.length === 0) return undefined;
  const deployment = deploymentOfPod(pod);
  return upstreams.find(
    u => u.namespace === pod.metadata.namespace && u.deployment === deployment,
  );
}

function refusedByUpstream(url: string, reason: string): ProxyResponse {
  return {
    status: 503,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `error trying to reach service: ${url}: ${reason}`,
      reason: 'ServiceUnavailable',
      code: 503,
    }),
  };
}

/**
 * Forwards one pod-proxy request to the real Triton: port 8000 to its HTTP
 * front end, 8002 to its metrics port. The answer's status, content type and
 * body are passed on unchanged, as kube-apiserver's proxy does.
 */
export async function forwardToUpstream(
  upstream: TritonUpstream,
  request: {
    port: 8000 | 8002;
    path: string;
    query: URLSearchParams;
    method: string;
  },
  timeoutMs = 5000,
): Promise<ProxyResponse> {
  const base = request.port === 8000 ? upstream.httpUrl : upstream.metricsUrl;
  const search = request.query.toString();
  const url = `${base.replace(/\/+$/, '')}${
    request.path.startsWith('/') ? '' : '/'
  }${request.path}${search ? `?${search}` : ''}`;
  try {
    const res = await fetch(url, {
      method: request.method,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = Buffer.from(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    const type = res.headers.get('content-type');
    if (type) headers['Content-Type'] = type;
    return { status: res.status, headers, body };
  } catch (e) {
    const cause = (e as any)?.cause;
    return refusedByUpstream(
      url,
      String(cause?.code ?? cause?.message ?? (e as Error).message),
    );
  }
}
