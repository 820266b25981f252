import fc from 'fast-check';
import type { FleetServiceRow, VerdictLevel } from '../types/status';
import { FleetRow, toFleetRow } from './fleetRow';
import {
  compareFleetRows,
  FLEET_SORT_COLUMNS,
  parseFleetQuery,
  queryFleet,
} from './fleetQuery';

function service(
  name: string,
  level: VerdictLevel,
  extra: Partial<FleetServiceRow> = {},
): FleetRow {
  return toFleetRow({
    entityRef: `component:default/${name}`,
    name,
    namespace: 'default',
    clusters: level === 'not-deployed' ? [] : ['prod'],
    autoscalerType: 'hpa',
    replicas: { current: 2, ready: 2 },
    gpuMode: 'none',
    findings: { error: 0, warning: 0, info: 0 },
    drift: [],
    clusterErrors: [],
    verdict: { level, headline: level, reasons: [] },
    ...extra,
  });
}

const parsed = (params: Record<string, string>) => {
  const result = parseFleetQuery(params);
  if ('error' in result) throw new Error(result.error);
  return result.query;
};

describe('parseFleetQuery', () => {
  it('defaults to the first 50 rows, worst verdict first', () => {
    expect(parsed({})).toEqual({
      offset: 0,
      limit: 50,
      sort: 'verdict',
      order: 'asc',
    });
  });

  it('reads filters as comma-separated lists', () => {
    expect(
      parsed({
        verdict: 'failing,at-risk',
        pattern: 'bursty, unset',
        drifted: 'true',
        q: 'bert',
      }),
    ).toMatchObject({
      verdict: ['failing', 'at-risk'],
      pattern: ['bursty', 'unset'],
      drifted: true,
      q: 'bert',
    });
  });

  it.each([
    [
      { limit: '201' },
      "Invalid query parameter 'limit': limit must be between 1 and 200",
    ],
    [
      { limit: '0' },
      "Invalid query parameter 'limit': limit must be between 1 and 200",
    ],
    [
      { offset: '-1' },
      "Invalid query parameter 'offset': offset must be a whole number",
    ],
    [
      { sort: 'cost' },
      "Invalid query parameter 'sort': sort must be one of verdict, name, owner, pattern, cluster, replicas, gpus, findings, drift, batch",
    ],
    [
      { order: 'up' },
      "Invalid query parameter 'order': order must be asc or desc",
    ],
    [
      { verdict: 'green' },
      "Invalid query parameter 'verdict': verdict must be a comma-separated list of failing, at-risk, not-deployed, healthy",
    ],
    [
      { drifted: 'yes' },
      "Invalid query parameter 'drifted': drifted must be true or false",
    ],
    [
      { limit: ['1', '2'] },
      "Invalid query parameter 'limit': limit must be given once, as a number",
    ],
    [
      { page: '2' },
      "Unknown query parameter 'page': allowed are offset, limit, sort, order, verdict, pattern, owner, cluster, drifted, q",
    ],
  ])('refuses %j naming the parameter and the rule', (params, message) => {
    expect(parseFleetQuery(params)).toEqual({ error: message });
  });
});

describe('queryFleet', () => {
  const rows = [
    service('a-healthy', 'healthy'),
    service('b-failing', 'failing', {
      findings: { error: 1, warning: 0, info: 0 },
    }),
    service('c-new', 'not-deployed'),
    service('d-risk', 'at-risk', {
      owner: 'group:default/ml',
      pattern: 'bursty',
      drift: [{ field: 'x', expected: '1', actual: '2' }],
    }),
    service('e-risk', 'at-risk', {
      findings: { error: 0, warning: 2, info: 0 },
    }),
  ];

  it('sorts worst first: failing, at risk (most findings first), not deployed, healthy', () => {
    expect(queryFleet(rows, parsed({})).rows.map(r => r.name)).toEqual([
      'b-failing',
      'e-risk',
      'd-risk',
      'c-new',
      'a-healthy',
    ]);
  });

  it('pages with nextOffset until the last page', () => {
    const first = queryFleet(rows, parsed({ limit: '2' }));
    expect(first).toMatchObject({ total: 5, nextOffset: 2 });
    const last = queryFleet(rows, parsed({ limit: '2', offset: '4' }));
    expect(last.rows.map(r => r.name)).toEqual(['a-healthy']);
    expect(last.nextOffset).toBeUndefined();
  });

  it('filters by verdict, pattern, owner, drift and text', () => {
    const names = (params: Record<string, string>) =>
      queryFleet(rows, parsed(params)).rows.map(r => r.name);
    expect(names({ verdict: 'not-deployed' })).toEqual(['c-new']);
    expect(names({ pattern: 'bursty' })).toEqual(['d-risk']);
    expect(names({ pattern: 'unset', verdict: 'healthy' })).toEqual([
      'a-healthy',
    ]);
    expect(names({ owner: 'group:default/ml' })).toEqual(['d-risk']);
    expect(names({ drifted: 'true' })).toEqual(['d-risk']);
    expect(names({ drifted: 'false' })).toHaveLength(4);
    expect(names({ q: 'RISK' })).toEqual(['e-risk', 'd-risk']);
    expect(names({ cluster: 'prod', verdict: 'healthy,failing' })).toEqual([
      'b-failing',
      'a-healthy',
    ]);
  });

  it('never lets equal rows swap: any order of the input gives the same pages', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      service(`s${i % 7}-${i}`, (['healthy', 'at-risk'] as const)[i % 2], {
        replicas: { current: i % 3, ready: 0 },
      }),
    );
    fc.assert(
      fc.property(
        fc.shuffledSubarray(many, { minLength: many.length }),
        fc.constantFrom(...FLEET_SORT_COLUMNS),
        fc.constantFrom('asc' as const, 'desc' as const),
        (shuffled, sort, order) => {
          const a = queryFleet(
            shuffled,
            parsed({ sort, order, limit: '7', offset: '7' }),
          );
          const b = queryFleet(
            many,
            parsed({ sort, order, limit: '7', offset: '7' }),
          );
          expect(a.rows.map(r => r.entityRef)).toEqual(
            b.rows.map(r => r.entityRef),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('descending reverses the column but keeps the tie-break ascending', () => {
    const cmp = compareFleetRows('replicas', 'desc');
    const x = service('x', 'healthy');
    const y = service('y', 'healthy');
    expect(cmp(x, y)).toBeLessThan(0);
    expect(cmp(y, x)).toBeGreaterThan(0);
  });
});
