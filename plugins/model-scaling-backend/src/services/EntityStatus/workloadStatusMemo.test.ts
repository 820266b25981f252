import { BuiltWorkloadStatus } from '@internal/plugin-model-scaling-common';
import { WorkloadStatusMemo } from './workloadStatusMemo';

const built = (n: number) => ({ n } as unknown as BuiltWorkloadStatus);

describe('WorkloadStatusMemo', () => {
  it('keeps a build while the inputs are the same objects, lists compared element by element', () => {
    const memo = new WorkloadStatusMemo();
    const pod = { name: 'a' };
    const hpa = { name: 'h' };
    const build = jest.fn(() => built(1));
    const first = memo.get('c/ns/a', { pods: [pod], hpa, slo: 100 }, build);
    // New lists holding the same records, as every cache read returns.
    expect(memo.get('c/ns/a', { pods: [pod], hpa, slo: 100 }, build)).toBe(
      first,
    );
    expect(build).toHaveBeenCalledTimes(1);
    expect(memo.stats).toEqual({ hits: 1, misses: 1, entries: 1 });
  });

  it.each([
    ['a record replaced by an equal one', { pods: [{ name: 'a' }] }],
    ['a record more', { pods: [{ name: 'a' }, { name: 'b' }] }],
    ['a figure changed', { slo: 200 }],
    ['an input gone', { slo: undefined, extra: 1 }],
  ])('builds again after %s', (_what, change) => {
    const memo = new WorkloadStatusMemo();
    const pod = { name: 'a' };
    const inputs = { pods: [pod], slo: 100 };
    memo.get('k', inputs, () => built(1));
    const again = memo.get('k', { ...inputs, ...change }, () => built(2));
    expect(again).toEqual(built(2));
  });

  it('keeps at most maxEntries workloads, dropping the oldest', () => {
    const memo = new WorkloadStatusMemo(2);
    memo.get('a', {}, () => built(1));
    memo.get('b', {}, () => built(2));
    memo.get('c', {}, () => built(3));
    expect(memo.stats.entries).toBe(2);
    const build = jest.fn(() => built(4));
    memo.get('a', {}, build);
    expect(build).toHaveBeenCalled();
    memo.get('c', {}, () => built(5));
    expect(memo.stats.hits).toBe(1);
  });
});
