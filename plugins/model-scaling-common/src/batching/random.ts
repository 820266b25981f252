/** A seeded pseudo-random generator (mulberry32): same seed, same sequence, in Node and the browser. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponential variate with mean `mean` from a uniform generator. */
export function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}
