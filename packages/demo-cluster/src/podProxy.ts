import type { KubeObject } from './api/ObjectStore';
import type { DemoFaults } from './api/faults';
import type { PodProxy, ProxyResponse } from './api/routes';
import type { TritonServer } from './triton/TritonServer';
import { tritonResponse } from './triton/tritonEndpoints';
import {
  TritonUpstream,
  forwardToUpstream,
  upstreamForPod,
} from './tritonUpstream';

const refused = (pod: KubeObject, port: number): ProxyResponse => {
  const ip = (pod as any).status?.podIP ?? '0.0.0.0';
  return {
    status: 503,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `error trying to reach service: dial tcp ${ip}:${port}: connect: connection refused`,
      reason: 'ServiceUnavailable',
      code: 503,
    }),
  };
};

/**
 * The pod proxy of the demo: Triton endpoints for pods that run Triton (once their
 * models are loaded; before that the port refuses connections), 404 from other
 * declared ports, connection refused for undeclared ports, and the per-pod faults.
 * Pods of a Deployment named in `tritonUpstreams` answer their Triton ports
 * (8000, 8002) from that real server instead of the imitation.
 */
export function createPodProxy(options: {
  tritonOf: (namespace: string, pod: string) => TritonServer | undefined;
  faults: DemoFaults;
  tritonUpstreams?: readonly TritonUpstream[];
}): PodProxy {
  const upstreams = options.tritonUpstreams ?? [];
  return ({ pod, port, path, method, query }) => {
    const name = pod.metadata.name;
    const fault = options.faults.pods?.[name];
    if (fault === 'hang')
      return { status: 0, headers: {}, body: '', hang: true };
    if (fault === 'garbage') {
      return {
        status: 200,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: '\u0000\u0001<html>upstream returned something that is not metrics {{{ nv_inference_count{ 12 ]]\n',
      };
    }
    if (fault === 'error') {
      return {
        status: 500,
        headers: { 'Content-Type': 'text/plain' },
        body: 'Internal Server Error',
      };
    }
    const effectivePort = port ?? 80;
    const declared = ((pod as any).spec?.containers ?? []).some((c: any) =>
      (c.ports ?? []).some((p: any) => p.containerPort === effectivePort),
    );
    if (!declared) return refused(pod, effectivePort);
    const upstream = upstreamForPod(upstreams, pod);
    if (upstream && (effectivePort === 8000 || effectivePort === 8002)) {
      return forwardToUpstream(upstream, {
        port: effectivePort,
        path,
        query,
        method,
      });
    }
    const triton = options.tritonOf(pod.metadata.namespace!, name);
    if (
      triton &&
      (effectivePort === 8000 ||
        effectivePort === 8001 ||
        effectivePort === 8002)
    ) {
      if (!triton.ready) return refused(pod, effectivePort);
      return tritonResponse(triton, effectivePort, method, path);
    }
    return {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: '404 page not found\n',
    };
  };
}
