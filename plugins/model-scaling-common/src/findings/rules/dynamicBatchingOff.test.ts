import { figures, TRITON_BATCHING } from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { dynamicBatchingOffRule } from './dynamicBatchingOff';

const off = { ...TRITON_BATCHING, dynamicBatching: undefined };

describe('dynamic-batching-off', () => {
  it('flags a batchable model without dynamic_batching, with measured figures', () => {
    const ctx = buildWorkloadModel({
      tritonConfigs: [{ model: 'resnet50', config: off }],
      triton: [figures({ averageBatchSize: 1, executionsPerSecond: 800 })],
    });
    const [f] = dynamicBatchingOffRule.evaluate(ctx);
    expect(f).toMatchObject({
      id: 'dynamic-batching-off',
      severity: 'warning',
      subject: 'TritonModel/resnet50',
    });
    expect(f.evidence).toContain('max_batch_size is 32');
    expect(f.evidence).toContain('average batch 1 at 800 req/s');
  });

  it('reads the config carried by live figures', () => {
    expect(
      dynamicBatchingOffRule.evaluate(
        buildWorkloadModel({ triton: [figures({ config: off })] }),
      ),
    ).toHaveLength(1);
  });

  it('stays quiet with dynamic batching on, or a model that cannot batch', () => {
    expect(
      dynamicBatchingOffRule.evaluate(
        buildWorkloadModel({
          tritonConfigs: [{ model: 'resnet50', config: TRITON_BATCHING }],
        }),
      ),
    ).toEqual([]);
    expect(
      dynamicBatchingOffRule.evaluate(
        buildWorkloadModel({
          tritonConfigs: [
            { model: 'resnet50', config: { ...off, maxBatchSize: 0 } },
          ],
        }),
      ),
    ).toEqual([]);
  });
});
