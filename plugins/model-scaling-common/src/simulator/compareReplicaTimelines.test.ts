import { compareReplicaTimelines, observedAt } from './compareReplicaTimelines';

const predicted = [
  { t: 0, replicas: 1 },
  { t: 15, replicas: 1 },
  { t: 30, replicas: 4 },
  { t: 45, replicas: 4 },
  { t: 60, replicas: 4 },
  { t: 75, replicas: 1 },
];

describe('observedAt', () => {
  it('takes the last sample at or before t', () => {
    const observed = [
      { t: 2, replicas: 1 },
      { t: 33, replicas: 4 },
    ];
    expect(observedAt(observed, 0)).toBeUndefined();
    expect(observedAt(observed, 2)).toBe(1);
    expect(observedAt(observed, 32.9)).toBe(1);
    expect(observedAt(observed, 40)).toBe(4);
  });
});

describe('compareReplicaTimelines', () => {
  it('agrees when the observation follows the prediction', () => {
    const r = compareReplicaTimelines({
      predicted,
      observed: [
        { t: 0, replicas: 1 },
        { t: 29, replicas: 4 },
        { t: 74, replicas: 1 },
      ],
      periodSeconds: 15,
    });
    expect(r).toMatchObject({
      stepsCompared: 6,
      stepsAgreeing: 6,
      largestDifference: 0,
    });
  });

  it('allows a change one period late or early, and reports the raw difference', () => {
    const r = compareReplicaTimelines({
      predicted,
      observed: [
        { t: 0, replicas: 1 },
        { t: 41, replicas: 4 }, // 11 s late: t=30 sees 1, prediction 4 at 30, 1 at 15
        { t: 66, replicas: 1 }, // 9 s early: t=75 predicted 1 already
      ],
      periodSeconds: 15,
    });
    expect(r.stepsAgreeing).toBe(6);
    expect(r.largestDifference).toBe(3);
  });

  it('reports steps that differ beyond one period', () => {
    const r = compareReplicaTimelines({
      predicted,
      observed: [
        { t: 0, replicas: 1 },
        { t: 29, replicas: 4 },
        { t: 44, replicas: 0 },
      ],
      periodSeconds: 15,
    });
    expect(r.disagreements.map(s => s.t)).toEqual([45, 60, 75]);
    expect(r.stepsAgreeing).toBe(3);
    expect(r.largestDifference).toBe(4);
  });

  it('accepts a count in between while the prediction changes', () => {
    const r = compareReplicaTimelines({
      predicted,
      observed: [
        { t: 0, replicas: 1 },
        { t: 25, replicas: 3 },
        { t: 40, replicas: 4 },
      ],
      periodSeconds: 15,
    });
    expect(r.steps.find(s => s.t === 30)).toMatchObject({
      observed: 3,
      agrees: true,
    });
    expect(r.stepsAgreeing).toBe(6);
  });

  it('skips steps before the first observation and rejects a negative period', () => {
    expect(
      compareReplicaTimelines({
        predicted,
        observed: [{ t: 50, replicas: 4 }],
        periodSeconds: 15,
      }).stepsCompared,
    ).toBe(2);
    expect(() =>
      compareReplicaTimelines({ predicted, observed: [], periodSeconds: -1 }),
    ).toThrow('periodSeconds');
  });
});
