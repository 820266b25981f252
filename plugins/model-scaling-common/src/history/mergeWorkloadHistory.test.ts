import fc from 'fast-check';
import {
  assembleWorkloadHistory,
  TimedHistoryPoint,
} from './assembleWorkloadHistory';
import {
  mergeWorkloadHistory,
  windowWorkloadHistory,
} from './mergeWorkloadHistory';

const STEP = 15;
const T0 = Date.parse('2026-12-04T10:00:00.000Z');

const point: fc.Arbitrary<TimedHistoryPoint['point']> = fc.record({
  replicas: fc.record(
    {
      desired: fc.nat(20),
      current: fc.nat(20),
      ready: fc.nat(20),
    },
    { requiredKeys: ['current', 'ready'] },
  ),
  metrics: fc.uniqueArray(
    fc.record(
      {
        name: fc.constantFrom('cpu', 'queue', 'rps'),
        unit: fc.constantFrom('%', 'value'),
        target: fc.nat(100),
        v: fc.nat(200),
      },
      { requiredKeys: ['name', 'unit'] },
    ),
    { selector: m => m.name, maxLength: 3 },
  ),
  triton: fc.uniqueArray(
    fc.record(
      {
        model: fc.constantFrom('resnet50', 'bert'),
        requestsPerSecond: fc.nat(500),
        averageBatchSize: fc.nat(8),
      },
      { requiredKeys: ['model', 'requestsPerSecond'] },
    ),
    { selector: m => m.model, maxLength: 2 },
  ),
  gpu: fc.option(
    fc.uniqueArray(
      fc.record({ pod: fc.constantFrom('p-1', 'p-2'), v: fc.nat(100) }),
      { selector: g => g.pod, maxLength: 2 },
    ),
    { nil: undefined },
  ),
});

/** Points one round apart, oldest first, as the collection stores them. */
const rounds = fc
  .array(fc.tuple(fc.nat(3), point), { maxLength: 12 })
  .map(list => {
    let t = T0;
    return list.map(([gap, p]) => {
      t += (gap + 1) * STEP * 1000;
      return { t, point: p };
    });
  });

describe('mergeWorkloadHistory', () => {
  it('appends an answer after the newest held point as if the backend assembled all the points at once', () => {
    fc.assert(
      fc.property(
        rounds,
        fc.nat(12),
        fc.integer({ min: -1, max: 40 }),
        (points, split, windowRounds) => {
          const k = Math.min(split, points.length);
          const windowStart = T0 + windowRounds * STEP * 1000;
          const held = assembleWorkloadHistory(points.slice(0, k), STEP);
          const update = assembleWorkloadHistory(points.slice(k), STEP);
          expect(mergeWorkloadHistory(held, update, windowStart)).toEqual(
            windowWorkloadHistory(
              assembleWorkloadHistory(points, STEP),
              windowStart,
            ),
          );
        },
      ),
    );
  });

  it('adds nothing twice when an answer overlaps what is held', () => {
    fc.assert(
      fc.property(rounds, fc.nat(12), fc.nat(12), (points, a, b) => {
        const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
        const held = assembleWorkloadHistory(points.slice(0, hi), STEP);
        const update = assembleWorkloadHistory(points.slice(lo), STEP);
        expect(mergeWorkloadHistory(held, update, 0)).toEqual(
          assembleWorkloadHistory(points, STEP),
        );
      }),
    );
  });

  it('takes a first answer as it is, and drops what left the window without an answer', () => {
    const history = assembleWorkloadHistory(
      [
        {
          t: T0,
          point: {
            replicas: { current: 1, ready: 1 },
            metrics: [],
            triton: [],
          },
        },
        {
          t: T0 + 15_000,
          point: {
            replicas: { current: 2, ready: 1 },
            metrics: [{ name: 'cpu', unit: '%', target: 60, v: 80 }],
            triton: [],
            gpu: [{ pod: 'p-1', v: 40 }],
          },
        },
      ],
      STEP,
    );
    expect(mergeWorkloadHistory(undefined, history, 0)).toEqual(history);
    const later = mergeWorkloadHistory(history, undefined, T0 + 1);
    expect(later?.replicas).toEqual([
      { t: new Date(T0 + 15_000).toISOString(), current: 2, ready: 1 },
    ]);
    expect(later?.metrics[0].points).toHaveLength(1);
    const empty = mergeWorkloadHistory(history, undefined, T0 + 60_000);
    expect(empty).toEqual({
      stepSeconds: STEP,
      replicas: [],
      metrics: [],
      triton: [],
    });
    expect(mergeWorkloadHistory(undefined, undefined, 0)).toBeUndefined();
  });

  it('keeps a metric that has no value yet, as the backend sends it', () => {
    const history = assembleWorkloadHistory(
      [
        {
          t: T0,
          point: {
            replicas: { current: 1, ready: 1 },
            metrics: [{ name: 'queue', unit: 'value', target: 5 }],
            triton: [],
          },
        },
      ],
      STEP,
    );
    expect(windowWorkloadHistory(history, T0 + 60_000).metrics).toEqual([
      { name: 'queue', unit: 'value', target: 5, points: [] },
    ]);
  });
});
