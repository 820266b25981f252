import { DEFAULT_PATTERN_PRESETS } from '../patterns/presets';
import { fleetWhatIf } from './fleetWhatIf';
import type { FleetWhatIfService, PresetChange } from './types';

const cpuPreset = DEFAULT_PATTERN_PRESETS['realtime-cpu'];

function cpuService(
  name: string,
  peakRps: number,
  extra: Partial<FleetWhatIfService> = {},
): FleetWhatIfService {
  return {
    entityRef: `component:default/${name}`,
    pattern: 'realtime-cpu',
    peakRps,
    shape: 'steady',
    target: {
      autoscaler: {
        kind: 'HorizontalPodAutoscaler',
        minReplicas: 2,
        maxReplicas: 20,
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
      // At 50 req/s per pod the CPU sits at its target; a pod serves 60 at most.
      capacity: { rpsPerPodAtTarget: 50, maxRpsPerPod: 60 },
      coldStartSeconds: 30,
    },
    ...extra,
  };
}

function change(
  after: Partial<typeof cpuPreset>,
): PresetChange<'realtime-cpu'> {
  return {
    pattern: 'realtime-cpu',
    before: cpuPreset,
    after: { ...cpuPreset, ...after },
  };
}

describe('fleetWhatIf', () => {
  it('replays a raised minimum: 2 → 4 replicas all day is 48 → 96 replica-hours', async () => {
    const result = await fleetWhatIf(
      [cpuService('a', 100)],
      change({ minReplicas: 4 }),
    );
    expect(result.changedFields).toEqual(['minReplicas']);
    const [a] = result.services;
    expect(a.source).toBe('synthetic');
    expect(a.before!.replicaHours).toBeCloseTo(48, 5);
    expect(a.after!.replicaHours).toBeCloseTo(96, 5);
    expect(a.before!.unservedRequests).toBe(0);
    expect(a.breaks).toBe(false);
    expect(result.totals.before.replicaHours).toBeCloseTo(48, 5);
    expect(result.totals.after.replicaHours).toBeCloseTo(96, 5);
    expect(result.totals.before.gpuHours).toBe(0);
  });

  it('lists the services a lower maximum breaks first, with their unserved requests', async () => {
    // 100 req/s against at most one pod of 60 req/s: 40 req/s unserved all day.
    const result = await fleetWhatIf(
      [cpuService('small', 30), cpuService('big', 100)],
      change({ maxReplicas: 1, minReplicas: 1 }),
    );
    expect(result.services.map(s => s.entityRef)).toEqual([
      'component:default/big',
      'component:default/small',
    ]);
    const [big, small] = result.services;
    expect(big.breaks).toBe(true);
    expect(big.after!.unservedRequests).toBeCloseTo(40 * 86400, -2);
    expect(big.after!.sloMinutesMissed).toBe(1440);
    expect(big.before!.sloMinutesMissed).toBe(0);
    expect(small.breaks).toBe(false);
    // 30 req/s: 1 replica is enough; the minimum of 2 → 1 halves its replica-hours.
    expect(small.before!.replicaHours).toBeCloseTo(48, 5);
    expect(small.after!.replicaHours).toBeCloseTo(24, 5);
    expect(result.totals.breaking).toBe(1);
    expect(result.totals.replayed).toBe(2);
  });

  it('leaves out services of other patterns and lists fields it cannot replay', async () => {
    const other = cpuService('gpu', 100, { pattern: 'realtime-gpu' });
    const result = await fleetWhatIf(
      [cpuService('a', 100), other],
      change({ resources: { cpu: '1', memory: '1Gi' } }),
    );
    expect(result.totals.services).toBe(1);
    expect(result.notReplayed).toEqual(['resources.cpu']);
    expect(result.services[0].after).toEqual(result.services[0].before);
  });

  it('replays the last day of recorded traffic when given', async () => {
    const step = 60;
    // Day one idle, day two at 100 req/s: the last day needs 2 replicas all day.
    const values = [
      ...Array(1440).fill(0),
      ...Array(1440).fill(100),
    ] as number[];
    const result = await fleetWhatIf(
      [
        cpuService('rec', 0, {
          traffic: { startMs: 0, stepSeconds: step, values },
        }),
      ],
      change({ minReplicas: 3 }),
    );
    const [rec] = result.services;
    expect(rec.source).toBe('recorded');
    expect(rec.before!.totalRequests).toBeCloseTo(100 * 86400, -2);
    expect(rec.after!.replicaHours).toBeCloseTo(72, 5);
  });

  it('names the problem of a service it cannot replay and keeps going', async () => {
    const result = await fleetWhatIf(
      [cpuService('a', 100), cpuService('b', 0, { peakRps: undefined })],
      change({ minReplicas: 3 }),
    );
    expect(result.totals.failed).toBe(1);
    expect(result.services[1].problem).toMatch(/^peakRps:/);
  });

  it('reports progress in slices up to the total, and stops when aborted', async () => {
    const fleet = Array.from({ length: 5 }, (_, i) => cpuService(`s${i}`, 80));
    const progress: number[] = [];
    await fleetWhatIf(fleet, change({ minReplicas: 3 }), {
      sliceMs: 0,
      onProgress: done => progress.push(done),
    });
    expect(progress).toEqual([0, 1, 2, 3, 4, 5]);

    const controller = new AbortController();
    const run = fleetWhatIf(fleet, change({ minReplicas: 3 }), {
      sliceMs: 0,
      signal: controller.signal,
      onProgress: done => {
        if (done === 2) controller.abort(new Error('stopped'));
      },
    });
    await expect(run).rejects.toThrow('stopped');
  });

  it('uses a known baseline instead of replaying today again', async () => {
    const baseline = {
      replicaHours: 1,
      gpuHours: 0,
      sloMinutesMissed: 0,
      unservedRequests: 0,
      totalRequests: 1,
    };
    const result = await fleetWhatIf(
      [cpuService('a', 100)],
      change({ minReplicas: 3 }),
      { baselineOf: () => baseline },
    );
    expect(result.services[0].before).toBe(baseline);
  });
});
