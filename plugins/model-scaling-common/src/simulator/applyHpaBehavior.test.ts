import type { HpaBehavior } from '../types/status';
import {
  applyHpaBehavior,
  emptyHpaHistory,
  HpaHistory,
} from './applyHpaBehavior';

function run(
  steps: { t: number; desired: number }[],
  opts: { current: number; min?: number; max?: number; behavior?: HpaBehavior },
) {
  let current = opts.current;
  let history: HpaHistory = emptyHpaHistory();
  const out: number[] = [];
  for (const s of steps) {
    const r = applyHpaBehavior({
      now: s.t,
      currentReplicas: current,
      desiredReplicas: s.desired,
      minReplicas: opts.min ?? 1,
      maxReplicas: opts.max ?? 100,
      behavior: opts.behavior,
      history,
    });
    history = r.history;
    current = r.replicas;
    out.push(current);
  }
  return out;
}

const every15 = (n: number, desired: (i: number) => number) =>
  Array.from({ length: n }, (_, i) => ({ t: i * 15, desired: desired(i) }));

describe('applyHpaBehavior without behavior', () => {
  it('caps a scale-up at max(2 × current, 4)', () => {
    const r = applyHpaBehavior({
      now: 0,
      currentReplicas: 1,
      desiredReplicas: 40,
      minReplicas: 1,
      maxReplicas: 50,
      history: emptyHpaHistory(),
    });
    expect(r).toMatchObject({ replicas: 4, limitReason: 'ScaleUpLimit' });
    expect(
      run(
        every15(4, () => 40),
        { current: 1, max: 50 },
      ),
    ).toEqual([4, 8, 16, 32]);
    expect(
      run(
        every15(2, () => 40),
        { current: 5, max: 8 },
      ),
    ).toEqual([8, 8]);
  });

  it('holds a scale-down for 300 s (max of recent recommendations)', () => {
    // Load drops at t=0: desired 3 from then on, current 10 and recommendation 10 at t=-15.
    const steps = [{ t: -15, desired: 10 }, ...every15(23, () => 3)];
    const out = run(steps, { current: 10 });
    // t = -15 … 285 still sees the 10 recommended at t = -15 (cutoff inclusive); t = 300 no longer does.
    expect(out.slice(0, 21)).toEqual(Array(21).fill(10));
    expect(out[21]).toBe(3);
  });

  it('clamps to min and max', () => {
    expect(
      applyHpaBehavior({
        now: 0,
        currentReplicas: 3,
        desiredReplicas: 0,
        minReplicas: 2,
        maxReplicas: 10,
        history: emptyHpaHistory(),
      }),
    ).toMatchObject({
      replicas: 2,
      limitReason: 'TooFewReplicas',
    });
    expect(
      applyHpaBehavior({
        now: 0,
        currentReplicas: 8,
        desiredReplicas: 30,
        minReplicas: 2,
        maxReplicas: 10,
        history: emptyHpaHistory(),
      }),
    ).toMatchObject({
      replicas: 10,
      limitReason: 'TooManyReplicas',
    });
  });
});

describe('applyHpaBehavior with behavior', () => {
  it('applies the default 300 s scale-down window when behavior sets only scale-up', () => {
    const out = run(
      [
        { t: 0, desired: 10 },
        ...every15(21, () => 2).map(s => ({ ...s, t: s.t + 15 })),
      ],
      {
        current: 10,
        behavior: { scaleUp: { stabilizationWindowSeconds: 0 } },
      },
    );
    // Recommendation 10 at t=0 counts while t - 0 < 300 (exclusive cutoff with behavior).
    expect(out.slice(0, 20)).toEqual(Array(20).fill(10));
    expect(out[20]).toBe(2);
  });

  it('stabilizes scale-down over an explicit window', () => {
    const behavior: HpaBehavior = {
      scaleDown: { stabilizationWindowSeconds: 60 },
    };
    const out = run(
      [
        { t: 0, desired: 10 },
        { t: 15, desired: 4 },
        { t: 30, desired: 4 },
        { t: 45, desired: 4 },
        { t: 60, desired: 4 },
      ],
      {
        current: 10,
        behavior,
      },
    );
    expect(out).toEqual([10, 10, 10, 10, 4]);
  });

  it('stabilizes scale-up over its window (min of recent recommendations)', () => {
    const behavior: HpaBehavior = {
      scaleUp: { stabilizationWindowSeconds: 60 },
    };
    const out = run(
      [
        { t: 0, desired: 2 },
        { t: 15, desired: 8 },
        { t: 30, desired: 8 },
        { t: 45, desired: 8 },
        { t: 60, desired: 8 },
      ],
      {
        current: 2,
        behavior,
      },
    );
    // Once the 2 at t=0 leaves the window the default policies allow max(2 + 4 pods, 2 × 2) = 6.
    expect(out).toEqual([2, 2, 2, 2, 6]);
    const r = applyHpaBehavior({
      now: 15,
      currentReplicas: 2,
      desiredReplicas: 8,
      minReplicas: 1,
      maxReplicas: 10,
      behavior,
      history: {
        recommendations: [{ t: 0, replicas: 2 }],
        scaleUpEvents: [],
        scaleDownEvents: [],
      },
    });
    expect(r.ableToScaleReason).toBe('ScaleUpStabilized');
  });

  it('limits scale-up with a Pods policy over its period', () => {
    const behavior: HpaBehavior = {
      scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
    };
    const out = run(
      every15(6, () => 20),
      { current: 4, behavior },
    );
    // +2 at t=0, then blocked until the event leaves the 60 s period at t=60, +2 again.
    expect(out).toEqual([6, 6, 6, 6, 8, 8]);
  });

  it('limits scale-down with a Percent policy (truncated)', () => {
    const behavior: HpaBehavior = {
      scaleDown: {
        stabilizationWindowSeconds: 0,
        policies: [{ type: 'Percent', value: 50, periodSeconds: 30 }],
      },
    };
    const out = run(
      every15(5, () => 1),
      { current: 10, behavior },
    );
    // 10 → int(10 × 0.5)=5; at t=15 the period started at 10 → 5 again (no change);
    // at t=30 the t=0 event is out of the 30 s period → int(5 × 0.5)=2; then 1.
    expect(out).toEqual([5, 5, 2, 2, 1]);
  });

  it('rounds Percent scale-up policies up', () => {
    const behavior: HpaBehavior = {
      scaleUp: {
        policies: [{ type: 'Percent', value: 10, periodSeconds: 15 }],
      },
    };
    expect(run([{ t: 0, desired: 30 }], { current: 3, behavior })).toEqual([4]);
  });

  it('picks the largest change with selectPolicy Max and the smallest with Min', () => {
    const policies = [
      { type: 'Pods', value: 4, periodSeconds: 60 },
      { type: 'Percent', value: 100, periodSeconds: 60 },
    ];
    expect(
      run([{ t: 0, desired: 40 }], {
        current: 2,
        behavior: { scaleUp: { selectPolicy: 'Max', policies } },
      }),
    ).toEqual([6]);
    expect(
      run([{ t: 0, desired: 40 }], {
        current: 2,
        behavior: { scaleUp: { selectPolicy: 'Min', policies } },
      }),
    ).toEqual([4]);
    expect(
      run([{ t: 0, desired: 40 }], {
        current: 10,
        behavior: { scaleUp: { selectPolicy: 'Min', policies } },
      }),
    ).toEqual([14]);
  });

  it('never scales in a direction whose selectPolicy is Disabled', () => {
    const behavior: HpaBehavior = {
      scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 },
    };
    expect(
      run(
        every15(3, () => 1),
        { current: 6, behavior },
      ),
    ).toEqual([6, 6, 6]);
    expect(
      run(
        every15(1, () => 9),
        { current: 6, behavior },
      ),
    ).toEqual([9]);
    const noUp: HpaBehavior = { scaleUp: { selectPolicy: 'Disabled' } };
    expect(
      run(
        every15(2, () => 20),
        { current: 3, behavior: noUp },
      ),
    ).toEqual([3, 3]);
  });

  it('counts scale-downs within the period when limiting scale-ups', () => {
    // A scale-down of 4 in the period raises the period start: 6 - 0 + 4 = 10, +2 pods → 12.
    const r = applyHpaBehavior({
      now: 30,
      currentReplicas: 6,
      desiredReplicas: 20,
      minReplicas: 1,
      maxReplicas: 30,
      behavior: {
        scaleUp: { policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] },
      },
      history: {
        recommendations: [],
        scaleUpEvents: [],
        scaleDownEvents: [{ t: 0, change: 4 }],
      },
    });
    expect(r.replicas).toBe(12);
  });
});
