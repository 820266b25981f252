import fc from 'fast-check';
import type { FleetServiceRow, VerdictLevel } from '../types/status';
import { FleetRow, toFleetRow } from './fleetRow';
import {
  addToFleetTotals,
  emptyFleetTotals,
  fleetTotalsOf,
} from './fleetTotals';

const rowArb: fc.Arbitrary<FleetRow> = fc
  .record({
    name: fc.stringMatching(/^[a-z]{1,6}$/),
    level: fc.constantFrom<VerdictLevel>(
      'healthy',
      'at-risk',
      'failing',
      'not-deployed',
    ),
    current: fc.nat(20),
    ready: fc.nat(20),
    gpus: fc.nat(8),
    drift: fc.boolean(),
  })
  .map(r =>
    toFleetRow({
      entityRef: `component:default/${r.name}`,
      name: r.name,
      namespace: 'default',
      clusters: r.level === 'not-deployed' ? [] : ['c'],
      autoscalerType: 'hpa',
      replicas: { current: r.current, ready: r.ready },
      gpuMode: r.gpus > 0 ? 'exclusive' : 'none',
      gpusInUse: r.gpus,
      findings: { error: 0, warning: 0, info: 0 },
      drift: r.drift ? [{ field: 'f', expected: '1', actual: '2' }] : [],
      clusterErrors: [],
      verdict: { level: r.level, headline: '', reasons: [] },
    } satisfies FleetServiceRow),
  );

describe('fleet totals', () => {
  it('counts services by verdict, deployed or not, replicas, GPUs and drift', () => {
    const [a, b] = fc.sample(rowArb, { numRuns: 2, seed: 1 });
    const t = fleetTotalsOf([a, b]);
    expect(t.services).toBe(2);
    expect(t.deployed + t.notDeployed).toBe(2);
    expect(t.replicas).toBe(a.replicas.current + b.replicas.current);
    expect(t.gpusInUse).toBe(a.gpusInUse + b.gpusInUse);
  });

  it('adding and removing rows in any order equals counting the final rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), fc.option(rowArb, { nil: undefined }))),
        steps => {
          const current = new Map<number, FleetRow>();
          const totals = emptyFleetTotals();
          for (const [key, row] of steps) {
            const old = current.get(key);
            if (old) addToFleetTotals(totals, old, -1);
            if (row) {
              addToFleetTotals(totals, row, 1);
              current.set(key, row);
            } else current.delete(key);
          }
          expect(totals).toEqual(fleetTotalsOf(current.values()));
        },
      ),
    );
  });
});
