import { PrometheusRangeReader, RangeSeries } from './PrometheusRangeReader';
import { TrafficOptions } from './trafficOptions';
import { TrafficRecorder } from './TrafficRecorder';
import {
  fillPlaceholders,
  TrafficRangeError,
  TrafficService,
} from './TrafficService';

const NOW = new Date('2026-12-02T12:00:30Z');
const NOW_STEP_SEC = Date.parse('2026-12-02T12:00:00Z') / 1000;
const workload = { cluster: 'c1', namespace: 'ml', name: 'text-classifier' };

function service(
  options: Partial<TrafficOptions> = {},
  answer?: (query: string, range: any) => RangeSeries[],
) {
  const recorder = new TrafficRecorder({ stepSeconds: 15, recordHours: 24 });
  const calls: { query: string; range: any }[] = [];
  const reader = answer
    ? ({
        queryRange: async (query: string, range: any) => {
          calls.push({ query, range });
          return answer(query, range);
        },
      } as unknown as PrometheusRangeReader)
    : undefined;
  const s = new TrafficService({
    options: {
      maxRangeSeconds: 7 * 86400,
      recordHours: 24,
      ...(answer && {
        prometheus: {
          url: 'http://127.0.0.1:9',
          timeoutMs: 1000,
          maxPoints: 11000,
          queries: {
            'realtime-gpu': {
              query:
                'sum(rate(req{namespace="$namespace",pod=~"$workload-.*"}[1m]))',
              counter: false,
            },
          },
        },
      }),
      ...options,
    },
    recorder,
    stepSeconds: 60,
    reader,
    now: () => NOW,
  });
  return { service: s, recorder, calls };
}

/** Every step of a range at `rps`. */
function flat(range: any, rps: number): RangeSeries[] {
  const values: [number, string][] = [];
  for (let t = range.startSec; t <= range.endSec; t += range.stepSeconds) {
    values.push([t, String(rps)]);
  }
  return [{ metric: {}, values }];
}

describe('TrafficService', () => {
  it('refuses a range longer than the configured maximum', async () => {
    const { service: s } = service();
    await expect(
      s.traffic({ workloads: [workload], rangeSeconds: 8 * 86400 }),
    ).rejects.toThrow(
      new TrafficRangeError(
        'range 8d is longer than the configured maximum modelScaling.traffic.maxRange (7d)',
      ),
    );
  });

  it('has nothing, and says so, for a service without workloads', async () => {
    const { service: s } = service();
    const answer = await s.traffic({ workloads: [], rangeSeconds: 86400 });
    expect(answer.series).toBeUndefined();
    expect(answer.problems[0].message).toMatch(/No workload of this service/);
  });

  it("reads a day from Prometheus at the replay's step, aligned to it", async () => {
    const { service: s, calls } = service({}, (_q, range) => flat(range, 12));
    const answer = await s.traffic({
      pattern: 'realtime-gpu',
      workloads: [workload],
      rangeSeconds: 86400,
    });
    expect(answer.problems).toEqual([]);
    expect(answer.source).toBe('prometheus');
    expect(answer.series!.stepSeconds).toBe(60);
    expect(answer.series!.values).toHaveLength(1440);
    expect(answer.series!.values.every(v => v === 12)).toBe(true);
    expect(calls[0].range.endSec).toBe(NOW_STEP_SEC - 60);
    expect(answer.series!.startMs % 60_000).toBe(0);
    expect(calls[0].query).toBe(
      'sum(rate(req{namespace="ml",pod=~"text-classifier-.*"}[1m]))',
    );
    expect(answer.problems).toEqual([]);
  });

  it('grows the step by whole multiples to stay within the point limit', async () => {
    const { service: s, calls } = service({}, (_q, range) => flat(range, 1));
    const o = { pattern: 'realtime-gpu', workloads: [workload] };
    const week = await s.traffic({ ...o, rangeSeconds: 7 * 86400 });
    expect(week.series!.stepSeconds).toBe(60); // 10,080 points
    const { service: small } = service(
      {
        prometheus: {
          url: 'http://x',
          timeoutMs: 1,
          maxPoints: 5000,
          queries: { 'realtime-gpu': { query: 'q', counter: false } },
        },
      },
      (_q, range) => flat(range, 1),
    );
    const smallWeek = await small.traffic({ ...o, rangeSeconds: 7 * 86400 });
    expect(smallWeek.series!.stepSeconds).toBe(180);
    expect(calls).toHaveLength(1);
  });

  it('sums the workloads and leaves a step empty where one has no sample', async () => {
    const { service: s } = service({}, (query, range) => {
      const [series] = flat(range, query.includes('b-') ? 2 : 1);
      if (query.includes('b-')) series.values.splice(0, 1); // b misses the first step
      return [series];
    });
    const answer = await s.traffic({
      pattern: 'realtime-gpu',
      workloads: [
        { ...workload, name: 'a' },
        { ...workload, name: 'b' },
      ],
      rangeSeconds: 3600,
    });
    expect(answer.series!.values.slice(0, 3)).toEqual([null, 3, 3]);
    expect(answer.problems.map(p => p.code)).toEqual(['gaps']);
  });

  it('says a query that returns nothing, then uses the recorded rates', async () => {
    const { service: s, recorder } = service({}, () => []);
    for (let t = 0; t < 120; t += 15) {
      recorder.record(
        'c1/ml/text-classifier',
        NOW.getTime() - 120_000 + t * 1000,
        4,
      );
    }
    const answer = await s.traffic({
      pattern: 'realtime-gpu',
      workloads: [workload],
      rangeSeconds: 86400,
    });
    expect(answer.source).toBe('recorded');
    expect(answer.problems[0]).toEqual({
      code: 'empty',
      severity: 'info',
      message: expect.stringContaining(
        'Prometheus: the query for ml/text-classifier returned nothing over the last 1d',
      ),
    });
    expect(answer.problems[1].code).toBe('too-long');
    expect(answer.series!.values).toEqual([4, 4]);
  });

  it('refuses a query that returns several series', async () => {
    const { service: s } = service({}, (_q, range) => [
      ...flat(range, 1),
      ...flat(range, 2),
    ]);
    const answer = await s.traffic({
      pattern: 'realtime-gpu',
      workloads: [workload],
      rangeSeconds: 3600,
    });
    expect(answer.series).toBeUndefined();
    expect(answer.problems.map(p => p.message).join('\n')).toContain(
      'returned 2 series; it must return one (wrap it in sum(...))',
    );
    expect(answer.problems.at(-1)!.message).toMatch(
      /No request rate has been recorded/,
    );
  });

  it('never answers a series with no value', async () => {
    const { service: s } = service();
    const answer = await s.traffic({
      workloads: [workload],
      rangeSeconds: 86400,
    });
    expect(answer.series).toBeUndefined();
    expect(answer.problems).toEqual([
      expect.objectContaining({ code: 'empty', severity: 'error' }),
    ]);
  });
});

describe('fillPlaceholders', () => {
  it('escapes the values for a PromQL string', () => {
    expect(
      fillPlaceholders('x{namespace="$namespace",c="$cluster"}', {
        cluster: 'a"b',
        namespace: 'ns',
        name: 'w',
      }),
    ).toBe('x{namespace="ns",c="a\\"b"}');
  });
});
