import {
  batchEmbedderStatus,
  imageClassifierStatus,
  summarizerStatus,
} from '../../__fixtures__';
import { batchingSummary } from './batchingSummary';

describe('batchingSummary', () => {
  it('compares resnet50 settings with its executions', () => {
    const summary = batchingSummary(
      imageClassifierStatus.workloads[0].triton!.models[0],
    );
    expect(summary).toMatchObject({
      dynamicBatching: true,
      maxBatchSize: 32,
      preferredBatchSizes: [4, 8, 16],
      maxQueueDelayUs: 5000,
      executions: 780,
      modeBatchSize: 8,
    });
    // 170 + 430 + 80 of 780 executions at 4, 8 or 16
    expect(summary.preferredShare).toBeCloseTo(680 / 780);
    expect(summary.queueDelayUse).toBeCloseTo(2400 / 5000);
  });

  it('handles a model without dynamic batching or a histogram', () => {
    const summary = batchingSummary(
      summarizerStatus.workloads[0].triton!.models[0],
    );
    expect(summary).toMatchObject({
      dynamicBatching: false,
      preferredBatchSizes: [],
      executions: 0,
      averageBatchSize: 1,
    });
    expect(summary.preferredShare).toBeUndefined();
    expect(summary.modeBatchSize).toBeUndefined();
    expect(summary.queueDelayUse).toBeUndefined();
  });

  it('picks the most frequent batch size', () => {
    expect(
      batchingSummary(batchEmbedderStatus.workloads[0].triton!.models[0])
        .modeBatchSize,
    ).toBe(32);
  });
});
