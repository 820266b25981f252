import {
  batchEmbedderAnswers,
  createPlan,
  imageClassifierAnswers,
} from '@internal/plugin-model-scaling-common';
import { main } from '../main';
import { tempDir, testIo } from '../__testUtils__/testIo';
import { costCommand } from './cost';
import { parseTrafficFile } from './costTraffic';

/** Rows of `timestamp,rps` every 60 s from 2026-12-01T00:00:00Z. */
function csv(values: (number | '')[]): string {
  const start = Date.UTC(2026, 11, 1, 0, 0, 0);
  return `timestamp,rps\n${values
    .map((v, i) => `${new Date(start + i * 60_000).toISOString()},${v}`)
    .join('\n')}\n`;
}

describe('cost command', () => {
  let cleanup: () => Promise<void> = async () => {};
  afterEach(() => cleanup());

  it('replays a traffic file through the plan and prints GPU-hours, cost and savings per day as JSON', async () => {
    // image-classifier: KEDA on request rate, threshold 100 req/s per pod (a pod serves 150), min 1,
    // one whole H200 per pod. 2 hours at 50 req/s: ceil(50 / 100) = 1 pod all along
    // → 2 GPU-hours in 2 h = 24 GPU-hours/day, × 3.50 USD = 84 USD/day; 50 × 7,200 = 360,000 requests.
    const t = await tempDir({
      'plan.json': JSON.stringify(createPlan(imageClassifierAnswers)),
      'traffic.csv': csv(new Array(120).fill(50)),
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await main(
        [
          'node',
          'model-scaling',
          'cost',
          '--plan',
          'plan.json',
          '--traffic',
          'traffic.csv',
          '--price',
          '3.5',
          '--json',
        ],
        io,
      ),
    ).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.service).toBe('image-classifier');
    expect(out.traffic).toMatchObject({
      start: '2026-12-01T00:00:00.000Z',
      durationSeconds: 7200,
      gapSteps: 0,
    });
    expect(out.baseline.gpuHoursPerDay).toBeCloseTo(24, 8);
    expect(out.baseline.costPerDay).toEqual({
      amount: expect.closeTo(84, 8),
      currency: 'USD',
    });
    expect(out.baseline.totalRequests).toBeCloseTo(360_000, 3);
    expect(out.baseline.unservedRequests).toBe(0);
    const byId = Object.fromEntries(
      out.recommendations.map((r: { id: string }) => [r.id, r]),
    );
    // A 0.1 GB model fits a 1g.18gb slice: max(1/7 compute, 18/141 memory) = 1/7 of the H200, serving
    // 150 / 7 = 21.4 req/s at a target of 100 / 7 = 14.3 → ceil(50 / 14.3) = 4 pods = 4/7 GPU
    // → 24 × 4/7 = 13.71 GPU-hours/day; saves 24 × 3/7 = 10.29 GPU-hours and 36 USD a day.
    expect(byId['mig-slice']).toMatchObject({
      verdict: 'saves',
      breaksSlo: false,
    });
    expect(byId['mig-slice'].gpuHoursSavedPerDay).toBeCloseTo((24 * 3) / 7, 8);
    expect(byId['mig-slice'].costSavedPerDay.amount).toBeCloseTo(36, 8);
    // Traffic never stops, so scaling to zero changes nothing here.
    expect(byId['scale-to-zero']).toMatchObject({
      verdict: 'no-saving',
      gpuHoursSavedPerDay: 0,
    });
  });

  it('prints the same as text, and says when there is no price', async () => {
    const t = await tempDir({
      'plan.json': JSON.stringify(createPlan(imageClassifierAnswers)),
      'traffic.csv': csv(new Array(60).fill(50)),
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await costCommand({ plan: 'plan.json', traffic: 'traffic.csv' }, io),
    ).toBe(0);
    const text = io.out();
    expect(text).toContain(
      'image-classifier (realtime-gpu): 0.04 days of traffic replayed, 180,000 requests',
    );
    expect(text).toContain(
      'Today: 24.00 GPU-hours/day (the load needed 8.00), —/day, 0 SLO minutes missed, 0 requests unserved',
    );
    expect(text).toContain('cost: costs are off');
    expect(text).toMatch(
      /saves\s+Serve the 0\.1 GB model from a MIG 1g\.18gb slice instead of a whole H200-141GB \[−10\.29 GPU-hours\/day, —\/day saved\]/,
    );
  });

  it('reads prices from an app-config and a Prometheus query_range answer as traffic', async () => {
    const start = Date.UTC(2026, 11, 1) / 1000;
    const matrix = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: new Array(60).fill(0).map((_, i) => [start + i * 60, '50']),
          },
        ],
      },
    };
    const t = await tempDir({
      'plan.json': JSON.stringify(createPlan(imageClassifierAnswers)),
      'range.json': JSON.stringify(matrix),
      'app-config.yaml':
        'modelScaling:\n  costs:\n    enabled: true\n    currency: EUR\n    gpuHourPrices:\n      NVIDIA-H200:\n        onDemand: 2\n',
    });
    cleanup = t.cleanup;
    const io = testIo(t.dir);
    expect(
      await costCommand(
        {
          plan: 'plan.json',
          traffic: 'range.json',
          config: 'app-config.yaml',
          json: true,
        },
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.out()).baseline.costPerDay).toEqual({
      amount: expect.closeTo(48, 8),
      currency: 'EUR',
    });
  });

  it('names bad input: an empty query result, too many gaps, a range too long, a bad rate, a queue plan without its consume rate', async () => {
    const t = await tempDir({
      'plan.json': JSON.stringify(createPlan(imageClassifierAnswers)),
      'queue-plan.json': JSON.stringify(createPlan(batchEmbedderAnswers)),
      'empty.json': JSON.stringify({
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      }),
      'gaps.csv': csv([50, '', '', 50, 50]),
      'long.json': JSON.stringify({
        startMs: 0,
        stepSeconds: 3600,
        values: new Array(24 * 8).fill(1),
      }),
      'bad.csv': 'timestamp,rps\n2026-12-01T00:00:00Z,-3\n',
      'ok.csv': csv([50, 50]),
    });
    cleanup = t.cleanup;
    const run = async (...args: string[]) => {
      const io = testIo(t.dir);
      const code = await main(['node', 'model-scaling', 'cost', ...args], io);
      return { code, err: io.err(), out: io.out() };
    };
    expect(
      await run('--plan', 'plan.json', '--traffic', 'empty.json'),
    ).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        'empty.json: the Prometheus query returned no series; nothing to replay',
      ),
      out: '',
    });
    expect(
      (await run('--plan', 'plan.json', '--traffic', 'gaps.csv')).err,
    ).toContain(
      'gaps.csv: traffic: 2 of 5 steps (40.0 %) are gaps, more than the 10 % allowed',
    );
    expect(
      (await run('--plan', 'plan.json', '--traffic', 'long.json')).err,
    ).toContain('8.00 days is longer than the maximum of 7 days');
    expect(
      (await run('--plan', 'plan.json', '--traffic', 'bad.csv')).err,
    ).toContain(
      'bad.csv line 2: rps must be a number of 0 or more, or empty for a gap (got "-3")',
    );
    expect(
      (
        await run(
          '--plan',
          'queue-plan.json',
          '--traffic',
          'ok.csv',
          '--product',
          'NVIDIA-L4',
          '--shared-by',
          '4',
        )
      ).err,
    ).toContain(
      'a kafka consumer needs the messages per second one pod processes',
    );
    expect((await run('--plan', 'plan.json')).err).toContain(
      '--traffic <file> is required',
    );
    expect(
      (
        await run(
          '--plan',
          'plan.json',
          '--traffic',
          'ok.csv',
          '--price',
          'cheap',
        )
      ).err,
    ).toContain('--price must be a number of 0 or more (got "cheap")');
  });
});

describe('parseTrafficFile', () => {
  it('reads epoch seconds, leaves missing rows and empty cells as gaps and resamples to --step', () => {
    const series = parseTrafficFile('0,10\n60,\n180,30\n', 'f.csv');
    expect(series).toEqual({
      startMs: 0,
      stepSeconds: 60,
      values: [10, null, null, 30],
    });
    expect(
      parseTrafficFile('0,10\n60,20\n120,30\n180,40\n', 'f.csv', 120).values,
    ).toEqual([15, 35]);
    expect(() => parseTrafficFile('0,10\n30,20\n100,30\n', 'f.csv')).toThrow(
      'f.csv line 3: timestamps must fall on a regular grid of 30 s from the first row',
    );
    expect(
      parseTrafficFile(
        '[{"timestamp": 0, "rps": 1}, {"timestamp": 60, "rps": null}]',
        'f.json',
      ).values,
    ).toEqual([1, null]);
  });
});

describe('cost command text for a change that breaks the SLO', () => {
  it('shows the breach, never the GPU-hours it would free as a saving', async () => {
    // 600 req/s needs ceil(600 / 100) = 6 whole-GPU pods; on 1g.18gb slices a pod's target is 100 / 7 = 14.3,
    // so it would need 42 pods and the plan's maximum is 15: requests go unserved.
    const t = await tempDir({
      'plan.json': JSON.stringify(createPlan(imageClassifierAnswers)),
      'traffic.csv': csv(new Array(30).fill(600)),
    });
    const io = testIo(t.dir);
    try {
      expect(
        await costCommand(
          { plan: 'plan.json', traffic: 'traffic.csv', price: '3' },
          io,
        ),
      ).toBe(0);
    } finally {
      await t.cleanup();
    }
    const line = io
      .out()
      .split('\n')
      .find(l => l.includes('MIG 1g.18gb'))!;
    expect(line).toMatch(
      /^\s+breaks-slo\s+Serve the 0\.1 GB model .* \[not a saving: it breaks the SLO\]$/,
    );
    expect(line).not.toMatch(/saved/);
  });
});
