/*
 * The demo is meant to show at least one finding per example service, naturally. This test
 * reads the demo cluster over HTTP the way the backend does (lists, pod proxy), reduces the
 * objects with the common package and runs its findings over each workload at three times
 * of the simulated day.
 */
import {
  SlimObject,
  TritonModelFigures,
  buildWorkloadStatus,
  parseTritonMetrics,
  toSlimObject,
  tritonConfigFromJson,
  tritonFiguresFromMetrics,
} from '@internal/plugin-model-scaling-common';
import { DemoCluster, startDemoCluster } from './startDemoCluster';

// Starting a cluster runs minutes of simulation; a busy machine needs more than 5 s.
jest.setTimeout(120_000);

const START = Date.parse('2026-03-02T10:00:00Z');
const SERVICES = [
  ['ml-serving', 'text-classifier'],
  ['ml-serving', 'image-classifier'],
  ['ml-batch', 'batch-embedder'],
  ['ml-serving', 'summarizer'],
] as const;

const LISTS: [string, string][] = [
  ['Deployment', '/apis/apps/v1/deployments'],
  ['ReplicaSet', '/apis/apps/v1/replicasets'],
  ['Pod', '/api/v1/pods'],
  ['Node', '/api/v1/nodes'],
  ['HorizontalPodAutoscaler', '/apis/autoscaling/v2/horizontalpodautoscalers'],
  ['ScaledObject', '/apis/keda.sh/v1alpha1/scaledobjects'],
  ['Event', '/api/v1/events?fieldSelector=reason%3DSuccessfulRescale'],
];

async function findingsAt(
  cluster: DemoCluster,
): Promise<Record<string, string[]>> {
  const get = async (path: string) =>
    (
      await fetch(`${cluster.url}${path}`, {
        headers: { Authorization: `Bearer ${cluster.token}` },
      })
    ).json();
  const slim: Record<string, SlimObject[]> = {};
  for (const [kind, path] of LISTS) {
    const list = await get(path);
    slim[kind] = list.items
      .map((raw: unknown) => toSlimObject(kind, raw, 'demo'))
      .filter(Boolean);
  }
  // Triton figures: two /metrics samples 15 s apart per ready Triton pod, plus the config.
  const tritonPods = (slim.Pod as any[]).filter(
    p => p.ready && p.spec.containers.some((c: any) => c.ports.includes(8002)),
  );
  const proxy = (p: any, port: number, path: string) =>
    `/api/v1/namespaces/${p.meta.namespace}/pods/${p.meta.name}:${port}/proxy${path}`;
  const first = new Map<string, any>();
  for (const p of tritonPods) {
    first.set(
      p.meta.name,
      parseTritonMetrics(
        await (
          await fetch(`${cluster.url}${proxy(p, 8002, '/metrics')}`, {
            headers: { Authorization: `Bearer ${cluster.token}` },
          })
        ).text(),
        cluster.simulation.now(),
      ),
    );
  }
  cluster.advance(15);
  const figuresByPod = new Map<string, TritonModelFigures[]>();
  for (const p of tritonPods) {
    const cur = parseTritonMetrics(
      await (
        await fetch(`${cluster.url}${proxy(p, 8002, '/metrics')}`, {
          headers: { Authorization: `Bearer ${cluster.token}` },
        })
      ).text(),
      cluster.simulation.now(),
    );
    const figures = tritonFiguresFromMetrics(first.get(p.meta.name), cur);
    for (const f of figures)
      f.config = tritonConfigFromJson(
        await get(proxy(p, 8000, `/v2/models/${f.model}/config`)),
      );
    figuresByPod.set(p.meta.name, figures);
  }
  const result: Record<string, string[]> = {};
  for (const [namespace, name] of SERVICES) {
    const deployment = (slim.Deployment as any[]).find(
      d => d.meta.namespace === namespace && d.meta.name === name,
    );
    const podsOf = (slim.Pod as any[]).filter(
      p => p.meta.labels['app.kubernetes.io/name'] === name,
    );
    const models = podsOf.flatMap(p => figuresByPod.get(p.meta.name) ?? []);
    const status = buildWorkloadStatus({
      cluster: 'demo',
      deployment,
      replicaSets: slim.ReplicaSet as any,
      pods: slim.Pod as any,
      nodes: slim.Node as any,
      hpas: slim.HorizontalPodAutoscaler as any,
      scaledObjects: slim.ScaledObject as any,
      events: slim.Event as any,
      ...(models.length ? { triton: { models, errors: [] } } : {}),
      now: cluster.simulation.now(),
    });
    result[name] = status.findings.map(f => f.id);
  }
  return result;
}

describe('findings the demo shows', () => {
  let cluster: DemoCluster;
  const seen: Record<string, Set<string>> = {};
  const record = (findings: Record<string, string[]>) => {
    for (const [name, ids] of Object.entries(findings)) {
      seen[name] = new Set([...(seen[name] ?? []), ...ids]);
    }
  };

  beforeAll(async () => {
    cluster = await startDemoCluster({ clock: 'manual', startTime: START });
    record(await findingsAt(cluster)); // 10:00
    cluster.advance(4 * 150);
    record(await findingsAt(cluster)); // 14:00
    cluster.advance(3 * 150);
    record(await findingsAt(cluster)); // 17:00
  });

  afterAll(async () => {
    await cluster.stop();
  });

  it('shows at least one finding for every service', () => {
    for (const [, name] of SERVICES) {
      expect({ name, findings: seen[name]?.size ?? 0 }).toEqual({
        name,
        findings: expect.any(Number),
      });
      expect(seen[name].size).toBeGreaterThan(0);
    }
  });

  it.each([
    ['text-classifier', 'hpa-at-max-replicas'],
    ['image-classifier', 'dynamic-batching-ineffective'],
    ['batch-embedder', 'pods-pending-while-scaling'],
    ['batch-embedder', 'keda-fallback-active'],
    ['summarizer', 'cold-start-over-budget'],
  ])('%s: %s', (name, id) => {
    expect([...seen[name]]).toContain(id);
  });

  it('does not accuse text-classifier of the default scale-down window', () => {
    expect([...seen['text-classifier']]).not.toContain(
      'default-scale-down-window',
    );
  });
});
