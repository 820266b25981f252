import { decodeState, encodeState } from './stateCodec';

describe('stateCodec', () => {
  it('round-trips Dates and Maps inside plain data', () => {
    const value = {
      at: new Date('2026-12-02T10:00:00.000Z'),
      stats: new Map<string, unknown>([
        ['resnet50', { at: new Date(5), doc: { model_stats: [1, 2] } }],
      ]),
      list: [new Date(7), 'x', 3, null],
      plain: { a: 1 },
    };
    const back = decodeState<typeof value>(encodeState(value));
    expect(back).toEqual(value);
    expect(back.at).toBeInstanceOf(Date);
    expect(back.stats).toBeInstanceOf(Map);
  });
});
