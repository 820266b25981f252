import { kedaL4SloTarget } from './__fixtures__/kedaL4Service';
import { ReplayCounter } from './replayCounter';

const target = kedaL4SloTarget;

describe('ReplayCounter', () => {
  it('counts each sync until the next, the last until the end, and the minutes that missed the SLO', () => {
    const point = (t: number, load: number, unservedRps = 0) => ({
      t,
      load,
      desiredReplicas: 1,
      readyReplicas: 1,
      unservedRps,
      perPodLoad: load,
      latencyMs: 50,
    });
    const seen: [number, number][] = [];
    const counter = new ReplayCounter(300, target, (p, s) =>
      seen.push([p.t, s]),
    );
    counter.add(point(0, 10));
    counter.add(point(120, 20, 5));
    counter.add(point(240, 10));
    expect(counter.finish()).toEqual({
      totalRequests: 10 * 120 + 20 * 120 + 10 * 60,
      unservedRequests: 5 * 120,
      sloMinutesMissed: 1,
    });
    expect(seen).toEqual([
      [0, 120],
      [120, 120],
      [240, 60],
    ]);
  });
});
