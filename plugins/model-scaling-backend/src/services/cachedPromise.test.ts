import { cachedPromise } from './cachedPromise';

describe('cachedPromise', () => {
  it('shares one answer until it is older than the TTL, then computes again', async () => {
    let now = 0;
    let calls = 0;
    const read = cachedPromise(
      async () => ++calls,
      1000,
      () => now,
    );
    expect(await read()).toBe(1);
    now = 1000;
    expect(await read()).toBe(1);
    now = 1001;
    expect(await read()).toBe(2);
    expect(calls).toBe(2);
  });

  it('forgets a rejected answer at once, so the next caller computes again', async () => {
    let calls = 0;
    const read = cachedPromise(
      async () => {
        calls++;
        if (calls === 1) throw new Error('cluster unreachable');
        return 'ok';
      },
      60_000,
      () => 0,
    );
    await expect(read()).rejects.toThrow('cluster unreachable');
    expect(await read()).toBe('ok');
    expect(calls).toBe(2);
  });

  it('gives callers that arrive while the first computes the same promise', async () => {
    let calls = 0;
    const read = cachedPromise(
      async () => ++calls,
      1000,
      () => 0,
    );
    const [a, b] = await Promise.all([read(), read()]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
  });
});
