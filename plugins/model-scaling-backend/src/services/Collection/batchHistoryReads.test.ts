import { batchHistoryReads } from './batchHistoryReads';

type Point = { t: number; v: string };

function fakeStore(points: Record<string, Point[]>) {
  const calls: { workloads: string[]; since: number }[] = [];
  const read = async (workloads: string[], since: number) => {
    calls.push({ workloads: [...workloads].sort(), since });
    const out = new Map<string, Point[]>();
    for (const w of workloads) {
      const list = (points[w] ?? []).filter(p => p.t >= since);
      if (list.length > 0) out.set(w, list);
    }
    return out;
  };
  return { read, calls };
}

const points: Record<string, Point[]> = {
  a: [
    { t: 1, v: 'a1' },
    { t: 5, v: 'a5' },
  ],
  b: [{ t: 3, v: 'b3' }],
  c: [{ t: 9, v: 'c9' }],
};

describe('batchHistoryReads', () => {
  it('answers reads asked in one turn with one query, each with its own workloads and since', async () => {
    const store = fakeStore(points);
    const read = batchHistoryReads(store.read);
    const [first, second, third] = await Promise.all([
      read(['a'], 2),
      read(['a', 'b'], 0),
      read(['c'], 0),
    ]);
    expect(store.calls).toEqual([{ workloads: ['a', 'b', 'c'], since: 0 }]);
    expect(first).toEqual(new Map([['a', [{ t: 5, v: 'a5' }]]]));
    expect(second).toEqual(
      new Map([
        ['a', points.a],
        ['b', points.b],
      ]),
    );
    expect(third).toEqual(new Map([['c', points.c]]));
  });

  it('reads of later turns get queries of their own', async () => {
    const store = fakeStore(points);
    const read = batchHistoryReads(store.read);
    await read(['a'], 0);
    await read(['b'], 0);
    expect(store.calls).toHaveLength(2);
  });

  it('splits a batch at maxWorkloads', async () => {
    const store = fakeStore(points);
    const read = batchHistoryReads(store.read, 2);
    const answers = await Promise.all([
      read(['a', 'b'], 0),
      read(['b'], 0),
      read(['c'], 0),
    ]);
    expect(store.calls.map(c => c.workloads)).toEqual([['a', 'b'], ['c']]);
    expect(answers[1]).toEqual(new Map([['b', points.b]]));
    expect(answers[2]).toEqual(new Map([['c', points.c]]));
  });

  it('fails only the reads of the failed query', async () => {
    let call = 0;
    const read = batchHistoryReads<Point>(async workloads => {
      call += 1;
      if (call === 1) throw new Error('database gone');
      return new Map(workloads.map(w => [w, points[w]]));
    }, 1);
    const [failed, ok] = await Promise.allSettled([
      read(['a'], 0),
      read(['b'], 0),
    ]);
    expect(failed).toEqual({
      status: 'rejected',
      reason: new Error('database gone'),
    });
    expect(ok).toEqual({
      status: 'fulfilled',
      value: new Map([['b', points.b]]),
    });
  });

  it('answers an empty read without a query', async () => {
    const store = fakeStore(points);
    await expect(batchHistoryReads(store.read)([], 0)).resolves.toEqual(
      new Map(),
    );
    expect(store.calls).toHaveLength(0);
  });
});
