import { figures, TRITON_BATCHING } from '../__fixtures__/records';
import { buildWorkloadModel } from '../../workload/WorkloadModel';
import { queueDelayExceedsSloRule } from './queueDelayExceedsSlo';

describe('queue-delay-exceeds-slo', () => {
  it('flags a configured delay above half the SLO, and at the SLO as an error', () => {
    const config = {
      ...TRITON_BATCHING,
      dynamicBatching: {
        preferredBatchSize: [8],
        maxQueueDelayMicroseconds: 15000,
      },
    };
    const [f] = queueDelayExceedsSloRule.evaluate(
      buildWorkloadModel({
        latencySloMs: 20,
        tritonConfigs: [{ model: 'resnet50', config }],
      }),
    );
    expect(f).toMatchObject({
      id: 'queue-delay-exceeds-slo',
      severity: 'warning',
      subject: 'TritonModel/resnet50',
    });
    expect(f.evidence).toContain(
      '15000 (15 ms), 75 % of the 20 ms latency SLO',
    );
    const worse = {
      ...config,
      dynamicBatching: {
        preferredBatchSize: [8],
        maxQueueDelayMicroseconds: 25000,
      },
    };
    expect(
      queueDelayExceedsSloRule.evaluate(
        buildWorkloadModel({
          latencySloMs: 20,
          tritonConfigs: [{ model: 'resnet50', config: worse }],
        }),
      )[0].severity,
    ).toBe('error');
  });

  it('flags a measured queue time above half the SLO', () => {
    const [f] = queueDelayExceedsSloRule.evaluate(
      buildWorkloadModel({
        latencySloMs: 20,
        triton: [figures({ averageQueueUs: 14200, pendingRequests: 41 })],
      }),
    );
    expect(f.title).toBe(
      'Requests to Triton model resnet50 wait 14.2 ms in the queue against a 20 ms SLO',
    );
    expect(f.evidence).toContain('41 pending');
  });

  it('stays quiet within budget or without an SLO', () => {
    const ctx = {
      tritonConfigs: [{ model: 'resnet50', config: TRITON_BATCHING }],
      triton: [figures()],
    };
    expect(
      queueDelayExceedsSloRule.evaluate(
        buildWorkloadModel({ ...ctx, latencySloMs: 20 }),
      ),
    ).toEqual([]);
    expect(
      queueDelayExceedsSloRule.evaluate(
        buildWorkloadModel({ ...ctx, latencySloMs: undefined }),
      ),
    ).toEqual([]);
  });
});
