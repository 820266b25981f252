/** `1 service`, `3 services`: the word for a count (English). */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
