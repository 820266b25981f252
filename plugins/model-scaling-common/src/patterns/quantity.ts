import { tryParseQuantity } from '../quantity';

/** True when `value` is a non-negative Kubernetes quantity string such as `500m`, `2` or `1.5Gi`. */
export function isQuantity(value: string): boolean {
  const parsed = tryParseQuantity(value);
  return parsed !== undefined && parsed >= 0 && value.trim() === value;
}

/** Formats bytes as whole mebibytes or gibibytes (`8Gi`, `1536Mi`), rounding up. */
export function formatMemory(bytes: number): string {
  const mi = Math.ceil(bytes / 1024 ** 2);
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}
