import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  ClusterHealth,
  resolvePatternPresets,
  toSlimObject,
} from '@internal/plugin-model-scaling-common';
import fc from 'fast-check';
import { ClusterStore } from '../ClusterWatcher/ObjectStore';
import { WatchCache } from '../ClusterWatcher/WatchCache';
import { EntityStatusService } from '../EntityStatus/EntityStatusService';
import { FleetIndex, FleetIndexCluster } from './FleetIndex';

const NS = 'ml';
const now = () => new Date('2026-12-01T12:00:00Z');

function service(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      etag: `${name}-1`,
      annotations: {
        'backstage.io/kubernetes-id': name,
        'backstage.io/kubernetes-namespace': NS,
        'model-scaling.io/pattern': 'realtime-cpu',
        ...annotations,
      },
    },
    spec: { type: 'model-service', owner: 'group:default/ml', lifecycle: 'x' },
  };
}

const ENTITIES: Entity[] = [
  service('s0'),
  service('s1', { 'model-scaling.io/pattern': 'realtime-gpu' }),
  service('s2', { 'model-scaling.io/pattern': 'bursty' }),
  // Shares s0's Deployments that also carry tier=gpu.
  service('s3', {
    'backstage.io/kubernetes-label-selector':
      'backstage.io/kubernetes-id=s0,tier=gpu',
  }),
  // An annotation error: its row says so and never changes with the cluster.
  service('broken', { 'backstage.io/kubernetes-namespace': '' }),
];

const healthy: ClusterHealth = {
  name: 'c1',
  url: 'https://c1',
  synced: true,
  stale: false,
  kedaAvailable: true,
  kinds: [],
};

const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: NS,
  uid: `uid-${name}`,
  creationTimestamp: '2026-12-01T11:00:00Z',
  ...extra,
});

const ids = fc.constantFrom('s0', 's1', 's2', 'other');
const deploymentName = fc.constantFrom('d0', 'd1', 'd2', 'd3');
const rsName = fc.constantFrom('r0', 'r1', 'r2', 'r3', 'r4');
const podName = fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5');
const nodeName = fc.constantFrom('n0', 'n1');
const hpaName = fc.constantFrom('h0', 'h1', 'keda-hpa-so0', 'custom-hpa');
const soName = fc.constantFrom('so0', 'so1');

const deployment = fc
  .record({
    name: deploymentName,
    id: ids,
    gpuTier: fc.boolean(),
    replicas: fc.nat(6),
    gpu: fc.boolean(),
  })
  .map(d => ({
    kind: 'Deployment',
    raw: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(d.name, {
        labels: {
          'backstage.io/kubernetes-id': d.id,
          ...(d.gpuTier && { tier: 'gpu' }),
        },
      }),
      spec: {
        replicas: d.replicas,
        selector: { matchLabels: { app: d.name } },
        template: {
          metadata: { labels: { app: d.name } },
          spec: {
            containers: [
              {
                name: 'server',
                image: 'x',
                resources: {
                  requests: { cpu: '1', memory: '1Gi' },
                  ...(d.gpu && { limits: { 'nvidia.com/gpu': '1' } }),
                },
              },
            ],
          },
        },
      },
      status: {
        replicas: d.replicas,
        readyReplicas: d.replicas,
        availableReplicas: d.replicas,
      },
    },
  }));

const replicaSet = fc
  .record({ name: rsName, owner: deploymentName, replicas: fc.nat(6) })
  .map(r => ({
    kind: 'ReplicaSet',
    raw: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: meta(r.name, {
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: r.owner,
            uid: 'u',
            controller: true,
          },
        ],
      }),
      spec: { replicas: r.replicas },
      status: { replicas: r.replicas, readyReplicas: r.replicas },
    },
  }));

const pod = fc
  .record({
    name: podName,
    owner: rsName,
    node: fc.option(nodeName, { nil: undefined }),
    phase: fc.constantFrom('Running', 'Pending'),
    ready: fc.boolean(),
    gpu: fc.boolean(),
  })
  .map(p => ({
    kind: 'Pod',
    raw: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta(p.name, {
        labels: { app: 'x' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: p.owner,
            uid: 'u',
            controller: true,
          },
        ],
      }),
      spec: {
        ...(p.node && { nodeName: p.node }),
        containers: [
          {
            name: 'server',
            image: 'x',
            resources: {
              requests: { cpu: '1' },
              ...(p.gpu && { limits: { 'nvidia.com/gpu': '1' } }),
            },
          },
        ],
      },
      status: {
        phase: p.phase,
        conditions: [
          { type: 'Ready', status: p.ready ? 'True' : 'False' },
          ...(p.phase === 'Pending'
            ? [
                {
                  type: 'PodScheduled',
                  status: 'False',
                  reason: 'Unschedulable',
                },
              ]
            : []),
        ],
      },
    },
  }));

const node = fc
  .record({ name: nodeName, gpus: fc.nat(4), spot: fc.boolean() })
  .map(n => ({
    kind: 'Node',
    raw: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: n.name,
        uid: `uid-${n.name}`,
        labels: {
          'nvidia.com/gpu.product': 'NVIDIA-H200',
          ...(n.spot && { 'cloud.google.com/gke-spot': 'true' }),
        },
      },
      status: {
        capacity: { 'nvidia.com/gpu': String(n.gpus) },
        allocatable: { 'nvidia.com/gpu': String(n.gpus) },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    },
  }));

const hpa = fc
  .record({
    name: hpaName,
    target: deploymentName,
    min: fc.integer({ min: 1, max: 3 }),
    max: fc.integer({ min: 3, max: 8 }),
    current: fc.nat(8),
    desired: fc.nat(8),
  })
  .map(h => ({
    kind: 'HorizontalPodAutoscaler',
    raw: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(h.name),
      spec: {
        scaleTargetRef: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: h.target,
        },
        minReplicas: h.min,
        maxReplicas: h.max,
        metrics: [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: { type: 'Utilization', averageUtilization: 70 },
            },
          },
        ],
      },
      status: { currentReplicas: h.current, desiredReplicas: h.desired },
    },
  }));

const scaledObject = fc
  .record({
    name: soName,
    target: deploymentName,
    min: fc.nat(2),
    max: fc.integer({ min: 2, max: 10 }),
    hpaName: fc.option(fc.constant('custom-hpa'), { nil: undefined }),
  })
  .map(s => ({
    kind: 'ScaledObject',
    raw: {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: meta(s.name),
      spec: {
        scaleTargetRef: { name: s.target },
        minReplicaCount: s.min,
        maxReplicaCount: s.max,
        triggers: [
          {
            type: 'prometheus',
            metadata: {
              serverAddress: 'http://p',
              query: 'sum(rate(x[1m]))',
              threshold: '10',
            },
          },
        ],
      },
      status: { ...(s.hpaName && { hpaName: s.hpaName }) },
    },
  }));

const event = fc
  .record({
    name: fc.constantFrom('e0', 'e1', 'e2'),
    hpa: hpaName,
    size: fc.nat(8),
    minute: fc.nat(59),
  })
  .map(e => ({
    kind: 'Event',
    raw: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: meta(e.name),
      involvedObject: {
        kind: 'HorizontalPodAutoscaler',
        name: e.hpa,
        namespace: NS,
      },
      reason: 'SuccessfulRescale',
      message: `New size: ${e.size}; reason: cpu resource utilization above target`,
      lastTimestamp: `2026-12-01T11:${String(e.minute).padStart(2, '0')}:00Z`,
      count: 1,
    },
  }));

type Op =
  | { op: 'upsert'; kind: string; raw: any }
  | { op: 'delete'; kind: string; key: string }
  | { op: 'update' };

const upsert = fc
  .oneof(deployment, replicaSet, pod, node, hpa, scaledObject, event)
  .map(o => ({ op: 'upsert' as const, ...o }));
const remove = fc
  .oneof(
    deploymentName.map(n => ({ kind: 'Deployment', key: `${NS}/${n}` })),
    rsName.map(n => ({ kind: 'ReplicaSet', key: `${NS}/${n}` })),
    podName.map(n => ({ kind: 'Pod', key: `${NS}/${n}` })),
    nodeName.map(n => ({ kind: 'Node', key: n })),
    hpaName.map(n => ({ kind: 'HorizontalPodAutoscaler', key: `${NS}/${n}` })),
    soName.map(n => ({ kind: 'ScaledObject', key: `${NS}/${n}` })),
  )
  .map(o => ({ op: 'delete' as const, ...o }));
const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: upsert },
    { weight: 2, arbitrary: remove },
    { weight: 3, arbitrary: fc.constant({ op: 'update' as const }) },
  ),
  { maxLength: 60 },
);

function setup(entities: Entity[] = ENTITIES) {
  const store = new ClusterStore();
  const cluster: FleetIndexCluster & { coverage(): 'listed' } = {
    name: 'c1',
    store,
    health: () => healthy,
    coverage: () => 'listed',
  };
  const newStatusService = () =>
    new EntityStatusService({
      cache: { clusters: [cluster] } as unknown as WatchCache,
      presets: resolvePatternPresets({}),
      now,
    });
  const status = newStatusService();
  let list = entities;
  let refreshedAt = 1;
  const source = {
    entities: () => list,
    get refreshedAt() {
      return refreshedAt;
    },
    get size() {
      return list.length;
    },
  };
  const index = new FleetIndex({
    clusters: [cluster],
    entities: source,
    rowOf: e => status.fleetRow(e, { clusterDetails: true }),
    logger: mockServices.logger.mock(),
    sweepMs: Number.MAX_SAFE_INTEGER,
  });
  const apply = (op: Op) => {
    if (op.op === 'upsert') {
      store
        .kind(op.kind as any)
        .upsert(toSlimObject(op.kind, op.raw, 'c1') as any);
    } else if (op.op === 'delete') {
      store.kind(op.kind as any).delete(op.key);
    }
  };
  const setEntities = (next: Entity[]) => {
    list = next;
    refreshedAt += 1;
  };
  /** Every row built by a service of its own, with nothing memoized from earlier builds. */
  const freshRows = () => {
    const fresh = newStatusService();
    const other = new FleetIndex({
      clusters: [cluster],
      entities: source,
      rowOf: e => fresh.fleetRow(e, { clusterDetails: true }),
      logger: mockServices.logger.mock(),
    });
    other.stop();
    return other.rebuild().rows;
  };
  return { index, store, apply, setEntities, freshRows };
}

describe('FleetIndex', () => {
  it('incremental rows and totals equal a full rebuild after any sequence of watch events', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async sequence => {
        const { index, apply, freshRows } = setup();
        await index.update(); // the first update computes every row (the initial sweep)
        const before = index.recomputed;
        const check = async () => {
          await index.update();
          const rebuilt = index.rebuild();
          const rows = new Map(index.rows().map(r => [r.entityRef, r]));
          expect(rows).toEqual(rebuilt.rows);
          // The workload builds the service keeps change nothing either.
          expect(rows).toEqual(freshRows());
          expect(index.totals()).toEqual(rebuilt.totals);
        };
        for (const op of sequence) {
          if (op.op === 'update') await check();
          else apply(op);
        }
        await check();
        // Incremental: never more recomputes than marked services per update.
        expect(index.recomputed - before).toBeLessThanOrEqual(
          ENTITIES.length * (sequence.length + 1),
        );
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('recomputes only the services a change touches', async () => {
    const { index, apply } = setup();
    await index.update();
    const before = index.recomputed;
    const [op] = fc.sample(
      deployment.filter(
        d =>
          (d.raw.metadata as any).labels['backstage.io/kubernetes-id'] === 's1',
      ),
      { numRuns: 1, seed: 7 },
    );
    apply({ op: 'upsert', ...op });
    await index.update();
    expect(index.recomputed - before).toBe(1);
    expect(index.row('component:default/s1')?.deployed).toBe(true);
    expect(index.row('component:default/s0')?.deployed).toBe(false);
  });

  it('follows the catalog: new, changed and removed model services', async () => {
    const { index, setEntities } = setup([ENTITIES[0]]);
    await index.update();
    expect(index.totals().services).toBe(1);
    const changed = {
      ...ENTITIES[0],
      metadata: { ...ENTITIES[0].metadata, etag: 's0-2', title: 'Zero' },
    };
    setEntities([changed, ENTITIES[1]]);
    await index.update();
    expect(
      index
        .rows()
        .map(r => r.title ?? r.name)
        .sort(),
    ).toEqual(['Zero', 's1']);
    setEntities([ENTITIES[1]]);
    await index.update();
    expect(index.rows().map(r => r.name)).toEqual(['s1']);
    expect(index.totals()).toEqual(index.rebuild().totals);
  });

  it('a service with no workload is "not deployed" and counted so', async () => {
    const { index } = setup([ENTITIES[2]]);
    await index.update();
    expect(index.row('component:default/s2')).toMatchObject({
      deployed: false,
      verdict: { level: 'not-deployed' },
    });
    expect(index.totals()).toMatchObject({
      services: 1,
      notDeployed: 1,
      deployed: 0,
    });
  });
});
