import fc from 'fast-check';
import { applyResolvedHpaBehavior, emptyHpaHistory } from './applyHpaBehavior';
import { resolveHpaBehavior } from './hpaBehaviorDefaults';
import { HpaNormalizer, WindowExtreme } from './hpaNormalizer';
import type { HpaBehavior, HpaScalingPolicy } from '../types/status';

const policy: fc.Arbitrary<HpaScalingPolicy> = fc.record({
  type: fc.constantFrom('Pods', 'Percent'),
  value: fc.integer({ min: 1, max: 200 }),
  periodSeconds: fc.integer({ min: 1, max: 600 }),
});

const rules = fc.record(
  {
    stabilizationWindowSeconds: fc.integer({ min: 0, max: 600 }),
    selectPolicy: fc.constantFrom('Max', 'Min', 'Disabled'),
    policies: fc.array(policy, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const behavior: fc.Arbitrary<HpaBehavior | undefined> = fc.option(
  fc.record({ scaleUp: rules, scaleDown: rules }, { requiredKeys: [] }),
  { nil: undefined },
);

describe('WindowExtreme', () => {
  it('keeps its answers across the compaction of a long queue', () => {
    // Rising values with a 100 s window: the min queue holds ~100 entries and
    // its head moves every step, so the arrays are compacted again and again.
    const min = new WindowExtreme('min');
    const max = new WindowExtreme('max');
    const values: number[] = [];
    for (let t = 0; t < 1000; t++) {
      const v = t % 250 < 200 ? t : 1000 - t;
      const cutoff = t - 100;
      const inWindow = values.filter((_, i) => i > cutoff);
      expect(min.extreme(cutoff, false, v)).toBe(Math.min(v, ...inWindow));
      expect(max.extreme(cutoff, false, v)).toBe(Math.max(v, ...inWindow));
      min.push(t, v);
      max.push(t, v);
      values.push(v);
    }
  });

  it('answers the max and min over a moving cutoff like a scan of every value', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            dt: fc.integer({ min: 0, max: 40 }),
            value: fc.integer({ min: 0, max: 50 }),
            window: fc.integer({ min: 0, max: 120 }),
          }),
          { maxLength: 80 },
        ),
        fc.boolean(),
        (steps, inclusive) => {
          const max = new WindowExtreme('max');
          const min = new WindowExtreme('min');
          const all: { t: number; value: number }[] = [];
          let t = 0;
          let lastCutoff = Number.NEGATIVE_INFINITY;
          for (const step of steps) {
            t += step.dt;
            // The cutoff never moves backwards, as in a simulation with a fixed window.
            const cutoff = Math.max(lastCutoff, t - step.window);
            lastCutoff = cutoff;
            const inWindow = all.filter(r =>
              inclusive ? r.t >= cutoff : r.t > cutoff,
            );
            const fallback = step.value;
            expect(max.extreme(cutoff, inclusive, fallback)).toBe(
              Math.max(fallback, ...inWindow.map(r => r.value)),
            );
            expect(min.extreme(cutoff, inclusive, fallback)).toBe(
              Math.min(fallback, ...inWindow.map(r => r.value)),
            );
            max.push(t, step.value);
            min.push(t, step.value);
            all.push({ t, value: step.value });
          }
        },
      ),
    );
  });
});

describe('HpaNormalizer', () => {
  it('gives the same replicas and limit reasons as applyResolvedHpaBehavior over a history', () => {
    fc.assert(
      fc.property(
        behavior,
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 120 }),
        fc.integer({ min: 1, max: 60 }),
        (spec, window, min, extra, initial, desired, sync) => {
          const max = min + extra;
          const resolved = spec ? resolveHpaBehavior(spec, window) : undefined;
          const normalizer = new HpaNormalizer(resolved, window, min, max);
          const history = emptyHpaHistory();
          let current = initial;
          let currentFast = initial;
          normalizer.seed(0, initial);
          history.recommendations.push({ t: 0, replicas: initial });
          desired.forEach((d, i) => {
            const now = i * sync;
            const reference = applyResolvedHpaBehavior(
              {
                now,
                currentReplicas: current,
                desiredReplicas: d,
                minReplicas: min,
                maxReplicas: max,
                history,
              },
              resolved,
              window,
            );
            const fast = normalizer.normalize(now, currentFast, d);
            expect(fast).toEqual({
              replicas: reference.replicas,
              limitReason: reference.limitReason,
            });
            current = reference.replicas;
            currentFast = fast.replicas;
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
