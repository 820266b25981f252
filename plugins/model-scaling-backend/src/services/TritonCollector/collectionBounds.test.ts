import { capText, countSeries, modelNameProblem } from './collectionBounds';

describe('collectionBounds', () => {
  it('refuses model names that would walk or leave the proxied path', () => {
    for (const bad of [
      '',
      '.',
      '..',
      'a/b',
      '../x',
      'a\\b',
      'a\nb',
      'x'.repeat(257),
    ]) {
      expect(modelNameProblem(bad)).toMatch(/is not allowed/);
    }
    for (const good of [
      'resnet50',
      'bert-base_v2',
      'a.b',
      '..a',
      'ensemble.1',
    ]) {
      expect(modelNameProblem(good)).toBeUndefined();
    }
  });

  it('counts samples, not comments or blank lines', () => {
    expect(
      countSeries('# HELP a x\n# TYPE a counter\na{m="1"} 1\n\n  \na 2\r\nb 3'),
    ).toBe(3);
    expect(countSeries('')).toBe(0);
  });

  it('caps text to its limit, always', () => {
    for (const s of ['', 'a', 'abc', 'x'.repeat(1000)]) {
      for (const max of [1, 2, 3, 10, 999, 1000]) {
        const out = capText(s, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out === s).toBe(s.length <= max);
      }
    }
  });
});
