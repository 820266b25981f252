import { fleetResponse } from '../../__fixtures__';
import { fleetRows, fleetTotals } from './fleetRows';

describe('fleetRows', () => {
  const rows = fleetRows(fleetResponse.services);
  const byName = Object.fromEntries(rows.map(r => [r.name, r]));

  it('derives severities, ranks and drift counts', () => {
    expect(byName['image-classifier']).toMatchObject({
      severities: ['none'],
      severityRank: 3,
      findingsTotal: 0,
      driftCount: 0,
      patternLabel: 'realtime-gpu',
    });
    expect(byName['batch-embedder']).toMatchObject({
      severities: ['error', 'warning', 'info'],
      severityRank: 0,
      findingsTotal: 10101,
    });
    expect(byName.summarizer).toMatchObject({
      severities: ['warning'],
      severityRank: 1,
      driftCount: 2,
    });
  });

  it('parses the entity ref for the link', () => {
    expect(byName['text-classifier'].ref).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'text-classifier',
    });
    expect(byName['text-classifier'].id).toBe(
      'component:default/text-classifier',
    );
  });

  it('labels a missing pattern so it can be filtered', () => {
    const [row] = fleetRows([
      { ...fleetResponse.services[0], pattern: undefined },
    ]);
    expect(row.patternLabel).toBe('unset');
  });

  it('sorts worst first by verdict, then findings, then name; equal rows keep one order', () => {
    const order = [...rows]
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
      .map(r => r.name);
    expect(order).toEqual([
      'batch-embedder',
      'summarizer',
      'text-classifier',
      'speech-recognizer',
      'image-classifier',
    ]);
    const twins = fleetRows([
      { ...fleetResponse.services[1], entityRef: 'component:default/b' },
      { ...fleetResponse.services[1], entityRef: 'component:default/a' },
    ]);
    expect(twins[1].sortKey < twins[0].sortKey).toBe(true);
  });

  it('counts a row without workloads and without a verdict as not deployed, not healthy', () => {
    const [row] = fleetRows([
      { ...fleetResponse.services[4], verdict: undefined },
    ]);
    expect(row.verdictOf.level).toBe('not-deployed');
    expect(row.deployed).toBe(false);
  });

  it('totals services, replicas, GPU replicas and verdicts', () => {
    expect(fleetTotals(rows)).toEqual({
      services: 5,
      replicas: 18,
      readyReplicas: 15,
      gpuReplicas: 12,
      failing: 1,
      atRisk: 2,
      notDeployed: 1,
      healthy: 1,
    });
  });
});
