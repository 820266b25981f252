/** `n thing` / `n things`. */
export function plural(
  n: number,
  word: string,
  pluralWord = `${word}s`,
): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** A number with at most `digits` decimals, without trailing zeros. */
export function num(x: number, digits = 1): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toFixed(digits)));
}

/** Seconds as `95 s` or `4 min 10 s`. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

/** Bytes as GiB or MiB. */
export function bytes(b: number): string {
  const gib = b / 2 ** 30;
  return gib >= 1 ? `${num(gib)} GiB` : `${num(b / 2 ** 20)} MiB`;
}
