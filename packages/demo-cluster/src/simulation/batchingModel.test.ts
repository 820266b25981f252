import {
  H200_BATCH_PROFILES,
  parseTritonConfig,
} from '@internal/plugin-model-scaling-common';
import { join } from 'node:path';
import { BatchingModel, requestProfile } from './batchingModel';
import { allocateExecutions } from './traffic';

const profiles = H200_BATCH_PROFILES;
const resnet = profiles.find(p => p.model === 'resnet50-224')!;
const bert = profiles.find(p => p.model === 'bert-base-seq128')!;
const config = (text: string) =>
  parseTritonConfig(text, { source: join('test', 'config.pbtxt') });

describe('BatchingModel', () => {
  const model = new BatchingModel();

  it('finds batches of about one request at 100 req/s with a 100 µs queue delay', () => {
    const estimate = model.estimate({
      requestRate: 100,
      clientBatch: 1,
      profile: resnet,
      slowdown: 1,
      config: config(
        'max_batch_size: 32 dynamic_batching { preferred_batch_size: [4, 8, 16] max_queue_delay_microseconds: 100 }',
      ),
    });
    expect(estimate.requestsPerExecution).toBeLessThan(1.1);
    // one ResNet-50 execution at batch 1 is ~1.05 ms on an H200: ~10 % busy at 100 req/s
    expect(estimate.utilization).toBeGreaterThan(0.08);
    expect(estimate.utilization).toBeLessThan(0.14);
  });

  it('forms larger batches with a longer queue delay and more load', () => {
    const estimate = model.estimate({
      requestRate: 2000,
      clientBatch: 1,
      profile: resnet,
      slowdown: 1,
      config: config(
        'max_batch_size: 32 dynamic_batching { preferred_batch_size: [4, 8, 16] max_queue_delay_microseconds: 5000 }',
      ),
    });
    expect(estimate.requestsPerExecution).toBeGreaterThan(3);
    expect(
      estimate.mergeDistribution.reduce((s, x) => s + x.share, 0),
    ).toBeCloseTo(1, 6);
    expect(
      Math.max(...estimate.mergeDistribution.map(x => x.requests)),
    ).toBeLessThanOrEqual(16);
  });

  it('never merges requests without dynamic batching', () => {
    const estimate = model.estimate({
      requestRate: 500,
      clientBatch: 1,
      profile: bert,
      slowdown: 1,
      config: config('max_batch_size: 32'),
    });
    expect(estimate.mergeDistribution).toEqual([{ requests: 1, share: 1 }]);
  });

  it('merges client batches of 64 into executions of 64 or 128 items', () => {
    const estimate = model.estimate({
      requestRate: 40,
      clientBatch: 64,
      profile: bert,
      slowdown: 1.6,
      config: config(
        'max_batch_size: 128 dynamic_batching { preferred_batch_size: [32, 64, 128] max_queue_delay_microseconds: 20000 }',
      ),
    });
    expect(
      estimate.mergeDistribution.every(
        x => x.requests === 1 || x.requests === 2,
      ),
    ).toBe(true);
    expect(estimate.requestsPerExecution).toBeGreaterThan(1);
  });

  it('stretches a profile for a slower device and a client batch', () => {
    const units = requestProfile(bert, 64, 2, 2);
    expect(units.points.map(p => p.batchSize)).toEqual([1, 2]);
    expect(units.points[0].latencyUs).toBeCloseTo(
      2 * bert.points.find(p => p.batchSize === 64)!.latencyUs,
      6,
    );
  });
});

describe('allocateExecutions', () => {
  it('splits requests exactly into executions of the merge distribution', () => {
    const shares = [
      { requests: 1, share: 0.5 },
      { requests: 2, share: 0.3 },
      { requests: 4, share: 0.2 },
    ];
    for (const requests of [0, 1, 7, 100, 12345]) {
      const groups = allocateExecutions(requests, shares);
      expect(groups.reduce((s, g) => s + g.merged * g.executions, 0)).toBe(
        requests,
      );
      expect(
        groups.every(g => g.executions > 0 && Number.isInteger(g.executions)),
      ).toBe(true);
    }
    const big = allocateExecutions(100000, shares);
    const executions = big.reduce((s, g) => s + g.executions, 0);
    expect(big.find(g => g.merged === 4)!.executions / executions).toBeCloseTo(
      0.2,
      1,
    );
  });
});

describe('BatchingModel memo', () => {
  it('shares an estimate between models of other names with the same batching, and not across batching settings', () => {
    const model = new BatchingModel();
    const named = (name: string, delay: number) =>
      config(
        `name: "${name}" max_batch_size: 32 dynamic_batching { max_queue_delay_microseconds: ${delay} }`,
      );
    const options = (c: ReturnType<typeof config>) => ({
      requestRate: 800,
      clientBatch: 1,
      profile: resnet,
      slowdown: 1,
      config: c,
    });
    const a = model.estimate(options(named('model-a', 500)));
    const b = model.estimate(options(named('model-b', 500)));
    expect(b).toBe(a);
    const c = model.estimate(options(named('model-a', 5000)));
    expect(c).not.toBe(a);
    expect(c.requestsPerExecution).toBeGreaterThan(a.requestsPerExecution);
  });
});
