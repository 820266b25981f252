import fc from 'fast-check';
import { boundedCopy, CopyState } from './boundedCopy';

const state = (): CopyState => ({
  limits: { maxStringLength: 40, maxArrayItems: 4, maxDepth: 3 },
  truncated: [],
  jsonBound: 0,
});

describe('boundedCopy', () => {
  it('names the path of what it cuts', () => {
    const s = state();
    const copy = boundedCopy(
      {
        a: { list: [1, 2, 3, 4, 5, 6], text: 'x'.repeat(50) },
        deep: { b: { c: { d: 1 } } },
      },
      { key: 'spec' },
      0,
      s,
    );
    expect(copy).toEqual({
      a: { list: [1, 2, 3, 4], text: `${'x'.repeat(40)}…` },
      deep: { b: {} },
    });
    expect(s.truncated).toEqual([
      'spec.a.list: first 4 of 6 items',
      'spec.a.text: first 40 of 50 characters',
      'spec.deep.b.c: nested deeper than 3',
    ]);
  });

  it('names list items by index', () => {
    const s = state();
    boundedCopy([{ t: 'y'.repeat(41) }], { key: 'status' }, 0, s);
    expect(s.truncated).toEqual(['status[0].t: first 40 of 41 characters']);
  });

  it('property: its size bound is never below the length of the copy as JSON', () => {
    fc.assert(
      fc.property(
        fc.anything({
          maxDepth: 5,
          withDate: true,
          withBigInt: true,
          withNullPrototype: true,
        }),
        value => {
          const s = state();
          const copy = boundedCopy(value, { key: 'v' }, 0, s);
          const length = copy === undefined ? 0 : JSON.stringify(copy).length;
          expect(s.jsonBound).toBeGreaterThanOrEqual(length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
