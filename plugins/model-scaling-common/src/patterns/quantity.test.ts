import { formatMemory, isQuantity, quantityValue } from './quantity';

describe('quantity', () => {
  it('accepts the quantities Kubernetes users write', () => {
    for (const q of ['500m', '2', '1.5', '1Gi', '512Mi', '1G', '1e3', '.5']) {
      expect(isQuantity(q)).toBe(true);
    }
    for (const q of ['', '1 Gi', '1gi', '-1', 'Gi', '1.2.3', 'lots']) {
      expect(isQuantity(q)).toBe(false);
    }
  });

  it('converts quantities to numbers', () => {
    expect(quantityValue('500m')).toBe(0.5);
    expect(quantityValue('2')).toBe(2);
    expect(quantityValue('1Gi')).toBe(1073741824);
    expect(quantityValue('1.5Gi')).toBe(1610612736);
    expect(quantityValue('1G')).toBe(1e9);
    expect(quantityValue('1e3')).toBe(1000);
    expect(() => quantityValue('x')).toThrow('not a Kubernetes quantity');
  });

  it('formats memory in binary units, rounding up', () => {
    expect(formatMemory(8 * 1024 ** 3)).toBe('8Gi');
    expect(formatMemory(1.5 * 1024 ** 3)).toBe('1536Mi');
    expect(formatMemory(1024 ** 2 + 1)).toBe('2Mi');
  });
});
