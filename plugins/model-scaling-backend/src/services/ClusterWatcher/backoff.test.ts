import { Backoff } from './backoff';

describe('Backoff', () => {
  it('grows by the factor up to the cap and resets', () => {
    const b = new Backoff({
      initialMs: 100,
      maxMs: 1000,
      factor: 2,
      jitter: 0,
    });
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect(b.attempts).toBe(5);
    b.reset();
    expect(b.next()).toBe(100);
  });

  it('spreads delays by the jitter but never beyond the cap', () => {
    const high = new Backoff(
      { initialMs: 1000, maxMs: 1000, factor: 2 },
      () => 1,
    );
    const low = new Backoff(
      { initialMs: 1000, maxMs: 1000, factor: 2 },
      () => 0,
    );
    expect(high.next()).toBe(1000);
    expect(low.next()).toBe(800);
  });
});
