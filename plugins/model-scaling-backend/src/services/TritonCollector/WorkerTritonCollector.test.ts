import { mockServices } from '@backstage/backend-test-utils';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import { demoClusterSettings } from '../../__testUtils__/demoClusterSettings';
import { KubeApiClient } from '../KubeApi/KubeApiClient';
import { createTritonCollection } from './createTritonCollection';
import { TritonCollection } from './TritonCollection';
import { TritonCollector } from './TritonCollector';
import { TritonTarget } from './tritonTargets';
import { WorkerTritonCollector } from './WorkerTritonCollector';

jest.setTimeout(120_000);

// Jest's own transform does not reach worker threads; the CLI's Node transform does, as under `package start`.
const TRANSFORM = [
  '--require',
  require.resolve('@backstage/cli/config/nodeTransform.cjs'),
];
const START = Date.parse('2026-03-02T10:00:00Z');

describe('WorkerTritonCollector', () => {
  let demo: DemoCluster;
  let targets: TritonTarget[];
  const running: TritonCollection[] = [];

  beforeAll(async () => {
    demo = await startDemoCluster({
      port: 0,
      clock: 'manual',
      startTime: START,
    });
    const res = await fetch(`${demo.url}/api/v1/pods`, {
      headers: { Authorization: `Bearer ${demo.token}` },
    });
    const pods = (await res.json()).items as any[];
    targets = pods
      .filter(
        p =>
          p.spec.containers.some((c: any) =>
            (c.ports ?? []).some((port: any) => port.containerPort === 8002),
          ) &&
          p.status.conditions?.some(
            (c: any) => c.type === 'Ready' && c.status === 'True',
          ),
      )
      .map(p => ({
        cluster: 'demo',
        namespace: p.metadata.namespace,
        pod: p.metadata.name,
        podUid: p.metadata.uid,
        workload: `demo/${p.metadata.namespace}/${p.metadata.labels['app.kubernetes.io/name']}`,
        models: [],
      }));
  });
  afterAll(async () => {
    await demo.stop();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map(c => c.stop()));
  });

  function collection(
    execArgv: string[],
    logger = mockServices.logger.mock(),
    triton: object = {},
  ): TritonCollection {
    const settings = demoClusterSettings(demo, logger, {
      triton: { timeoutMs: 5000, ...triton },
    });
    const client = new KubeApiClient(settings.clusters[0]);
    const c = createTritonCollection({
      settings,
      targets: async () => targets,
      clusterConnected: () => true,
      fetcher: () => client,
      logger,
      now: () => new Date(demo.simulation.now()),
      execArgv,
    });
    running.push(c);
    return c;
  }

  const workloads = () => [...new Set(targets.map(t => t.workload))].sort();

  it('runs in a worker thread and gives the results of the collector on the event loop', async () => {
    expect(targets.length).toBeGreaterThan(3);
    const inWorker = collection(TRANSFORM);
    const onLoop = collection([]);
    expect(inWorker).toBeInstanceOf(WorkerTritonCollector);
    expect(onLoop).toBeInstanceOf(TritonCollector);
    expect((inWorker as WorkerTritonCollector).running).toBe(false);

    await inWorker.collectOnce();
    await onLoop.collectOnce();
    expect((inWorker as WorkerTritonCollector).running).toBe(true);
    demo.advance(15);
    const fromWorker = await inWorker.collectOnce();
    const fromLoop = await onLoop.collectOnce();

    expect(fromWorker.size).toBeGreaterThan(0);
    expect([...fromWorker].sort()).toEqual([...fromLoop].sort());
    for (const w of workloads()) {
      const mine = inWorker.resultsFor(w);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine).toEqual(onLoop.resultsFor(w));
    }
    const withFigures = workloads().flatMap(w =>
      inWorker.resultsFor(w).filter(r => r.figures.length > 0 && !r.error),
    );
    expect(withFigures).toHaveLength(targets.length);
    expect(inWorker.podCount).toBe(targets.length);
    expect(inWorker.requestCounts).toEqual(onLoop.requestCounts);
    // The Triton state is held in the worker's own heap.
    expect(
      await (inWorker as WorkerTritonCollector).heapUsedBytes(),
    ).toBeGreaterThan(1024 * 1024);
    expect(inWorker.requestCounts.podProxyRequests).toBeGreaterThan(
      2 * targets.length,
    );
  });

  it('hands its state to the database and back: an imported collector continues the rates', async () => {
    const first = collection(TRANSFORM);
    await first.collectOnce();
    const rows = await first.exportPodsInSlices();
    expect(rows.map(r => r.podKey).sort()).toEqual(
      targets.map(t => `demo/${t.namespace}/${t.pod}`).sort(),
    );

    const logger = mockServices.logger.mock();
    const next = collection(TRANSFORM, logger);
    await next.importPods([
      ...rows,
      {
        podKey: 'demo/x/broken',
        workload: 'demo/x/y',
        result: '{}',
        state: '{',
      },
    ]);
    // The imported results are served before the next round.
    for (const w of workloads()) {
      expect(next.resultsFor(w)).toEqual(first.resultsFor(w));
    }
    expect(logger.warn).toHaveBeenCalledWith(
      'Dropped an unreadable stored Triton pod state',
      expect.objectContaining({ pod: 'demo/x/broken' }),
    );
    demo.advance(15);
    // One round after the takeover already has rates: the samples came along.
    await next.collectOnce();
    for (const t of targets) {
      const r = next.resultsFor(t.workload).find(x => x.pod === t.pod)!;
      expect(r.error).toBeUndefined();
      expect(r.figures.length).toBeGreaterThan(0);
    }
  });

  it('fails a round with the reason when its worker cannot start, and never takes the backend down', async () => {
    const logger = mockServices.logger.mock();
    // Without the transform the worker cannot load the TypeScript sources.
    const c = new WorkerTritonCollector({
      data: {
        clusters: [],
        collector: {
          timeoutMs: 1000,
          intervalSeconds: 15,
          concurrency: 2,
          configRefreshIntervals: 20,
        },
      },
      targets: async () => targets,
      logger,
      execArgv: [],
    });
    running.push(c);
    await expect(c.collectOnce()).rejects.toThrow(
      /^Triton collection worker failed: /,
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(/^The Triton collection worker failed: /),
    );
    expect(c.running).toBe(false);
    // The next round tries a new worker, and fails the same way.
    await expect(c.collectOnce()).rejects.toThrow(/worker failed/);
    await c.stop();
    await expect(c.collectOnce()).rejects.toThrow('collector stopped');
  });

  it('stops a running round: it rejects, and the worker ends', async () => {
    const c = collection(TRANSFORM) as WorkerTritonCollector;
    const round = c.collectOnce();
    await c.stop();
    await expect(round).rejects.toThrow('collector stopped');
    expect(c.running).toBe(false);
  });

  it('runs on the event loop when configured so', () => {
    expect(
      collection(TRANSFORM, undefined, { workerThread: false }),
    ).toBeInstanceOf(TritonCollector);
  });
});
