import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { replicasWithoutThroughputRule } from './replicasWithoutThroughput';

const now = '2026-11-28T10:30:00Z';
const history = (points: [string, number, number][]) =>
  points.map(([at, replicas, requestsPerSecond]) => ({
    at,
    replicas,
    requestsPerSecond,
  }));

describe('replicas-without-throughput', () => {
  it('flags replicas tripling while requests stay flat', () => {
    const ctx = buildWorkloadModel({
      now,
      throughputHistory: history([
        ['2026-11-28T10:05:00Z', 4, 410],
        ['2026-11-28T10:15:00Z', 8, 420],
        ['2026-11-28T10:25:00Z', 12, 415],
      ]),
    });
    const [f] = replicasWithoutThroughputRule.evaluate(ctx);
    expect(f).toMatchObject({
      id: 'replicas-without-throughput',
      severity: 'warning',
    });
    expect(f.evidence).toBe(
      'Over 20 min: 4 → 12 replicas while served requests went 410 → 415 req/s (per replica 102.5 → 34.6).',
    );
  });

  it('stays quiet when throughput follows the replicas, or the rise is older than 30 minutes', () => {
    const healthy = history([
      ['2026-11-28T10:05:00Z', 4, 410],
      ['2026-11-28T10:25:00Z', 12, 1190],
    ]);
    expect(
      replicasWithoutThroughputRule.evaluate(
        buildWorkloadModel({ now, throughputHistory: healthy }),
      ),
    ).toEqual([]);
    const old = history([
      ['2026-11-28T09:00:00Z', 4, 410],
      ['2026-11-28T09:20:00Z', 12, 415],
    ]);
    expect(
      replicasWithoutThroughputRule.evaluate(
        buildWorkloadModel({ now, throughputHistory: old }),
      ),
    ).toEqual([]);
  });

  it('ignores small changes', () => {
    const small = history([
      ['2026-11-28T10:05:00Z', 2, 200],
      ['2026-11-28T10:25:00Z', 3, 200],
    ]);
    expect(
      replicasWithoutThroughputRule.evaluate(
        buildWorkloadModel({ now, throughputHistory: small }),
      ),
    ).toEqual([]);
  });
});
