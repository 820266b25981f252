import http from 'node:http';
import { AddressInfo } from 'node:net';
import type { KubeObject } from './api/ObjectStore';
import { createPodProxy } from './podProxy';
import {
  TritonUpstream,
  deploymentOfPod,
  forwardToUpstream,
  parseTritonUpstreams,
  upstreamForPod,
} from './tritonUpstream';

function pod(
  name: string,
  owner?: { kind: string; name: string },
  hash = 'abc12',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'ml-serving',
      uid: `uid-${name}`,
      labels: { 'pod-template-hash': hash },
      ownerReferences: owner
        ? [
            {
              apiVersion: 'apps/v1',
              kind: owner.kind,
              name: owner.name,
              uid: 'rs',
              controller: true,
            },
          ]
        : undefined,
    },
    spec: {
      containers: [
        {
          name: 'triton',
          ports: [
            { containerPort: 8000 },
            { containerPort: 8001 },
            { containerPort: 8002 },
          ],
        },
      ],
    },
  } as KubeObject;
}

describe('parseTritonUpstreams', () => {
  it('accepts a list of Deployments with http and metrics base URLs', () => {
    const value = [
      {
        namespace: 'ml-serving',
        deployment: 'image-classifier',
        httpUrl: 'http://127.0.0.1:8000',
        metricsUrl: 'http://127.0.0.1:8002',
      },
    ];
    expect(parseTritonUpstreams(value)).toEqual(value);
  });

  it('names the field and the rule of bad input', () => {
    expect(() =>
      parseTritonUpstreams([
        {
          namespace: 'ml-serving',
          deployment: '',
          httpUrl: 'not a url',
          metricsUrl: 'ftp://127.0.0.1/x',
        },
      ]),
    ).toThrow(
      'demoCluster.tritonUpstreams[0].deployment: must not be empty; ' +
        'demoCluster.tritonUpstreams[0].httpUrl: must be an absolute URL such as http://127.0.0.1:8000; ' +
        'demoCluster.tritonUpstreams[0].metricsUrl: must be an http:// or https:// URL',
    );
    expect(() => parseTritonUpstreams({ deployment: 'x' })).toThrow(
      /^demoCluster\.tritonUpstreams: Expected array, received object$/,
    );
    expect(() =>
      parseTritonUpstreams([
        {
          namespace: 'a',
          deployment: 'b',
          httpUrl: 'http://h',
          metricsUrl: 'http://h',
          grpcUrl: 'http://h',
        },
      ]),
    ).toThrow(/demoCluster\.tritonUpstreams\[0\]: Unrecognized key.*grpcUrl/);
  });
});

describe('deploymentOfPod', () => {
  it('reads the Deployment from the controlling ReplicaSet and the pod-template-hash', () => {
    expect(
      deploymentOfPod(
        pod('image-classifier-abc12-x1', {
          kind: 'ReplicaSet',
          name: 'image-classifier-abc12',
        }),
      ),
    ).toBe('image-classifier');
    expect(deploymentOfPod(pod('solo'))).toBeUndefined();
    expect(
      deploymentOfPod(pod('job-x', { kind: 'Job', name: 'job-abc12' })),
    ).toBeUndefined();
    expect(
      deploymentOfPod(
        pod('a-zzz-1', { kind: 'ReplicaSet', name: 'a-zzz' }, 'abc12'),
      ),
    ).toBeUndefined();
  });

  it('finds the upstream of the pod’s namespace and Deployment only', () => {
    const upstreams: TritonUpstream[] = [
      {
        namespace: 'other',
        deployment: 'image-classifier',
        httpUrl: 'http://127.0.0.1:1',
        metricsUrl: 'http://127.0.0.1:2',
      },
      {
        namespace: 'ml-serving',
        deployment: 'image-classifier',
        httpUrl: 'http://127.0.0.1:3',
        metricsUrl: 'http://127.0.0.1:4',
      },
    ];
    const p = pod('image-classifier-abc12-x1', {
      kind: 'ReplicaSet',
      name: 'image-classifier-abc12',
    });
    expect(upstreamForPod(upstreams, p)?.httpUrl).toBe('http://127.0.0.1:3');
    const q = pod('summarizer-abc12-x1', {
      kind: 'ReplicaSet',
      name: 'summarizer-abc12',
    });
    expect(upstreamForPod(upstreams, q)).toBeUndefined();
  });
});

describe('forwarding to a real server', () => {
  let server: http.Server;
  let base: string;
  const seen: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.socket.localPort} ${req.url}`);
      if (req.url === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end('nv_inference_count{model="resnet50",version="1"} 7\n');
      } else if (req.url?.startsWith('/v2/models/resnet50/stats')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"model_stats":[]}');
      } else {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end('{"error":"Request for unknown model"}');
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>(r => server.close(() => r())));

  const upstream = (): TritonUpstream => ({
    namespace: 'ml-serving',
    deployment: 'image-classifier',
    httpUrl: `${base}/`,
    metricsUrl: base,
  });

  it('passes status, content type, body and query through', async () => {
    const metrics = await forwardToUpstream(upstream(), {
      port: 8002,
      path: '/metrics',
      query: new URLSearchParams(),
      method: 'GET',
    });
    expect(metrics.status).toBe(200);
    expect(metrics.headers['Content-Type']).toBe('text/plain; version=0.0.4');
    expect(metrics.body.toString()).toContain('nv_inference_count');

    const stats = await forwardToUpstream(upstream(), {
      port: 8000,
      path: 'v2/models/resnet50/stats',
      query: new URLSearchParams({ a: '1' }),
      method: 'GET',
    });
    expect(stats.body.toString()).toBe('{"model_stats":[]}');
    expect(seen).toContain(
      `GET ${
        server.address() && (server.address() as AddressInfo).port
      } /v2/models/resnet50/stats?a=1`,
    );

    const unknown = await forwardToUpstream(upstream(), {
      port: 8000,
      path: '/v2/models/nope/stats',
      query: new URLSearchParams(),
      method: 'GET',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.toString()).toContain('unknown model');
  });

  it('answers 503 like the API server when the real server refuses', async () => {
    const closed = http.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>(r => closed.close(() => r()));
    const answer = await forwardToUpstream(
      { ...upstream(), metricsUrl: `http://127.0.0.1:${port}` },
      {
        port: 8002,
        path: '/metrics',
        query: new URLSearchParams(),
        method: 'GET',
      },
    );
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body.toString())).toMatchObject({
      kind: 'Status',
      code: 503,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('is used by the pod proxy for the mapped Deployment’s Triton ports only', async () => {
    const imitation = {
      ready: true,
      metricsText: () => 'imitation\n',
    } as any;
    const proxy = createPodProxy({
      tritonOf: () => imitation,
      faults: {},
      tritonUpstreams: [upstream()],
    });
    const mapped = pod('image-classifier-abc12-x1', {
      kind: 'ReplicaSet',
      name: 'image-classifier-abc12',
    });
    const real = await proxy({
      pod: mapped,
      port: 8002,
      path: '/metrics',
      query: new URLSearchParams(),
      method: 'GET',
    });
    expect(real.body.toString()).toBe(
      'nv_inference_count{model="resnet50",version="1"} 7\n',
    );
    const before = seen.length;
    const other = await proxy({
      pod: pod('summarizer-abc12-x1', {
        kind: 'ReplicaSet',
        name: 'summarizer-abc12',
      }),
      port: 8002,
      path: '/metrics',
      query: new URLSearchParams(),
      method: 'GET',
    });
    expect(seen.length).toBe(before);
    expect(other.body.toString()).toBe('imitation\n');
    const undeclared = await proxy({
      pod: mapped,
      port: 9999,
      path: '/metrics',
      query: new URLSearchParams(),
      method: 'GET',
    });
    expect(undeclared.status).toBe(503);
    expect(seen.length).toBe(before);
  });
});
