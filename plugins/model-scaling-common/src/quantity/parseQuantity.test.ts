import fc from 'fast-check';
import {
  parseQuantity,
  QuantityError,
  tryParseQuantity,
} from './parseQuantity';

describe('parseQuantity', () => {
  it.each([
    ['500m', 0.5],
    ['250m', 0.25],
    ['2', 2],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['3.', 3],
    ['1Gi', 1073741824],
    ['512Mi', 536870912],
    ['128Ki', 131072],
    ['1G', 1e9],
    ['10k', 10000],
    ['100M', 1e8],
    ['1e3', 1000],
    ['1E3', 1000],
    ['5e-1', 0.5],
    ['2e+2', 200],
    ['100u', 1e-4],
    ['100n', 1e-7],
    ['-1', -1],
    ['+4', 4],
    ['0', 0],
  ])('parses %s', (input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected, 12);
  });

  it('passes numbers through', () => {
    expect(parseQuantity(42)).toBe(42);
  });

  it.each(['', 'abc', '1Gb', '1 Gi', 'm', '1.2.3', '--1', '1e', '0x10', '1ki'])(
    'rejects %j',
    input => {
      expect(() => parseQuantity(input)).toThrow(QuantityError);
    },
  );

  it('names the field in the error', () => {
    expect(() =>
      parseQuantity('lots', 'spec.metrics[0].resource.target.averageValue'),
    ).toThrow(
      'spec.metrics[0].resource.target.averageValue: "lots" is not a Kubernetes quantity',
    );
  });

  it('tryParseQuantity gives undefined instead of throwing', () => {
    expect(tryParseQuantity('1Gi')).toBe(1073741824);
    expect(tryParseQuantity('nope')).toBeUndefined();
    expect(tryParseQuantity(undefined)).toBeUndefined();
    expect(tryParseQuantity({})).toBeUndefined();
  });

  it('round-trips millicores and mebibytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), n => {
        expect(parseQuantity(`${n}m`)).toBeCloseTo(n / 1000, 9);
        expect(parseQuantity(`${n}Mi`)).toBe(n * 1048576);
        expect(parseQuantity(`${n}`)).toBe(n);
      }),
    );
  });
});
