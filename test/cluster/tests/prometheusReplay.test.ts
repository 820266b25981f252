/*
 * The Prometheus-backed replay against the real Prometheus (Debian's `prometheus` and
 * `promtool`): a day of request rate and a request counter are written into a TSDB with
 * `promtool tsdb create-blocks-from openmetrics`, a Prometheus of this test's own serves them
 * on a free port, the backend's traffic reader reads them back with `query_range`, and the
 * economics replay runs on what was read. Bad input (a query that returns nothing, gaps, a
 * counter reset, a range over the maximum) each comes back as a named problem, never as a
 * figure. Needs no control plane: `yarn test:cluster prometheusReplay` or
 * `node_modules/.bin/jest --config test/cluster/jest.config.js prometheusReplay`.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  replay,
  resolveCostSettings,
  ReplayTarget,
  TrafficSeries,
} from '@internal/plugin-model-scaling-common';
import { PrometheusRangeReader } from '../../../plugins/model-scaling-backend/src/services/Traffic/PrometheusRangeReader';
import { TrafficRecorder } from '../../../plugins/model-scaling-backend/src/services/Traffic/TrafficRecorder';
import {
  TrafficRangeError,
  TrafficService,
} from '../../../plugins/model-scaling-backend/src/services/Traffic/TrafficService';

const execFileAsync = promisify(execFile);
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_BIN ?? '/usr/bin/promtool';

const STEP = 60;
const DAY_STEPS = 1440;
/** The test's clock: the data ends two steps before it. */
const NOW_SEC = Math.floor(Date.now() / 1000 / STEP) * STEP;
/** The timestamp TrafficService's last step reads: one whole step before the aligned now. */
const LAST_SEC = NOW_SEC - STEP;
const FIRST_SEC = LAST_SEC - (DAY_STEPS - 1) * STEP;

/** A day of request rate, req/s, per minute: a night floor, a midday peak and a ripple. */
function rateAt(i: number): number {
  const hour = (i / 60) % 24;
  const peak = 180 * Math.exp(-((hour - 13) ** 2) / (2 * 2.5 ** 2));
  return Math.round((12 + peak + 4 * Math.sin(i / 7)) * 1000) / 1000;
}
const RATES = Array.from({ length: DAY_STEPS }, (_, i) => rateAt(i));
/** The step after which the counter restarts from 0 (a restarted server). */
const RESET_AT = 900;
/** Thirty minutes with no sample of the `gappy` workload. */
const GAP = { from: 600, to: 630 };

function openMetrics(): string {
  const lines: string[] = ['# TYPE demo_requests_per_second gauge'];
  for (const [workload, skip] of [
    ['text-classifier', () => false],
    ['gappy', (i: number) => i >= GAP.from && i < GAP.to],
  ] as const) {
    RATES.forEach((v, i) => {
      if (skip(i)) return;
      lines.push(
        `demo_requests_per_second{namespace="ml",workload="${workload}"} ${v} ${
          FIRST_SEC + i * STEP
        }`,
      );
    });
  }
  lines.push('# TYPE demo_requests counter');
  // The counter one step before the first, then + rate × step each step; it restarts at RESET_AT.
  let total = 5000;
  lines.push(
    `demo_requests_total{namespace="ml",workload="text-classifier"} ${total} ${
      FIRST_SEC - STEP
    }`,
  );
  RATES.forEach((v, i) => {
    total = i === RESET_AT ? v * STEP : total + v * STEP;
    lines.push(
      `demo_requests_total{namespace="ml",workload="text-classifier"} ${total} ${
        FIRST_SEC + i * STEP
      }`,
    );
  });
  lines.push('# EOF', '');
  return lines.join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let dir: string;
let prometheus: ChildProcess | undefined;
let url: string;
let log = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prometheus-replay-'));
  await writeFile(join(dir, 'traffic.om'), openMetrics());
  await writeFile(join(dir, 'prometheus.yml'), 'scrape_configs: []\n');
  await execFileAsync(PROMTOOL, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    join(dir, 'traffic.om'),
    join(dir, 'data'),
  ]);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      '--storage.tsdb.retention.time=30d',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stdout!.on('data', d => (log += d));
  prometheus.stderr!.on('data', d => (log += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`)
      .then(r => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline || prometheus.exitCode !== null) {
      throw new Error(`Prometheus did not get ready:\n${log.slice(-2000)}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}, 60_000);

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise(r => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await exited;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

function service(
  queries: Record<string, string | { query: string; counter: boolean }>,
) {
  return new TrafficService({
    options: {
      maxRangeSeconds: 7 * 86400,
      recordHours: 24,
      prometheus: {
        url,
        timeoutMs: 10_000,
        maxPoints: 11000,
        queries: Object.fromEntries(
          Object.entries(queries).map(([k, q]) => [
            k,
            typeof q === 'string' ? { query: q, counter: false } : q,
          ]),
        ),
      },
    },
    recorder: new TrafficRecorder({ stepSeconds: 15, recordHours: 24 }),
    stepSeconds: STEP,
    reader: new PrometheusRangeReader({ url, timeoutMs: 10_000 }),
    now: () => new Date(NOW_SEC * 1000 + 30_000),
  });
}

const rateQuery =
  'sum(demo_requests_per_second{namespace="$namespace",workload="$workload"})';
const textClassifier = {
  cluster: 'test',
  namespace: 'ml',
  name: 'text-classifier',
};

/** realtime-gpu: KEDA on request rate, 40 req/s per pod at target, 60 per pod at most, one H100 each. */
const target: ReplayTarget = {
  autoscaler: {
    kind: 'ScaledObject',
    minReplicaCount: 2,
    maxReplicaCount: 12,
    hpaBehavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    triggers: [
      { type: 'prometheus', metadata: { threshold: '40', query: 'x' } },
    ],
  },
  capacity: { maxRpsPerPod: 60, serviceTimeMs: 20 },
  coldStartSeconds: 60,
  placement: {
    product: 'NVIDIA-H100-80GB-HBM3',
    gpusPerPod: 1,
    sharing: 'exclusive',
    capacity: 'on-demand',
  },
  latencySloMs: 200,
};
const settings = resolveCostSettings({
  enabled: true,
  stepSeconds: STEP,
  gpuHourPrices: { 'NVIDIA-H100-80GB-HBM3': { onDemand: 4 } },
});

describe('Prometheus-backed replay (real Prometheus, backfilled with promtool)', () => {
  it('reads back exactly the day written, at the replay step, and replays it like the written series', async () => {
    const answer = await service({ 'realtime-gpu': rateQuery }).traffic({
      pattern: 'realtime-gpu',
      workloads: [textClassifier],
      rangeSeconds: 86400,
    });
    expect(answer.problems).toEqual([]);
    expect(answer.source).toBe('prometheus');
    expect(answer.query).toBe(
      'sum(demo_requests_per_second{namespace="ml",workload="text-classifier"})',
    );
    const read = answer.series!;
    expect(read.startMs).toBe(FIRST_SEC * 1000);
    expect(read.stepSeconds).toBe(STEP);
    expect(read.values).toEqual(RATES);

    const written: TrafficSeries = {
      startMs: FIRST_SEC * 1000,
      stepSeconds: STEP,
      values: RATES,
    };
    const fromPrometheus = replay({ target, traffic: read, settings });
    const fromWritten = replay({ target, traffic: written, settings });
    expect(fromPrometheus.gpuHours).toBe(fromWritten.gpuHours);
    expect(fromPrometheus.replicaTimeline).toEqual(fromWritten.replicaTimeline);
    // Min 2 whole H100s all day is the floor; the midday peak (192 req/s) needs ceil(192 / 40) = 5.
    expect(fromPrometheus.gpuHours).toBeGreaterThan(48);
    expect(fromPrometheus.gpuHours).toBeLessThan(12 * 24);
    expect(fromPrometheus.cost).toEqual({
      amount: expect.closeTo(fromPrometheus.gpuHours * 4, 6),
      currency: 'USD',
    });
    // eslint-disable-next-line no-console
    console.log(
      `replayed a day read from Prometheus: ${fromPrometheus.gpuHours.toFixed(
        2,
      )} GPU-hours (needed ${fromPrometheus.gpuHoursNeeded.toFixed(2)}), ${
        fromPrometheus.sloMinutesMissed
      } SLO minutes missed`,
    );
  });

  it('turns a counter into rates and leaves the step of its reset empty, with the reset named', async () => {
    const answer = await service({
      'realtime-gpu': {
        query:
          'sum(demo_requests_total{namespace="$namespace",workload="$workload"})',
        counter: true,
      },
    }).traffic({
      pattern: 'realtime-gpu',
      workloads: [textClassifier],
      rangeSeconds: 86400,
    });
    expect(answer.source).toBe('prometheus');
    const values = answer.series!.values;
    expect(values[RESET_AT]).toBeNull();
    values.forEach((v, i) => {
      if (i !== RESET_AT) expect(v).toBeCloseTo(RATES[i], 6);
    });
    expect(answer.problems.map(p => p.message).join('\n')).toContain(
      `The request counter was reset 1 time(s) (first between ${new Date(
        (FIRST_SEC + (RESET_AT - 1) * STEP) * 1000,
      ).toISOString()}`,
    );
  });

  it('names the gap of a series that has one and keeps it empty', async () => {
    const answer = await service({ 'realtime-gpu': rateQuery }).traffic({
      pattern: 'realtime-gpu',
      workloads: [{ ...textClassifier, name: 'gappy' }],
      rangeSeconds: 86400,
    });
    const values = answer.series!.values;
    // Prometheus carries the last sample forward for its 5-minute lookback, then the steps are empty.
    expect(values.slice(GAP.from + 5, GAP.to)).toEqual(
      new Array(GAP.to - GAP.from - 5).fill(null),
    );
    expect(values[GAP.to]).toBe(RATES[GAP.to]);
    const gaps = answer.problems.find(p => p.code === 'gaps')!;
    expect(gaps.message).toMatch(/^2[45] of 1440 steps/);
    expect(gaps.message).toContain('Gaps stay empty, they are not read as 0');
  });

  it('says a query that returns nothing, and gives no series', async () => {
    const answer = await service({ 'realtime-gpu': rateQuery }).traffic({
      pattern: 'realtime-gpu',
      workloads: [{ ...textClassifier, name: 'no-such-workload' }],
      rangeSeconds: 86400,
    });
    expect(answer.series).toBeUndefined();
    expect(answer.problems[0].message).toBe(
      'Prometheus: the query for ml/no-such-workload returned nothing over the last 1d (query: sum(demo_requests_per_second{namespace="ml",workload="no-such-workload"})); using the rates this backend recorded instead',
    );
    expect(answer.problems[1]).toMatchObject({
      code: 'empty',
      severity: 'error',
    });
  });

  it('refuses a range longer than the maximum before asking Prometheus', async () => {
    await expect(
      service({ 'realtime-gpu': rateQuery }).traffic({
        pattern: 'realtime-gpu',
        workloads: [textClassifier],
        rangeSeconds: 8 * 86400,
      }),
    ).rejects.toThrow(TrafficRangeError);
  });

  it("reports Prometheus' own error for a query it cannot parse", async () => {
    const answer = await service({ 'realtime-gpu': 'sum(' }).traffic({
      pattern: 'realtime-gpu',
      workloads: [textClassifier],
      rangeSeconds: 3600,
    });
    expect(answer.series).toBeUndefined();
    expect(answer.problems[0].message).toMatch(
      /^Prometheus: Prometheus query_range: HTTP 400 bad_data: .*parse error/,
    );
  });
});
