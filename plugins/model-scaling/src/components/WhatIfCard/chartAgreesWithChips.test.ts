import {
  simulateAutoscaler,
  whatIfDefaults,
  simulationInputFromWorkload,
} from '@internal/plugin-model-scaling-common';
import { textClassifierStatus } from '../../__fixtures__';
import { chartPoints, summarizeSimulation } from './simulationSummary';

/** A day short of capacity: the maximum replicas far below the peak. */
const cases = [
  {
    name: 'text-classifier capped at 3 replicas',
    workload: textClassifierStatus.workloads[0],
    context: { pattern: 'realtime-cpu' as const, latencySloMs: 100 },
    maxReplicas: 3,
  },
  {
    name: 'text-classifier capped at 2 replicas with a tight SLO',
    workload: textClassifierStatus.workloads[0],
    context: { pattern: 'realtime-cpu' as const, latencySloMs: 20 },
    maxReplicas: 2,
  },
];

describe('the what-if chips and charts tell the same story', () => {
  it.each(cases.map(c => [c.name, c] as const))('%s', (_name, c) => {
    const { settings, model } = whatIfDefaults(c.workload, c.context);
    const result = simulateAutoscaler(
      simulationInputFromWorkload(
        c.workload,
        {
          ...settings,
          maxReplicas: c.maxReplicas,
        },
        model,
      ),
    );
    const summary = summarizeSimulation(result, c.context.latencySloMs);
    const points = chartPoints(result.timeline, 300, c.context.latencySloMs);
    const sum = (f: (p: (typeof points)[number]) => number) =>
      points.reduce((s, p) => s + f(p), 0);
    // the chips' minutes are what the charts' red areas add up to
    expect(summary.minutesUnderProvisioned).toBeGreaterThan(0);
    expect(sum(p => p.shortMinutes)).toBeCloseTo(
      summary.minutesUnderProvisioned,
      6,
    );
    expect(sum(p => p.overSloMinutes)).toBeCloseTo(summary.minutesOverSlo!, 6);
    // the load the chart shows as unserved is there whenever a minute is short
    expect(
      points.filter(p => p.shortMinutes > 0).every(p => p.unserved > 0),
    ).toBe(true);
  });
});
