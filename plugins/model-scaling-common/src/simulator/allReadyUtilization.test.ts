import fc from 'fast-check';
import {
  HpaPodSample,
  allReadyUtilization,
  groupedUtilizationReplicas,
} from './hpaReplicaRecommendation';

describe('allReadyUtilization', () => {
  const pod: fc.Arbitrary<HpaPodSample> = fc.record(
    {
      state: fc.constantFrom<HpaPodSample['state']>(
        'ready',
        'ready',
        'ready',
        'unready',
        'missing',
      ),
      value: fc.integer({ min: 0, max: 5000 }),
      request: fc.integer({ min: 0, max: 2000 }),
      count: fc.integer({ min: -1, max: 60 }),
    },
    { requiredKeys: ['state'] },
  );

  it('agrees with the replica calculator’s general path whenever it answers, and answers for all-ready pods', () => {
    fc.assert(
      fc.property(
        fc.array(pod, { maxLength: 4 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (pods, target, current, up, down) => {
          const m = {
            kind: 'utilization' as const,
            name: 'cpu',
            targetUtilization: target,
            pods,
          };
          const tol = { scaleUp: up, scaleDown: down };
          const fast = allReadyUtilization(m, current, tol);
          const general = groupedUtilizationReplicas(m, current, tol);
          expect(fast ?? general).toEqual(general);
          const counted = pods.filter(p => (p.count ?? 1) > 0);
          const allReady =
            counted.length > 0 &&
            counted.every(
              p =>
                p.state === 'ready' &&
                p.value !== undefined &&
                p.request !== undefined,
            ) &&
            counted.some(p => (p.request ?? 0) > 0);
          expect(fast !== undefined).toBe(allReady);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
