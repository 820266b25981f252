import { formatMemory, isQuantity } from './quantity';

describe('quantity', () => {
  it('accepts the quantities Kubernetes users write', () => {
    for (const q of ['500m', '2', '1.5', '1Gi', '512Mi', '1G', '1e3', '.5']) {
      expect(isQuantity(q)).toBe(true);
    }
    for (const q of ['', '1 Gi', '1gi', '-1', 'Gi', '1.2.3', 'lots', ' 1Gi']) {
      expect(isQuantity(q)).toBe(false);
    }
  });

  it('formats memory in binary units, rounding up', () => {
    expect(formatMemory(8 * 1024 ** 3)).toBe('8Gi');
    expect(formatMemory(1.5 * 1024 ** 3)).toBe('1536Mi');
    expect(formatMemory(1024 ** 2 + 1)).toBe('2Mi');
  });
});
