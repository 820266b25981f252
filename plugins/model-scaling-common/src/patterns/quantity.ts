/*
 * Kubernetes resource quantities, as far as presets and plans need them:
 * validation and conversion of CPU and memory requests.
 */

const QUANTITY = /^(\d+(?:\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;

const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** True when `value` is a non-negative Kubernetes quantity such as `500m`, `2` or `1.5Gi`. */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** The numeric value of a quantity (`500m` → 0.5, `1Gi` → 1073741824); throws on anything else. */
export function quantityValue(value: string): number {
  const match = QUANTITY.exec(value);
  if (!match) {
    throw new Error(`"${value}" is not a Kubernetes quantity`);
  }
  const [, num, suffix = ''] = match;
  if (/^[eE]/.test(suffix)) {
    return Number(`${num}${suffix}`);
  }
  return Number(num) * SUFFIX[suffix];
}

/** Formats bytes as whole mebibytes or gibibytes (`8Gi`, `1536Mi`), rounding up. */
export function formatMemory(bytes: number): string {
  const mi = Math.ceil(bytes / 1024 ** 2);
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}
