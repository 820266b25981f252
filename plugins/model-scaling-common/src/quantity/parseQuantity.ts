/*
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource):
 *
 *   <quantity>  ::= <sign>? <number> <suffix>
 *   <number>    ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *   <suffix>    ::= Ki | Mi | Gi | Ti | Pi | Ei          (binary SI)
 *                 | n | u | m | "" | k | M | G | T | P | E (decimal SI)
 *                 | e<signedNumber> | E<signedNumber>     (decimal exponent)
 */

const QUANTITY_PATTERN =
  /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const SUFFIX_FACTORS: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Error thrown for a string that is not a Kubernetes quantity. */
export class QuantityError extends Error {
  constructor(readonly input: unknown, readonly field?: string) {
    super(
      `${field ? `${field}: ` : ''}${JSON.stringify(
        input,
      )} is not a Kubernetes quantity (expected e.g. "500m", "2", "1Gi" or "1e3")`,
    );
    this.name = 'QuantityError';
  }
}

/**
 * The numeric value of a Kubernetes quantity: `"500m"` → 0.5, `"1Gi"` → 1073741824,
 * `"2"` → 2, `"1e3"` → 1000. Numbers pass through. Throws a {@link QuantityError}
 * (naming `field` when given) on anything else.
 */
export function parseQuantity(
  quantity: string | number,
  field?: string,
): number {
  if (typeof quantity === 'number') {
    if (!Number.isFinite(quantity)) {
      throw new QuantityError(quantity, field);
    }
    return quantity;
  }
  if (typeof quantity !== 'string') {
    throw new QuantityError(quantity, field);
  }
  const match = QUANTITY_PATTERN.exec(quantity.trim());
  if (!match) {
    throw new QuantityError(quantity, field);
  }
  const [, sign, digits, suffix = ''] = match;
  const magnitude =
    suffix[0] === 'e' || suffix[0] === 'E'
      ? Number(`${digits}${suffix}`)
      : Number(digits) * SUFFIX_FACTORS[suffix];
  if (!Number.isFinite(magnitude)) {
    throw new QuantityError(quantity, field);
  }
  return sign === '-' ? -magnitude : magnitude;
}

/** Like {@link parseQuantity}, but `undefined` for a missing or malformed quantity instead of throwing. */
export function tryParseQuantity(quantity: unknown): number | undefined {
  if (typeof quantity !== 'string' && typeof quantity !== 'number') {
    return undefined;
  }
  try {
    return parseQuantity(quantity);
  } catch {
    return undefined;
  }
}
