import {
  batchEmbedderAnswers,
  createPlan,
  imageClassifierAnswers,
  renderServiceFiles,
  simulateAutoscaler,
  simulationInputFromWorkload,
  SimulationWorkload,
  simulationWorkloadFromPlan,
  simulationWorkloadsFromManifests,
  readManifests,
  textClassifierAnswers,
  whatIfDefaults,
  WhatIfSettings,
} from '@internal/plugin-model-scaling-common';
import { simulateCommand } from './simulate';
import { parseLoadCsv } from './loadCsv';
import { tempDir, testIo } from '../__testUtils__/testIo';

// A morning ramp to 1,200 req/s, a plateau, and the evening fall.
const LOAD = 't,rps\n0,100\n600,1200\n1800,1200\n2400,150\n3600,100\n';

describe('simulate command', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  it('simulates a plan’s KEDA request-rate scaling and follows the load', async () => {
    const t = await tempDir({
      'plan.json': JSON.stringify(createPlan(imageClassifierAnswers)),
      'load.csv': LOAD,
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await simulateCommand({ plan: 'plan.json', load: 'load.csv' }, io),
    ).toBe(0);
    const result = JSON.parse(io.out());
    // 1,200 req/s at 100 per pod needs 12 pods; the HPA's 10 % tolerance may stop at 11 (1200/1100 = 1.09).
    expect(result.summary.maxReplicas).toBeGreaterThanOrEqual(11);
    expect(result.summary.maxReplicas).toBeLessThanOrEqual(12);
    const last = result.timeline[result.timeline.length - 1];
    expect(last.desiredReplicas).toBeLessThan(4);
    for (const p of result.timeline) {
      expect(p.desiredReplicas).toBeGreaterThanOrEqual(1);
      expect(p.desiredReplicas).toBeLessThanOrEqual(15);
    }
  });

  /** What the Scaling tab's what-if simulates for the workload, with the given settings over LOAD, as JSON output. */
  function whatIfResult(
    workload: SimulationWorkload,
    settings: (s: WhatIfSettings) => Partial<WhatIfSettings>,
  ) {
    const defaults = whatIfDefaults(workload.status, workload.context).settings;
    const input = simulationInputFromWorkload(workload.status, {
      ...defaults,
      ...settings(defaults),
      load: parseLoadCsv(LOAD, 'load.csv'),
    });
    return JSON.parse(JSON.stringify(simulateAutoscaler(input)));
  }

  it('simulates a plan with the Scaling tab’s what-if input', async () => {
    const plan = createPlan(imageClassifierAnswers);
    const t = await tempDir({
      'plan.json': JSON.stringify(plan),
      'load.csv': LOAD,
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await simulateCommand(
        { plan: 'plan.json', load: 'load.csv', serviceTimeMs: '15' },
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.out())).toEqual(
      whatIfResult(simulationWorkloadFromPlan(plan), () => ({
        serviceTimeMs: 15,
      })),
    );
  });

  it('turns --rps-per-pod at the CPU target into the what-if’s capacity at 100 % CPU', async () => {
    const rendered = renderServiceFiles(createPlan(textClassifierAnswers));
    const t = await tempDir({
      ...Object.fromEntries(rendered.map(f => [`repo/${f.path}`, f.content])),
      'load.csv': LOAD,
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await simulateCommand(
        {
          manifests: 'repo',
          load: 'load.csv',
          rpsPerPod: '60',
          coldStart: '20',
        },
        io,
      ),
    ).toBe(0);
    const [workload] = simulationWorkloadsFromManifests(
      readManifests(rendered),
    );
    expect(JSON.parse(io.out())).toEqual(
      whatIfResult(workload, d => ({
        podCapacityRps: (60 * 100) / d.target,
        coldStartSeconds: 20,
      })),
    );
  });

  it('simulates manifests of an HPA as CSV', async () => {
    const files = Object.fromEntries(
      renderServiceFiles(createPlan(textClassifierAnswers)).map(f => [
        `repo/${f.path}`,
        f.content,
      ]),
    );
    const t = await tempDir({ ...files, 'load.csv': LOAD });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await simulateCommand(
        {
          manifests: 'repo',
          load: 'load.csv',
          format: 'csv',
          rpsPerPod: '60',
          coldStart: '20',
        },
        io,
      ),
    ).toBe(0);
    const lines = io.out().trim().split('\n');
    expect(lines[0]).toBe(
      't,load,desired_replicas,ready_replicas,per_pod_load,unserved_rps,backlog,latency_ms',
    );
    const desired = lines.slice(1).map(l => Number(l.split(',')[2]));
    // 1,200 req/s at 60 per pod is 20 pods, the maximum; within the 10 % tolerance 19 also holds.
    expect(Math.max(...desired)).toBeGreaterThanOrEqual(19);
    expect(Math.max(...desired)).toBeLessThanOrEqual(20);
    expect(Math.min(...desired)).toBe(2);
  });

  it('names what is missing or wrong', async () => {
    const t = await tempDir({
      'plan.json': JSON.stringify(createPlan(textClassifierAnswers)),
      'queue.json': JSON.stringify(createPlan(batchEmbedderAnswers)),
      'load.csv': LOAD,
      'bad.csv': 't,rps\n0,10\n60,lots\n',
      'backwards.csv': '0,10\n60,20\n30,5\n',
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    await expect(simulateCommand({ load: 'load.csv' }, io)).rejects.toThrow(
      'Give exactly one of --plan <json> or --manifests <dir>',
    );
    await expect(simulateCommand({ plan: 'plan.json' }, io)).rejects.toThrow(
      '--load <csv> is required',
    );
    await expect(
      simulateCommand({ plan: 'plan.json', load: 'load.csv' }, io),
    ).rejects.toThrow('--rps-per-pod is required for an HPA');
    await expect(
      simulateCommand({ plan: 'queue.json', load: 'load.csv' }, io),
    ).rejects.toThrow('--max-rps-per-pod is required for a kafka trigger');
    await expect(
      simulateCommand(
        {
          plan: 'plan.json',
          load: 'load.csv',
          rpsPerPod: '60',
          maxRpsPerPod: '90',
        },
        io,
      ),
    ).rejects.toThrow('Give one of --rps-per-pod or --max-rps-per-pod');
    await expect(
      simulateCommand(
        { plan: 'queue.json', load: 'load.csv', rpsPerPod: '60' },
        io,
      ),
    ).rejects.toThrow(
      '--rps-per-pod applies to a CPU target; for a kafka trigger give --max-rps-per-pod',
    );
    await expect(
      simulateCommand(
        { plan: 'plan.json', load: 'bad.csv', rpsPerPod: '60' },
        io,
      ),
    ).rejects.toThrow(
      'bad.csv line 3: rps must be a number of 0 or more (got "lots")',
    );
    await expect(
      simulateCommand(
        { plan: 'plan.json', load: 'backwards.csv', rpsPerPod: '60' },
        io,
      ),
    ).rejects.toThrow('backwards.csv line 3: t must increase (30 after 60)');
    await expect(
      simulateCommand({ manifests: '.', load: 'load.csv' }, io),
    ).rejects.toThrow('no Deployment with an HPA or ScaledObject found');
  });
});

describe('parseLoadCsv', () => {
  it('reads headers, comments, blank lines and other separators', () => {
    expect(parseLoadCsv('# ramp\nt;rps\n\n0;1\n10\t2.5\n', 'x.csv')).toEqual([
      { t: 0, rps: 1 },
      { t: 10, rps: 2.5 },
    ]);
    expect(() => parseLoadCsv('t,rps\n', 'x.csv')).toThrow(
      'x.csv: no load points',
    );
    expect(() => parseLoadCsv('5\n', 'x.csv')).toThrow(
      'x.csv line 1: expected "t,rps", got "5"',
    );
  });
});
