import {
  HpaPodSample,
  hpaReplicaRecommendation,
  replicasForMetric,
} from './hpaReplicaRecommendation';

const tol = { scaleUp: 0.1, scaleDown: 0.1 };
const ready = (value: number, request = 1000, count = 1): HpaPodSample => ({
  state: 'ready',
  value,
  request,
  count,
});

function cpu(pods: HpaPodSample[], target = 70) {
  return {
    kind: 'utilization' as const,
    name: 'cpu',
    targetUtilization: target,
    pods,
  };
}

describe('hpaReplicaRecommendation', () => {
  it('keeps the count inside the tolerance band', () => {
    // 75 % against a 70 % target: ratio 1.07 is within 1 ± 0.1.
    const rec = hpaReplicaRecommendation({
      specReplicas: 4,
      metrics: [cpu([ready(375, 500, 4)])],
    });
    expect(rec.replicas).toBe(4);
    expect(rec.proposals[0].current).toBe(75);
  });

  it('takes the ceiling: 3 pods at 90 % of a 70 % target need 4', () => {
    const rec = hpaReplicaRecommendation({
      specReplicas: 3,
      metrics: [cpu([ready(450, 500), ready(450, 500), ready(450, 500)])],
    });
    expect(rec.replicas).toBe(4);
    expect(rec.scalingActive).toMatchObject({
      status: 'True',
      reason: 'ValidMetricFound',
    });
  });

  it('computes utilization with integer division of the sums', () => {
    // 1,049 m used of 1,500 m requested = 69.93 % → 69 %, so 69/70 stays within tolerance...
    const within = replicasForMetric(
      cpu([ready(349, 500), ready(350, 500), ready(350, 500)]),
      {
        specReplicas: 3,
        statusReplicas: 3,
        readyPodCount: 3,
        tolerances: tol,
      },
    );
    expect(within.current).toBe(69);
    // ...and 1,199/1,500 = 79.93 % → 79 %: ratio 79/70 = 1.1286 → ceil(3.386) = 4.
    const up = replicasForMetric(
      cpu([ready(399, 500), ready(400, 500), ready(400, 500)]),
      {
        specReplicas: 3,
        statusReplicas: 3,
        readyPodCount: 3,
        tolerances: tol,
      },
    );
    expect(up).toMatchObject({ current: 79, replicas: 4 });
  });

  it('takes the max over metrics', () => {
    const rec = hpaReplicaRecommendation({
      specReplicas: 4,
      metrics: [
        cpu([ready(900, 1000, 4)]), // 90/70 → ceil(5.14) = 6
        {
          kind: 'utilization',
          name: 'memory',
          targetUtilization: 80,
          pods: [ready(800, 500, 4)],
        }, // 160/80 → 8
        {
          kind: 'totalAverage',
          name: 's0-prometheus',
          targetAverage: 100,
          total: 500,
        }, // 5
      ],
    });
    expect(rec.replicas).toBe(8);
    expect(rec.metric).toBe('memory');
  });

  it('counts missing pods as 100 % of their request on a scale-down', () => {
    const base = [ready(300, 1000, 4)]; // 30 % of a 60 % target: would scale to 2
    expect(
      hpaReplicaRecommendation({ specReplicas: 6, metrics: [cpu(base, 60)] })
        .replicas,
    ).toBe(2);
    const withMissing = [
      ...base,
      { state: 'missing' as const, request: 1000, count: 2 },
    ];
    // 1,200 + 2 × 1,000 over 6,000 = 53 % → ratio 0.883 → ceil(5.3) = 6: no scale-down.
    expect(
      hpaReplicaRecommendation({
        specReplicas: 6,
        metrics: [cpu(withMissing, 60)],
      }).replicas,
    ).toBe(6);
  });

  it('counts missing pods as 0 on a scale-up', () => {
    // 2 pods at 140 % of 70 % → ratio 2; with 2 missing at 0: 2,800/4,000 = 70 % → within → keep 4.
    const pods = [
      ready(1400, 1000, 2),
      { state: 'missing' as const, request: 1000, count: 2 },
    ];
    expect(
      hpaReplicaRecommendation({ specReplicas: 4, metrics: [cpu(pods)] })
        .replicas,
    ).toBe(4);
    // 2 pods at 280 %: (5,600)/4,000 = 140 % → ratio 2 → ceil(2 × 4) = 8.
    const hot = [
      ready(2800, 1000, 2),
      { state: 'missing' as const, request: 1000, count: 2 },
    ];
    expect(
      hpaReplicaRecommendation({ specReplicas: 4, metrics: [cpu(hot)] })
        .replicas,
    ).toBe(8);
  });

  it('counts unready pods as 0 only on a scale-up', () => {
    const starting = { state: 'unready' as const, request: 1000, count: 2 };
    expect(
      hpaReplicaRecommendation({
        specReplicas: 4,
        metrics: [cpu([ready(1400, 1000, 2), starting])],
      }).replicas,
    ).toBe(4);
    // On a scale-down unready pods are ignored: 2 pods at 35 % of 70 % → ceil(0.5 × 2) = 1.
    expect(
      hpaReplicaRecommendation({
        specReplicas: 4,
        metrics: [cpu([ready(350, 1000, 2), starting])],
      }).replicas,
    ).toBe(1);
  });

  it('uses plain averages with missing pods at the target on a scale-down', () => {
    const m = {
      kind: 'podsAverage' as const,
      name: 'inflight_requests',
      targetAverage: 10,
      pods: [ready(4, undefined, 3), { state: 'missing' as const, count: 1 }],
    };
    // (4+4+4+10)/4 = 5.5 → ratio 0.55 → ceil(2.2) = 3.
    expect(
      hpaReplicaRecommendation({ specReplicas: 4, metrics: [m] }).replicas,
    ).toBe(3);
  });

  it('divides External AverageValue totals by the target', () => {
    const m = {
      kind: 'totalAverage' as const,
      name: 's0-prometheus',
      targetAverage: 100,
      total: 950,
    };
    expect(
      hpaReplicaRecommendation({
        specReplicas: 5,
        statusReplicas: 5,
        metrics: [m],
      }).replicas,
    ).toBe(10);
    // 520 over 5 pods at 100 is ratio 1.04: within tolerance.
    expect(
      hpaReplicaRecommendation({
        specReplicas: 5,
        metrics: [{ ...m, total: 520 }],
      }).replicas,
    ).toBe(5);
  });

  it('scales Value targets by ready pods, and from zero by the ratio', () => {
    const m = {
      kind: 'value' as const,
      name: 'queue_latency_ms',
      target: 100,
      value: 200,
    };
    expect(
      hpaReplicaRecommendation({
        specReplicas: 4,
        readyPodCount: 3,
        metrics: [m],
      }).replicas,
    ).toBe(6);
    expect(
      replicasForMetric(m, {
        specReplicas: 0,
        statusReplicas: 0,
        readyPodCount: 0,
        tolerances: tol,
      }).replicas,
    ).toBe(2);
  });

  it('does not scale when every metric fails, and reports the first error', () => {
    const rec = hpaReplicaRecommendation({
      specReplicas: 3,
      metrics: [
        cpu([{ state: 'ready', value: 500 }]), // no request
        {
          kind: 'invalid',
          name: 's0-prometheus',
          reason: 'FailedGetExternalMetric',
          message: 'timeout',
        },
      ],
    });
    expect(rec.replicas).toBeUndefined();
    expect(rec.scalingActive).toEqual({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message: 'missing request for cpu',
    });
  });

  it('does not scale down while a metric is invalid, but scales up', () => {
    const broken = {
      kind: 'invalid' as const,
      name: 'memory',
      reason: 'FailedGetResourceMetric',
      message: 'x',
    };
    expect(
      hpaReplicaRecommendation({
        specReplicas: 4,
        metrics: [cpu([ready(100, 1000, 4)]), broken],
      }).replicas,
    ).toBeUndefined();
    expect(
      hpaReplicaRecommendation({
        specReplicas: 4,
        metrics: [cpu([ready(1400, 1000, 4)]), broken],
      }).replicas,
    ).toBe(8);
  });

  it('honours per-direction tolerances', () => {
    const m = cpu([ready(770, 1000, 10)]); // ratio 1.1 → ceil(11) = 11 outside a 5 % band
    expect(
      hpaReplicaRecommendation({ specReplicas: 10, metrics: [m] }).replicas,
    ).toBe(10);
    expect(
      hpaReplicaRecommendation({
        specReplicas: 10,
        metrics: [m],
        tolerances: { scaleUp: 0.05 },
      }).replicas,
    ).toBe(11);
  });
});
