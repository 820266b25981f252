import fc from 'fast-check';
import { rawHpa, rawScaledObject } from '../slim/__fixtures__/rawObjects';
import { toSlimHpa } from '../slim/toSlimHpa';
import { toSlimScaledObject } from '../slim/toSlimScaledObject';
import type { HpaMetricSpec, KedaTrigger } from '../types/status';
import { simulateAutoscaler } from './simulateAutoscaler';
import type {
  SimulationInput,
  SimulationPoint,
  SimulatorKedaSpec,
} from './types';

const cpuAndMemory: HpaMetricSpec[] = [
  {
    type: 'Resource',
    resource: {
      name: 'cpu',
      target: { type: 'Utilization', averageUtilization: 70 },
    },
  },
  {
    type: 'Resource',
    resource: {
      name: 'memory',
      target: { type: 'Utilization', averageUtilization: 80 },
    },
  },
];

/** text-classifier: BERT-tiny on CPU, 5 m CPU per request/s on top of 50 m idle, 500 m request. */
const textClassifier: SimulationInput = {
  autoscaler: {
    kind: 'HorizontalPodAutoscaler',
    minReplicas: 2,
    maxReplicas: 20,
    metrics: cpuAndMemory,
  },
  load: [
    { t: 0, rps: 100 },
    { t: 600, rps: 100 },
    { t: 660, rps: 1000 },
    { t: 1800, rps: 1000 },
    { t: 1801, rps: 100 },
    { t: 3600, rps: 100 },
  ],
  capacity: {
    cpu: { millicoresPerRps: 5, idleMillicores: 50, requestMillicores: 500 },
    memoryUtilizationPercent: 40,
    maxRpsPerPod: 120,
    serviceTimeMs: 8,
  },
  coldStartSeconds: 45,
};

const at = (r: ReturnType<typeof simulateAutoscaler>, t: number) =>
  r.timeline.find(p => p.t === t)!;

describe('simulateAutoscaler with an HPA', () => {
  const result = simulateAutoscaler(textClassifier);

  it('syncs every 15 s over the load curve', () => {
    expect(result.timeline).toHaveLength(3600 / 15 + 1);
    expect(result.timeline[1].t).toBe(15);
  });

  it('stays at min while CPU is below target', () => {
    // 50 rps per pod → 300 m of 500 m = 60 % (< 70 % × 0.9).
    expect(at(result, 300)).toMatchObject({
      desiredReplicas: 2,
      readyReplicas: 2,
      perPodLoad: 50,
    });
  });

  it('scales up until CPU is within the tolerance band of 70 % (≥ 15 pods at 1,000 rps), no more than 20', () => {
    const peak = at(result, 1785);
    // 15 pods: 66.7 rps each → 50 + 333 = 383 m of 500 m = 76 %, ratio 1.094 ≤ 1.1.
    expect(peak.desiredReplicas).toBeGreaterThanOrEqual(15);
    expect(peak.desiredReplicas).toBeLessThanOrEqual(20);
    expect(peak.readyReplicas).toBe(peak.desiredReplicas);
    expect(result.summary.maxReplicas).toBeLessThanOrEqual(20);
  });

  it('never grows faster than max(2 × current, 4) per sync without behavior', () => {
    for (let i = 1; i < result.timeline.length; i++) {
      const prev = result.timeline[i - 1].desiredReplicas;
      expect(result.timeline[i].desiredReplicas).toBeLessThanOrEqual(
        Math.max(2 * prev, 4),
      );
    }
  });

  it('holds the scale-down for the default 300 s window', () => {
    const before = at(result, 1800).desiredReplicas;
    expect(at(result, 2085).desiredReplicas).toBe(before);
    expect(at(result, 2115).desiredReplicas).toBeLessThan(before);
    expect(at(result, 3600).desiredReplicas).toBe(2);
    expect(result.events.every(e => e.by === 'hpa')).toBe(true);
  });

  it('delays readiness by the cold start', () => {
    const firstUp = result.events.find(e => e.to > e.from)!;
    expect(at(result, firstUp.t + 30).readyReplicas).toBe(firstUp.from);
    expect(at(result, firstUp.t + 45).readyReplicas).toBeGreaterThanOrEqual(
      firstUp.to,
    );
    // Meanwhile, pods are overloaded: latency grows and load goes unserved.
    expect(result.summary.unservedRequests).toBeGreaterThan(0);
  });

  it('scales faster with a behavior that allows it, and down after its own window', () => {
    const fast = simulateAutoscaler({
      ...textClassifier,
      autoscaler: {
        kind: 'HorizontalPodAutoscaler',
        minReplicas: 2,
        maxReplicas: 20,
        metrics: cpuAndMemory,
        behavior: {
          scaleUp: {
            stabilizationWindowSeconds: 0,
            policies: [{ type: 'Pods', value: 10, periodSeconds: 15 }],
          },
          scaleDown: {
            stabilizationWindowSeconds: 60,
            policies: [{ type: 'Percent', value: 50, periodSeconds: 30 }],
          },
        },
      },
    });
    // The first low recommendation is at 1815; the 1800 one leaves the 60 s window (exclusive) at 1860.
    expect(at(fast, 1845).desiredReplicas).toBe(at(fast, 1800).desiredReplicas);
    expect(at(fast, 1860).desiredReplicas).toBeLessThan(
      at(fast, 1800).desiredReplicas,
    );
    // Percent 50 per 30 s: never below half of the count 30 s earlier.
    for (const p of fast.timeline.filter(q => q.t >= 1860)) {
      expect(p.desiredReplicas).toBeGreaterThanOrEqual(
        Math.trunc(at(fast, p.t - 30).desiredReplicas * 0.5),
      );
    }
    expect(at(fast, 3600).desiredReplicas).toBe(2);
  });

  it('freezes while every metric fails', () => {
    const r = simulateAutoscaler({
      ...textClassifier,
      metricFailures: [{ from: 600, to: 1200 }],
    });
    const frozen = r.timeline
      .filter(p => p.t >= 600 && p.t < 1200)
      .map(p => p.desiredReplicas);
    expect(new Set(frozen)).toEqual(new Set([2]));
    expect(at(r, 1215).desiredReplicas).toBeGreaterThan(2);
  });
});

const prometheus: KedaTrigger = {
  type: 'prometheus',
  metadata: {
    serverAddress: 'http://prometheus.monitoring:9090',
    query: 'sum(rate(nv_inference_request_success{model="resnet50"}[1m]))',
    threshold: '100',
    activationThreshold: '5',
  },
};

const imageClassifier: SimulatorKedaSpec = {
  kind: 'ScaledObject',
  minReplicaCount: 0,
  maxReplicaCount: 8,
  cooldownPeriod: 300,
  pollingInterval: 15,
  triggers: [prometheus],
};

const burst = [
  { t: 0, rps: 0 },
  { t: 300, rps: 0 },
  { t: 301, rps: 400 },
  { t: 1200, rps: 400 },
  { t: 1201, rps: 0 },
  { t: 3000, rps: 0 },
];

describe('simulateAutoscaler with KEDA', () => {
  const result = simulateAutoscaler({
    autoscaler: imageClassifier,
    load: burst,
    capacity: { maxRpsPerPod: 150, serviceTimeMs: 4 },
    coldStartSeconds: 90,
  });

  it('activates 0 → 1 at the first poll above the activation threshold, then the HPA scales', () => {
    expect(at(result, 300).desiredReplicas).toBe(0);
    expect(result.events[0]).toMatchObject({
      t: 315,
      from: 0,
      to: 1,
      by: 'keda',
      reason: 'activate',
    });
    expect(result.events[1]).toMatchObject({
      t: 315,
      from: 1,
      to: 4,
      by: 'hpa',
    });
    expect(at(result, 1185).desiredReplicas).toBe(4);
    // Nothing is ready during the cold start: all load is unserved.
    expect(at(result, 390)).toMatchObject({
      readyReplicas: 0,
      unservedRps: 400,
    });
    expect(at(result, 405).readyReplicas).toBe(4);
  });

  it('waits for the cooldown before returning to 0', () => {
    const toZero = result.events.find(e => e.to === 0)!;
    expect(toZero.by).toBe('keda');
    // Last active poll at t=1200; cooldown 300 → the first poll after 1500.
    expect(toZero.t).toBe(1515);
    expect(at(result, 1500).desiredReplicas).toBeGreaterThan(0);
    expect(at(result, 3000).desiredReplicas).toBe(0);
  });

  it('stays at 0 below the activation threshold', () => {
    const quiet = simulateAutoscaler({
      autoscaler: imageClassifier,
      load: [
        { t: 0, rps: 3 },
        { t: 1800, rps: 3 },
      ],
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 90,
    });
    expect(quiet.timeline.every(p => p.desiredReplicas === 0)).toBe(true);
  });

  it('activates to minReplicaCount and idles at idleReplicaCount', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        ...imageClassifier,
        minReplicaCount: 2,
        idleReplicaCount: 0,
      },
      load: burst,
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 30,
    });
    expect(at(r, 0).desiredReplicas).toBe(0);
    expect(r.events[0]).toMatchObject({ to: 2, by: 'keda' });
    expect(at(r, 3000).desiredReplicas).toBe(0);
    expect(
      Math.min(
        ...r.timeline
          .filter(p => p.t > 315 && p.t < 1500)
          .map(p => p.desiredReplicas),
      ),
    ).toBeGreaterThanOrEqual(2);
  });

  it('serves fallback replicas after failureThreshold failed fetches', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        ...imageClassifier,
        minReplicaCount: 1,
        fallback: { failureThreshold: 3, replicas: 6 },
      },
      load: [
        { t: 0, rps: 200 },
        { t: 2400, rps: 200 },
      ],
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 30,
      metricFailures: [{ from: 600, to: 1200 }],
    });
    expect(at(r, 585).desiredReplicas).toBe(2);
    // Failures are counted by every query: the HPA's at 600 (1); once the HPA's
    // ScalingActive is False KEDA's loop queries too: 615 (2, 3), 630 (4 > 3):
    // the fallback answers, so the HPA goes to 6 (legacy cap 4 first).
    expect(at(r, 615).desiredReplicas).toBe(2);
    expect(at(r, 630).desiredReplicas).toBe(4);
    expect(at(r, 645).desiredReplicas).toBe(6);
    expect(at(r, 1185).desiredReplicas).toBe(6);
    expect(at(r, 2400).desiredReplicas).toBe(2);
  });

  it('scales a queue consumer on backlog and drains it', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        kind: 'ScaledObject',
        minReplicaCount: 0,
        maxReplicaCount: 20,
        cooldownPeriod: 120,
        pollingInterval: 30,
        triggers: [
          {
            type: 'kafka',
            metadata: {
              topic: 'documents',
              consumerGroup: 'embedder',
              lagThreshold: '1000',
            },
          },
        ],
      },
      load: [
        { t: 0, rps: 0 },
        { t: 60, rps: 0 },
        { t: 61, rps: 400 },
        { t: 660, rps: 400 },
        { t: 661, rps: 0 },
        { t: 3600, rps: 0 },
      ],
      capacity: { maxRpsPerPod: 50 },
      coldStartSeconds: 60,
    });
    expect(Math.max(...r.timeline.map(p => p.backlog!))).toBeGreaterThan(1000);
    expect(r.summary.maxReplicas).toBeGreaterThanOrEqual(8);
    expect(r.timeline[r.timeline.length - 1]).toMatchObject({
      backlog: 0,
      desiredReplicas: 0,
    });
  });
});

describe('simulateAutoscaler: KEDA rules checked against upstream', () => {
  const failingWindow = [{ from: 300, to: 600 }];
  const steady = [
    { t: 0, rps: 200 },
    { t: 900, rps: 200 },
  ];

  it('keeps the replicas while a trigger fails without fallback (no scale to zero)', () => {
    const r = simulateAutoscaler({
      autoscaler: imageClassifier,
      load: steady,
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 15,
      metricFailures: failingWindow,
    });
    const during = r.timeline.filter(p => p.t >= 300 && p.t < 600);
    expect(at(r, 285).desiredReplicas).toBe(2);
    expect(during.every(p => p.desiredReplicas === 2)).toBe(true);
    expect(r.events.some(e => e.to === 0)).toBe(false);
  });

  it('activates from zero through an AverageValue fallback and scales to fallback.replicas', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        ...imageClassifier,
        fallback: { failureThreshold: 2, replicas: 3 },
      },
      load: [
        { t: 0, rps: 0 },
        { t: 900, rps: 0 },
      ],
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 15,
      metricFailures: failingWindow,
    });
    expect(at(r, 285).desiredReplicas).toBe(0);
    // Polls at 300, 315 fail (1, 2); the 3rd at 330 exceeds 2: the fallback
    // answers, the trigger counts as active, KEDA activates 0 → 1, the HPA → 3.
    expect(r.events[0]).toMatchObject({ t: 330, from: 0, to: 1, by: 'keda' });
    expect(r.events[1]).toMatchObject({ t: 330, from: 1, to: 3, by: 'hpa' });
    expect(at(r, 585).desiredReplicas).toBe(3);
  });

  it('stays at zero with a Value-target fallback: no ready pod to divide by', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        ...imageClassifier,
        fallback: { failureThreshold: 2, replicas: 3 },
        triggers: [{ ...prometheus, metricType: 'Value' }],
      },
      load: [
        { t: 0, rps: 0 },
        { t: 900, rps: 0 },
      ],
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 15,
      metricFailures: failingWindow,
    });
    expect(r.timeline.every(p => p.desiredReplicas === 0)).toBe(true);
  });

  it('applies a Value-target fallback through the ready pods', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        ...imageClassifier,
        minReplicaCount: 1,
        fallback: { failureThreshold: 2, replicas: 5 },
        triggers: [{ ...prometheus, metricType: 'Value' }],
      },
      load: steady,
      capacity: { maxRpsPerPod: 150, rpsPerPodAtTarget: 100 },
      coldStartSeconds: 15,
      metricFailures: failingWindow,
    });
    expect(at(r, 285).desiredReplicas).toBe(2);
    expect(at(r, 585).desiredReplicas).toBe(5);
    expect(at(r, 900).desiredReplicas).toBe(2);
  });

  it('does not count a cpu trigger towards activity next to a Prometheus trigger', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        ...imageClassifier,
        cooldownPeriod: 60,
        triggers: [
          { type: 'cpu', metricType: 'Utilization', metadata: { value: '50' } },
          prometheus,
        ],
      },
      // Below the Prometheus activation (5) but CPU-heavy: still scales to 0.
      load: [
        { t: 0, rps: 4 },
        { t: 600, rps: 4 },
      ],
      capacity: {
        maxRpsPerPod: 150,
        cpu: { millicoresPerRps: 100, requestMillicores: 100 },
      },
      coldStartSeconds: 15,
      initialReplicas: 2,
    });
    // (The first poll is at creation, t = 0: `creation + 0 before now` is false.)
    expect(r.events.find(e => e.by === 'keda')).toMatchObject({
      t: 15,
      to: 0,
    });
  });

  it('is always active with only a cpu trigger (never scales to zero)', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        ...imageClassifier,
        cooldownPeriod: 60,
        triggers: [
          { type: 'cpu', metricType: 'Utilization', metadata: { value: '50' } },
        ],
      },
      load: [
        { t: 0, rps: 0 },
        { t: 600, rps: 0 },
      ],
      capacity: {
        maxRpsPerPod: 150,
        cpu: { millicoresPerRps: 1, requestMillicores: 100 },
      },
      coldStartSeconds: 15,
      initialReplicas: 2,
    });
    expect(r.timeline.every(p => p.desiredReplicas >= 1)).toBe(true);
  });

  it('scales a new ScaledObject that was never active to zero at the first poll, unless initialCooldownPeriod holds it', () => {
    const input = {
      autoscaler: imageClassifier,
      load: [
        { t: 0, rps: 0 },
        { t: 600, rps: 0 },
      ],
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 15,
      initialReplicas: 2,
    };
    // The first poll is at creation (t = 0), where `creation + 0` is not before now.
    expect(simulateAutoscaler(input).events[0]).toMatchObject({
      t: 15,
      to: 0,
    });
    const held = simulateAutoscaler({
      ...input,
      autoscaler: { ...imageClassifier, initialCooldownPeriod: 120 },
    });
    // creation (0) + 120 is before 135, the first poll after it.
    expect(held.events[0]).toMatchObject({ t: 135, to: 0 });
    const live = simulateAutoscaler({
      ...input,
      kedaStatus: { createdAt: -3600, lastActiveTime: -200 },
    });
    // lastActiveTime −200 + cooldown 300 is before 105.
    expect(live.events[0]).toMatchObject({ t: 105, to: 0 });
  });
});

describe('simulateAutoscaler: the HPA controller seeds its history on the first sync', () => {
  it('holds the starting replica count for the scale-down window', () => {
    const r = simulateAutoscaler({
      autoscaler: {
        kind: 'HorizontalPodAutoscaler',
        minReplicas: 1,
        maxReplicas: 10,
        metrics: cpuAndMemory.slice(0, 1),
        behavior: { scaleDown: { stabilizationWindowSeconds: 60 } },
      },
      load: [
        { t: 0, rps: 0 },
        { t: 300, rps: 0 },
      ],
      capacity: { cpu: { millicoresPerRps: 5, requestMillicores: 500 } },
      coldStartSeconds: 0,
      initialReplicas: 5,
    });
    // recordInitialRecommendation: {5, t=0} stays in the window while it is after now − 60.
    expect(at(r, 45).desiredReplicas).toBe(5);
    expect(at(r, 60).desiredReplicas).toBe(1);
  });
});

describe('simulateAutoscaler: resource metrics delay (metrics-server resolution)', () => {
  const input: SimulationInput = {
    autoscaler: {
      kind: 'HorizontalPodAutoscaler',
      minReplicas: 1,
      maxReplicas: 8,
      metrics: cpuAndMemory.slice(0, 1),
    },
    load: [
      { t: 0, rps: 10 },
      { t: 30, rps: 10 },
      { t: 45, rps: 100 },
      { t: 300, rps: 100 },
    ],
    capacity: {
      cpu: { millicoresPerRps: 2, idleMillicores: 10, requestMillicores: 100 },
    },
    coldStartSeconds: 2,
  };

  it('sees the load of one delay ago and holds back while new pods have no sample', () => {
    const now = simulateAutoscaler(input);
    const delayed = simulateAutoscaler({
      ...input,
      resourceMetricsDelaySeconds: 15,
    });
    const firstUp = (r: ReturnType<typeof simulateAutoscaler>) =>
      r.events.find(e => e.to > e.from)!.t;
    expect(firstUp(now)).toBe(45);
    expect(firstUp(delayed)).toBe(60);
    expect(delayed.timeline[delayed.timeline.length - 1].desiredReplicas).toBe(
      now.timeline[now.timeline.length - 1].desiredReplicas,
    );
  });

  it('rejects a negative delay, naming the field', () => {
    expect(() =>
      simulateAutoscaler({ ...input, resourceMetricsDelaySeconds: -1 }),
    ).toThrow('resourceMetricsDelaySeconds');
  });
});

describe('simulateAutoscaler input', () => {
  it('names the offending field', () => {
    expect(() =>
      simulateAutoscaler({
        ...textClassifier,
        load: [
          { t: 0, rps: 1 },
          { t: 0, rps: 2 },
        ],
      }),
    ).toThrow('load: points must be in strictly increasing t');
    expect(() =>
      simulateAutoscaler({
        ...textClassifier,
        autoscaler: {
          kind: 'HorizontalPodAutoscaler',
          minReplicas: 5,
          maxReplicas: 2,
        },
      }),
    ).toThrow(
      'autoscaler.minReplicas: minReplicas must not exceed maxReplicas',
    );
    expect(() =>
      simulateAutoscaler({ ...textClassifier, capacity: {} }),
    ).toThrow('capacity: needs rpsPerPodAtTarget, cpu or maxRpsPerPod');
    expect(() =>
      simulateAutoscaler({ ...textClassifier, coldStartSeconds: -1 }),
    ).toThrow('coldStartSeconds');
  });
});

describe('simulateAutoscaler invariants', () => {
  it('keeps replicas within [min, max] (KEDA: 0 or idle when inactive), never negative', () => {
    const loadArb = fc
      .array(
        fc.record({
          dt: fc.integer({ min: 1, max: 900 }),
          rps: fc.integer({ min: 0, max: 5000 }),
        }),
        { minLength: 1, maxLength: 8 },
      )
      .map(steps => {
        let t = 0;
        return steps.map(s => ({ t: (t += s.dt), rps: s.rps }));
      });
    const policyArb = fc.record({
      type: fc.constantFrom('Pods', 'Percent'),
      value: fc.integer({ min: 1, max: 200 }),
      periodSeconds: fc.integer({ min: 15, max: 600 }),
    });
    const rulesArb = fc.record(
      {
        stabilizationWindowSeconds: fc.integer({ min: 0, max: 600 }),
        selectPolicy: fc.constantFrom('Max', 'Min', 'Disabled'),
        policies: fc.array(policyArb, { minLength: 1, maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    const behaviorArb = fc.option(
      fc.record(
        { scaleUp: rulesArb, scaleDown: rulesArb },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    const hpaArb = fc
      .record({
        min: fc.integer({ min: 1, max: 10 }),
        extra: fc.integer({ min: 0, max: 40 }),
        behavior: behaviorArb,
      })
      .map(({ min, extra, behavior }) => ({
        kind: 'HorizontalPodAutoscaler' as const,
        minReplicas: min,
        maxReplicas: min + extra,
        metrics: cpuAndMemory,
        ...(behavior ? { behavior } : {}),
      }));
    const kedaArb = fc
      .record({
        min: fc.integer({ min: 0, max: 5 }),
        extra: fc.integer({ min: 0, max: 30 }),
        idle: fc.boolean(),
        cooldown: fc.integer({ min: 0, max: 600 }),
        polling: fc.integer({ min: 5, max: 60 }),
        activation: fc.integer({ min: 0, max: 50 }),
        fallback: fc.option(
          fc.record({
            failureThreshold: fc.integer({ min: 0, max: 5 }),
            replicas: fc.integer({ min: 1, max: 10 }),
          }),
          { nil: undefined },
        ),
      })
      .map(k => ({
        kind: 'ScaledObject' as const,
        minReplicaCount: k.min,
        maxReplicaCount: Math.max(k.min, 1) + k.extra,
        ...(k.idle && k.min > 0 ? { idleReplicaCount: 0 } : {}),
        cooldownPeriod: k.cooldown,
        pollingInterval: k.polling,
        ...(k.fallback ? { fallback: k.fallback } : {}),
        triggers: [
          {
            ...prometheus,
            metadata: {
              ...prometheus.metadata,
              activationThreshold: String(k.activation),
            },
          },
        ],
      }));
    fc.assert(
      fc.property(
        fc.oneof(hpaArb, kedaArb),
        loadArb,
        fc.integer({ min: 0, max: 300 }),
        fc.option(
          fc.record({
            from: fc.integer({ min: 0, max: 3000 }),
            len: fc.integer({ min: 0, max: 1200 }),
          }),
          { nil: undefined },
        ),
        (autoscaler, load, coldStartSeconds, failure) => {
          const r = simulateAutoscaler({
            autoscaler,
            load,
            capacity: {
              cpu: {
                millicoresPerRps: 3,
                idleMillicores: 20,
                requestMillicores: 500,
              },
              memoryUtilizationPercent: 50,
              maxRpsPerPod: 150,
            },
            coldStartSeconds,
            ...(failure
              ? {
                  metricFailures: [
                    { from: failure.from, to: failure.from + failure.len },
                  ],
                }
              : {}),
          });
          const min =
            autoscaler.kind === 'HorizontalPodAutoscaler'
              ? autoscaler.minReplicas
              : Math.max(autoscaler.minReplicaCount, 1);
          const max =
            autoscaler.kind === 'HorizontalPodAutoscaler'
              ? autoscaler.maxReplicas
              : autoscaler.maxReplicaCount;
          const violations = r.timeline.filter(p => {
            const inactive =
              autoscaler.kind === 'ScaledObject' &&
              p.desiredReplicas === (autoscaler.idleReplicaCount ?? 0);
            return (
              p.readyReplicas < 0 ||
              p.readyReplicas > p.desiredReplicas ||
              p.unservedRps < 0 ||
              (!inactive &&
                (p.desiredReplicas < min || p.desiredReplicas > max))
            );
          });
          expect(violations).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('simulateAutoscaler with live slim records', () => {
  it('takes a reduced ScaledObject and HPA as they come from the cluster', () => {
    const so = toSlimScaledObject(rawScaledObject, 'demo');
    const fromSo = simulateAutoscaler({
      autoscaler: so,
      load: burst,
      capacity: { maxRpsPerPod: 150 },
      coldStartSeconds: 60,
    });
    // minReplicaCount 1, maxReplicaCount 8, threshold 100: 400 req/s → 4 replicas, back to 1 when idle.
    expect(Math.max(...fromSo.timeline.map(p => p.desiredReplicas))).toBe(4);
    expect(fromSo.timeline[fromSo.timeline.length - 1].desiredReplicas).toBe(1);
    const h = toSlimHpa(rawHpa, 'demo');
    const fromHpa = simulateAutoscaler({ ...textClassifier, autoscaler: h });
    expect(fromHpa.summary.maxReplicas).toBeLessThanOrEqual(20);
  });
});

describe('simulateAutoscaler with onPoint', () => {
  const inputs: [string, SimulationInput][] = [
    ['an HPA', textClassifier],
    [
      'KEDA with a metric failure',
      {
        autoscaler: {
          ...imageClassifier,
          fallback: { failureThreshold: 2, replicas: 3 },
        },
        load: burst,
        capacity: { maxRpsPerPod: 150, serviceTimeMs: 4 },
        coldStartSeconds: 90,
        metricFailures: [{ from: 600, to: 900 }],
      },
    ],
  ];

  it.each(inputs)(
    'streams the same points as the kept timeline, and keeps none (%s)',
    (_name, input) => {
      const kept = simulateAutoscaler(input);
      const streamed: SimulationPoint[] = [];
      const result = simulateAutoscaler(input, {
        onPoint: p => {
          // Fields without a value are undefined on the streamed point, absent on a kept one.
          const copy = { ...p };
          for (const k of Object.keys(copy) as (keyof SimulationPoint)[])
            if (copy[k] === undefined) delete copy[k];
          streamed.push(copy);
        },
      });
      expect(result.timeline).toEqual([]);
      expect(streamed).toStrictEqual(kept.timeline);
      expect(result.events).toEqual(kept.events);
      expect(result.summary).toEqual(kept.summary);
    },
  );
});
