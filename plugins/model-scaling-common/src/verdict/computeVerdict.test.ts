import type {
  Finding,
  HpaView,
  TritonModelFigures,
  WorkloadStatus,
} from '../types/status';
import { computeVerdict, verdictRank } from './computeVerdict';

function hpa(overrides: Partial<HpaView> = {}): HpaView {
  return {
    name: 'svc',
    minReplicas: 2,
    maxReplicas: 20,
    currentReplicas: 4,
    desiredReplicas: 4,
    metrics: [
      {
        name: 'cpu',
        sourceType: 'Resource',
        targetType: 'Utilization',
        target: 70,
        current: 60,
      },
    ],
    conditions: [],
    scaleDownStabilizationSeconds: 60,
    managedByKeda: false,
    ...overrides,
  };
}

function workload(overrides: Partial<WorkloadStatus> = {}): WorkloadStatus {
  return {
    cluster: 'demo',
    kind: 'Deployment',
    namespace: 'ml',
    name: 'svc',
    replicas: { spec: 4, current: 4, ready: 4, available: 4, updated: 4 },
    autoscaler: { type: 'hpa', hpa: hpa(), conflicting: [] },
    gpu: {
      mode: 'none',
      perPod: 0,
      memoryIsolation: true,
      spot: false,
      nodes: [],
    },
    pods: [],
    rescaleEvents: [],
    findings: [],
    ...overrides,
  };
}

function triton(overrides: Partial<TritonModelFigures> = {}) {
  return {
    models: [
      {
        model: 'resnet50',
        source: 'metrics' as const,
        intervalSeconds: 15,
        requestsPerSecond: 100,
        inferencesPerSecond: 100,
        executionsPerSecond: 25,
        averageBatchSize: 4,
        batchSizeHistogram: [],
        averageQueueUs: 2000,
        averageComputeUs: 3000,
        failuresPerSecond: 0,
        ...overrides,
      },
    ],
    errors: [],
  };
}

const warning: Finding = {
  id: 'time-slicing-large-model',
  severity: 'warning',
  title: 'Large model on time-sliced GPUs without memory isolation',
  evidence: '14 GiB model, 4 replicas per GPU',
  fix: 'Use MIG or exclusive GPUs.',
};

describe('computeVerdict', () => {
  it('is healthy, "on the golden path", only when nothing is wrong', () => {
    const v = computeVerdict({ workloads: [workload()], latencySloMs: 50 });
    expect(v.level).toBe('healthy');
    expect(v.headline).toMatch(/^On the golden path/);
    expect(v.reasons).toEqual([]);
  });

  it('is failing at max replicas while a metric is above target, even without a finding', () => {
    const v = computeVerdict({
      workloads: [
        workload({
          replicas: {
            spec: 20,
            current: 20,
            ready: 20,
            available: 20,
            updated: 20,
          },
          autoscaler: {
            type: 'hpa',
            hpa: hpa({
              currentReplicas: 20,
              desiredReplicas: 20,
              metrics: [
                {
                  name: 'cpu',
                  sourceType: 'Resource',
                  targetType: 'Utilization',
                  target: 70,
                  current: 95,
                },
              ],
            }),
            conflicting: [],
          },
        }),
      ],
    });
    expect(v.level).toBe('failing');
    expect(v.headline).toBe(
      'At max replicas (20 of 20) while demand is above target',
    );
    expect(v.reasons[0].evidence).toContain('cpu 95 % (target 70 %)');
    expect(v.reasons[0].fix).toMatch(/Raise the maximum replicas/);
  });

  it('is at risk at max replicas with metrics within target (no headroom)', () => {
    const v = computeVerdict({
      workloads: [
        workload({
          autoscaler: {
            type: 'keda',
            hpa: hpa({
              currentReplicas: 8,
              desiredReplicas: 8,
              managedByKeda: true,
            }),
            keda: {
              name: 'svc',
              minReplicaCount: 1,
              maxReplicaCount: 8,
              cooldownPeriod: 300,
              pollingInterval: 15,
              triggers: [],
              paused: false,
              fallbackActive: false,
              conditions: [],
              health: {},
            },
            conflicting: [],
          },
        }),
      ],
    });
    expect(v.level).toBe('at-risk');
    expect(v.headline).toMatch(/At max replicas \(8 of 8\), no headroom/);
  });

  it('uses the hpa-at-max-replicas finding once, with its fix', () => {
    const finding: Finding = {
      id: 'hpa-at-max-replicas',
      severity: 'warning',
      title: 'at max',
      evidence: '20 of max 20',
      fix: 'the finding’s own fix',
    };
    const w = workload({
      findings: [finding],
      autoscaler: {
        type: 'hpa',
        hpa: hpa({ currentReplicas: 20, desiredReplicas: 24, maxReplicas: 20 }),
        conflicting: [],
      },
    });
    const v = computeVerdict({ workloads: [w] });
    expect(v.level).toBe('failing');
    expect(v.reasons).toHaveLength(1);
    expect(v.reasons[0].fix).toBe('the finding’s own fix');
    expect(v.reasons[0].evidence).toContain('the autoscaler wants 24');
  });

  it('is at risk with Pending pods, and failing with no ready replica', () => {
    const pending = workload({
      pods: [
        {
          name: 'svc-1',
          phase: 'Pending',
          ready: false,
          restartCount: 0,
          spot: false,
          pendingReason: 'Unschedulable',
          pendingMessage: '0/3 nodes have nvidia.com/gpu',
        },
      ],
    });
    expect(computeVerdict({ workloads: [pending] }).level).toBe('at-risk');
    expect(computeVerdict({ workloads: [pending] }).headline).toBe(
      '1 pod Pending',
    );
    const none = workload({
      replicas: { spec: 2, current: 2, ready: 0, available: 0, updated: 2 },
    });
    const v = computeVerdict({ workloads: [none] });
    expect(v.level).toBe('failing');
    expect(v.headline).toBe('No replica is ready (0 of 4 wanted)');
  });

  it('turns warning findings (GPU, batching) into at risk and errors into failing; info stays healthy', () => {
    expect(
      computeVerdict({ workloads: [workload({ findings: [warning] })] }),
    ).toMatchObject({
      level: 'at-risk',
      headline: 'Large model on time-sliced GPUs without memory isolation',
      reasons: [
        {
          findingId: 'time-slicing-large-model',
          fix: 'Use MIG or exclusive GPUs.',
        },
      ],
    });
    expect(
      computeVerdict({
        workloads: [
          workload({ findings: [{ ...warning, severity: 'error' }] }),
        ],
      }).level,
    ).toBe('failing');
    const info = computeVerdict({
      workloads: [workload({ findings: [{ ...warning, severity: 'info' }] })],
    });
    expect(info.level).toBe('healthy');
    expect(info.reasons).toHaveLength(1);
  });

  it('is failing when Triton latency is above the SLO or many requests fail, at risk for a few failures', () => {
    const slow = workload({
      triton: triton({ averageQueueUs: 40_000, averageComputeUs: 20_000 }),
    });
    const v = computeVerdict({ workloads: [slow], latencySloMs: 50 });
    expect(v.level).toBe('failing');
    expect(v.reasons[0].evidence).toContain(
      'average latency 60 ms (queue 40 ms + compute 20 ms) is above the 50 ms SLO',
    );
    const failing = workload({ triton: triton({ failuresPerSecond: 10 }) });
    expect(computeVerdict({ workloads: [failing] }).level).toBe('failing');
    const few = workload({ triton: triton({ failuresPerSecond: 1 }) });
    expect(computeVerdict({ workloads: [few] }).level).toBe('at-risk');
  });

  it('is at risk when the what-if predicts SLO misses at the current load', () => {
    const v = computeVerdict({
      workloads: [workload()],
      predictedSloMissMinutes: 42,
    });
    expect(v.level).toBe('at-risk');
    expect(v.headline).toBe(
      'The what-if simulation predicts 42 min over the SLO at the current load',
    );
  });

  it('says "not deployed" without workloads, and at risk when a cluster could not be read', () => {
    expect(computeVerdict({ workloads: [] }).level).toBe('not-deployed');
    const v = computeVerdict({
      workloads: [],
      clusterErrors: [{ cluster: 'prod', message: 'timeout', stale: true }],
    });
    expect(v.level).toBe('at-risk');
    expect(v.headline).toBe('No workload visible: 1 cluster could not be read');
  });

  it('counts the other problems in the headline', () => {
    const v = computeVerdict({
      workloads: [
        workload({ findings: [warning, { ...warning, id: 'x', title: 'X' }] }),
      ],
    });
    expect(v.headline).toBe(
      'Large model on time-sliced GPUs without memory isolation (and 1 more problem)',
    );
  });

  it('ranks levels best to worst', () => {
    expect(
      (['failing', 'not-deployed', 'healthy', 'at-risk'] as const)
        .slice()
        .sort((a, b) => verdictRank(a) - verdictRank(b)),
    ).toEqual(['healthy', 'at-risk', 'failing', 'not-deployed']);
  });
});
