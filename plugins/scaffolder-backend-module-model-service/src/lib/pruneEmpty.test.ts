import { pruneEmpty } from './pruneEmpty';

describe('pruneEmpty', () => {
  it('drops undefined values and objects left empty, recursively', () => {
    expect(
      pruneEmpty({
        name: 'a',
        gpu: { sharing: undefined, migProfile: undefined },
        queue: { type: 'kafka', extra: { deeper: undefined } },
        batching: { preferredBatchSizes: [] },
        flag: false,
        zero: 0,
        empty: '',
      }),
    ).toEqual({
      name: 'a',
      queue: { type: 'kafka' },
      batching: { preferredBatchSizes: [] },
      flag: false,
      zero: 0,
      empty: '',
    });
  });

  it('leaves non-objects alone', () => {
    expect(pruneEmpty('x')).toBe('x');
    expect(pruneEmpty([1, {}])).toEqual([1, {}]);
  });
});
