import {
  DEFAULT_PATTERN_PRESETS,
  FleetWhatIfService,
  fleetWhatIf,
} from '@internal/plugin-model-scaling-common';
import { WhatIfWorkerPool } from './WhatIfWorkerPool';

const preset = DEFAULT_PATTERN_PRESETS['realtime-cpu'];
const change = {
  pattern: 'realtime-cpu' as const,
  before: preset,
  after: { ...preset, minReplicas: 3, maxReplicas: 4 },
};

const fleet: FleetWhatIfService[] = Array.from({ length: 7 }, (_, i) => ({
  entityRef: `component:default/s${i}`,
  pattern: 'realtime-cpu',
  peakRps: 40 + i * 60,
  target: {
    autoscaler: {
      kind: 'HorizontalPodAutoscaler',
      minReplicas: 2,
      maxReplicas: 20,
    },
    capacity: { rpsPerPodAtTarget: 50, maxRpsPerPod: 70 },
    coldStartSeconds: 30,
  },
}));

describe('WhatIfWorkerPool', () => {
  // Jest's own transform does not reach worker threads; the CLI's Node transform does, as under `package start`.
  const pool = new WhatIfWorkerPool({
    size: 2,
    sliceSize: 3,
    execArgv: [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
    ],
  });
  afterAll(() => pool.close());

  it('starts no worker thread before its first run, and closing an unused pool ends nothing', async () => {
    expect(pool.workerCount).toBe(0);
    const unused = new WhatIfWorkerPool({ size: 2 });
    expect(unused.workerCount).toBe(0);
    await unused.close();
    expect(unused.workerCount).toBe(0);
  });

  it('gives the same results as the main thread, in order, with progress up to the total', async () => {
    let finished = 0;
    const results = await pool.run(fleet, change, {
      onProgress: n => {
        finished += n;
      },
    });
    const expected = await fleetWhatIf(fleet, change);
    expect(finished).toBe(fleet.length);
    expect(pool.workerCount).toBeGreaterThan(0);
    expect(pool.workerCount).toBeLessThanOrEqual(pool.size);
    expect(results.map(r => r.entityRef)).toEqual(fleet.map(s => s.entityRef));
    const byRef = new Map(expected.services.map(s => [s.entityRef, s]));
    for (const r of results) expect(r).toEqual(byRef.get(r.entityRef));
    // The largest services break at a maximum of 4 pods of 70 req/s.
    expect(results.filter(r => r.breaks).map(r => r.entityRef)).toEqual([
      'component:default/s5',
      'component:default/s6',
    ]);
  }, 120_000);

  it('uses the baselines it is given', async () => {
    const baseline = {
      replicaHours: 7,
      gpuHours: 0,
      sloMinutesMissed: 0,
      unservedRequests: 0,
      totalRequests: 0,
    };
    const results = await pool.run(fleet.slice(0, 2), change, {
      baselines: [baseline, undefined],
    });
    expect(results[0].before).toEqual(baseline);
    expect(results[1].before!.replicaHours).toBeGreaterThan(7);
  }, 120_000);

  it('ends its workers on close', async () => {
    expect(pool.workerCount).toBeGreaterThan(0);
    await pool.close();
    expect(pool.workerCount).toBe(0);
  });
});
