import fc from 'fast-check';
import type { SimulationPoint } from '../simulator/types';
import { kedaL4SloTarget } from './__fixtures__/kedaL4Service';
import { ReplayCounter, countReplay } from './replayCounter';
import { runReplay } from './replayTimeline';
import type { TrafficSeries } from './types';

const target = kedaL4SloTarget;

describe('runReplay with onRecord', () => {
  it('hands over the syncs it would keep, counted the same (night schedule segments included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }), {
          minLength: 1,
          maxLength: 120,
        }),
        fc.option(
          fc.record({
            minReplicas: fc.integer({ min: 0, max: 3 }),
            fromHourUtc: fc.integer({ min: 0, max: 23 }),
            toHourUtc: fc.integer({ min: 0, max: 23 }),
          }),
          { nil: undefined },
        ),
        fc.integer({ min: 0, max: 23 }),
        (values, night, startHour) => {
          const traffic: TrafficSeries = {
            startMs: Date.UTC(2026, 11, 1, startHour, 0, 0),
            stepSeconds: 600,
            values: values.some(v => v !== null) ? values : [5, ...values],
          };
          const kept = runReplay(target, traffic, night);
          const streamed: SimulationPoint[] = [];
          const duration = traffic.values.length * traffic.stepSeconds;
          const counter = new ReplayCounter(duration, target);
          const run = runReplay(target, traffic, night, p => {
            streamed.push({ ...p });
            counter.add(p);
          });
          expect(run.records).toEqual([]);
          expect(run.timeline).toEqual(kept.timeline);
          // toEqual: a streamed point has its fields without a value as undefined.
          expect(streamed).toEqual(kept.records);
          expect(counter.finish()).toEqual(
            countReplay(kept.records, duration, target),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
