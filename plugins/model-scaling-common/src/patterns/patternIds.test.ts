import { PATTERN_IDS, isPatternId } from './patternIds';

describe('PATTERN_IDS', () => {
  it('lists the four golden paths', () => {
    expect(PATTERN_IDS).toEqual([
      'realtime-cpu',
      'realtime-gpu',
      'async-batch',
      'bursty',
    ]);
  });

  it('recognises pattern ids and nothing else', () => {
    expect(isPatternId('bursty')).toBe(true);
    expect(isPatternId('Bursty')).toBe(false);
    expect(isPatternId('realtime')).toBe(false);
    expect(isPatternId(3)).toBe(false);
  });
});
