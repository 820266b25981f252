import { performance } from 'node:perf_hooks';
import { nextBackgroundTurn, TimeSlicer, yieldEvery } from './timeSlicing';

/** Busy-waits `ms` milliseconds (a stand-in for parsing one pod's document). */
function work(ms: number): number {
  const end = performance.now() + ms;
  let n = 0;
  while (performance.now() < end) n++;
  return n;
}

describe('TimeSlicer', () => {
  it('runs every job once, in order, with its result or error', async () => {
    const slicer = new TimeSlicer(1);
    const order: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        slicer.run(() => {
          order.push(i);
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => i * 2));
    expect(order).toEqual(Array.from({ length: 200 }, (_, i) => i));
    await expect(
      slicer.run(() => {
        throw new Error('bad document');
      }),
    ).rejects.toThrow('bad document');
  });

  it('lets timers run between slices while thousands of concurrent jobs wait', async () => {
    const slicer = new TimeSlicer(5);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // 2,000 jobs of 0.25 ms queued at once: 500 ms of work.
    await Promise.all(
      Array.from({ length: 2000 }, () => slicer.run(() => work(0.25))),
    );
    clearInterval(timer);
    // Run in one go, the timer would fire about once; sliced, it fires between slices.
    expect(ticks).toBeGreaterThan(20);
  });

  it('keeps the event-loop delay near the budget, where one setImmediate per job does not', async () => {
    /** The longest gap between two ticks of a 1 ms timer while `run` runs. */
    const measure = async (run: () => Promise<unknown>) => {
      let last = performance.now();
      let maxGap = 0;
      const timer = setInterval(() => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
      }, 1);
      await new Promise(r => setTimeout(r, 5));
      last = performance.now();
      await run();
      await new Promise(r => setTimeout(r, 5));
      clearInterval(timer);
      return maxGap;
    };
    const jobs = 400;
    const sliced = await measure(() => {
      const slicer = new TimeSlicer(5);
      return Promise.all(
        Array.from({ length: jobs }, () => slicer.run(() => work(0.5))),
      );
    });
    const naive = await measure(() =>
      Promise.all(
        Array.from({ length: jobs }, async () => {
          await new Promise(r => setImmediate(r));
          work(0.5);
        }),
      ),
    );
    expect(naive).toBeGreaterThan(150);
    expect(sliced).toBeLessThan(naive / 4);
  });
});

describe('yieldEvery', () => {
  it('yields only once the budget is spent', async () => {
    const pause = yieldEvery(5);
    expect(pause()).toBeUndefined();
    work(6);
    const p = pause();
    expect(typeof p?.then).toBe('function');
    await p;
    expect(pause()).toBeUndefined();
  });
});

describe('nextBackgroundTurn', () => {
  it('releases one waiter per turn of the event loop, oldest first', async () => {
    const order: string[] = [];
    const all = ['a', 'b', 'c'].map(x =>
      nextBackgroundTurn().then(() => order.push(x)),
    );
    await new Promise(r => setImmediate(r));
    expect(order).toEqual(['a']);
    await new Promise(r => setImmediate(r));
    expect(order).toEqual(['a', 'b']);
    await Promise.all(all);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('gives a turn to one slicer at a time: two slicers never both run in one turn', async () => {
    let turn = 0;
    let done = false;
    const tick = () => {
      turn += 1;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const turns = { a: new Set<number>(), b: new Set<number>() };
    const slicers = { a: new TimeSlicer(2), b: new TimeSlicer(2) };
    await Promise.all(
      (['a', 'b'] as const).flatMap(name =>
        Array.from({ length: 40 }, () =>
          slicers[name].run(() => {
            turns[name].add(turn);
            work(0.5);
          }),
        ),
      ),
    );
    done = true;
    expect(turns.a.size).toBeGreaterThan(3);
    expect(turns.b.size).toBeGreaterThan(3);
    expect([...turns.a].filter(t => turns.b.has(t))).toEqual([]);
  });
});
