import { fleetResponse } from '../../__fixtures__';
import { fleetRows } from './fleetRows';

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
});
