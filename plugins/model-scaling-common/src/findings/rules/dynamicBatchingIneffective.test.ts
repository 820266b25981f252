import { figures, TRITON_BATCHING } from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { dynamicBatchingIneffectiveRule } from './dynamicBatchingIneffective';

const lonely = figures({
  requestsPerSecond: 240,
  inferencesPerSecond: 240,
  executionsPerSecond: 228,
  averageBatchSize: 240 / 228,
  batchSizeHistogram: [
    { batchSize: 1, executions: 3240 },
    { batchSize: 2, executions: 180 },
  ],
});

describe('dynamic-batching-ineffective', () => {
  it('flags batch ≈ 1 under load with batching configured, naming unused preferred sizes', () => {
    const [f] = dynamicBatchingIneffectiveRule.evaluate(
      buildWorkloadModel({
        triton: [lonely],
        tritonConfigs: [{ model: 'resnet50', config: TRITON_BATCHING }],
      }),
    );
    expect(f).toMatchObject({
      id: 'dynamic-batching-ineffective',
      severity: 'warning',
      subject: 'TritonModel/resnet50',
    });
    expect(f.title).toBe(
      'Triton model resnet50 executes batches of 1.05 on average',
    );
    expect(f.evidence).toContain(
      'preferred_batch_size [4, 8, 16], max_queue_delay 5000 µs; executed sizes: 1×3240, 2×180',
    );
    expect(f.evidence).toContain(
      'None of the preferred sizes was ever executed.',
    );
    expect(f.fix).toContain('fewer, busier replicas');
  });

  it('suggests a queue delay when it is 0', () => {
    const config = {
      ...TRITON_BATCHING,
      dynamicBatching: {
        preferredBatchSize: [8],
        maxQueueDelayMicroseconds: 0,
      },
    };
    const [f] = dynamicBatchingIneffectiveRule.evaluate(
      buildWorkloadModel({ triton: [{ ...lonely, config }] }),
    );
    expect(f.fix).toContain('Set max_queue_delay_microseconds');
  });

  it('stays quiet when batches form, at trickle load, or when batching is off (another rule)', () => {
    expect(
      dynamicBatchingIneffectiveRule.evaluate(
        buildWorkloadModel({ triton: [figures()] }),
      ),
    ).toEqual([]);
    expect(
      dynamicBatchingIneffectiveRule.evaluate(
        buildWorkloadModel({ triton: [{ ...lonely, requestsPerSecond: 5 }] }),
      ),
    ).toEqual([]);
    const off = { ...TRITON_BATCHING, dynamicBatching: undefined };
    expect(
      dynamicBatchingIneffectiveRule.evaluate(
        buildWorkloadModel({ triton: [{ ...lonely, config: off }] }),
      ),
    ).toEqual([]);
  });
});
