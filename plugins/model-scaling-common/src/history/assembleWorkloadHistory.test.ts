import {
  assembleWorkloadHistory,
  throughputSamples,
} from './assembleWorkloadHistory';
import { WorkloadHistoryPoint } from './historyPoint';

const point = (
  current: number,
  cpu: number | undefined,
  rps: number,
  extra: Partial<WorkloadHistoryPoint> = {},
): WorkloadHistoryPoint => ({
  replicas: { desired: current + 1, current, ready: current },
  metrics: [
    {
      name: 'cpu',
      unit: '%',
      target: 70,
      ...(cpu !== undefined && { v: cpu }),
    },
  ],
  triton: [{ model: 'resnet50', requestsPerSecond: rps, p99LatencyMs: 9 }],
  ...extra,
});

describe('assembleWorkloadHistory', () => {
  const t0 = Date.parse('2026-12-02T10:00:00Z');

  it('turns points into series, oldest first, one per metric and model', () => {
    const h = assembleWorkloadHistory(
      [
        { t: t0 + 15_000, point: point(3, undefined, 30) },
        { t: t0, point: point(2, 80, 20, { gpu: [{ pod: 'p1', v: 55 }] }) },
      ],
      15,
    );
    expect(h.stepSeconds).toBe(15);
    expect(h.replicas).toEqual([
      { t: '2026-12-02T10:00:00.000Z', desired: 3, current: 2, ready: 2 },
      { t: '2026-12-02T10:00:15.000Z', desired: 4, current: 3, ready: 3 },
    ]);
    // A missing metric value leaves a gap, not a zero.
    expect(h.metrics).toEqual([
      {
        name: 'cpu',
        unit: '%',
        target: 70,
        points: [{ t: '2026-12-02T10:00:00.000Z', v: 80 }],
      },
    ]);
    expect(h.triton[0].points.map(p => p.requestsPerSecond)).toEqual([20, 30]);
    expect(h.triton[0].points[0].p99LatencyMs).toBe(9);
    expect(h.gpuUtilization).toEqual([
      {
        name: 'p1',
        unit: '%',
        points: [{ t: '2026-12-02T10:00:00.000Z', v: 55 }],
      },
    ]);
  });

  it('keeps throughput samples only from rounds where every pod had figures', () => {
    expect(
      throughputSamples([
        {
          t: t0 + 15_000,
          point: point(2, 1, 1, {
            throughput: { replicas: 2, requestsPerSecond: 40 },
          }),
        },
        { t: t0, point: point(2, 1, 1) },
      ]),
    ).toEqual([
      { at: '2026-12-02T10:00:15.000Z', replicas: 2, requestsPerSecond: 40 },
    ]);
  });
});
