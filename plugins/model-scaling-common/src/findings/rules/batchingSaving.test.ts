import { evaluateFindings } from '../evaluateFindings';
import {
  BatchingAdviceSummary,
  batchingSavingFinding,
  batchingSavingRule,
  dynamicBatchingSnippet,
} from './batchingSaving';

const result = {
  offeredRps: 150,
  throughputRps: 150,
  utilisation: 0.5,
  p50Ms: 4,
  p99Ms: 9.5,
  meanMs: 5,
  averageQueueMs: 1,
  averageBatchSize: 6,
  batchSizeHistogram: [],
  saturated: false,
  requests: 4000,
};

const summary: BatchingAdviceSummary = {
  model: 'resnet50',
  rateRps: 1350,
  sloMs: 50,
  profile: 'resnet50-224 (NVIDIA H200)',
  live: {
    replicas: 9,
    dynamicBatching: true,
    preferredBatchSizes: [4, 8, 16],
    maxQueueDelayUs: 5000,
    p99Ms: 12,
  },
  preset: {
    dynamicBatching: true,
    preferredBatchSizes: [4, 8, 16],
    maxQueueDelayUs: 5000,
  },
  recommended: {
    dynamicBatching: true,
    preferredBatchSizes: [4, 8],
    maxQueueDelayUs: 250,
    replicas: 1,
    result,
  },
};

describe('batchingSavingFinding', () => {
  it('states the GPU saving at today’s load with the exact config.pbtxt change', () => {
    const f = batchingSavingFinding(summary)!;
    expect(f).toMatchObject({
      id: 'batching-saving',
      severity: 'info',
      title:
        'Batching could serve today’s 1350 req/s on 1 GPU replica instead of 9 (resnet50)',
      subject: 'TritonModel/resnet50',
    });
    expect(f.evidence).toContain(
      'Live: preferred [4, 8, 16], queue delay 5,000 µs on 9 replicas, p99 12 ms',
    );
    expect(f.evidence).toContain(
      'golden-path preset: preferred [4, 8, 16], queue delay 5,000 µs',
    );
    expect(f.evidence).toContain(
      'Advised: preferred [4, 8], queue delay 250 µs on 1 replica, p99 9.5 ms within the 50 ms SLO',
    );
    expect(f.fix).toContain(
      'In model_repository/resnet50/config.pbtxt set:\ndynamic_batching {\n  preferred_batch_size: [ 4, 8 ]\n  max_queue_delay_microseconds: 250\n}',
    );
  });

  it('is a warning when the live setting is predicted to miss the SLO', () => {
    const f = batchingSavingFinding({
      ...summary,
      live: { ...summary.live, replicas: 1, saturated: true },
    })!;
    expect(f.severity).toBe('warning');
    expect(f.title).toBe(
      'Live batching of resnet50 is predicted to miss the 50 ms SLO at today’s 1350 req/s',
    );
    expect(f.evidence).toContain('saturated');
  });

  it('finds nothing when the advice saves nothing and the live setting meets the SLO', () => {
    expect(
      batchingSavingFinding({
        ...summary,
        live: { ...summary.live, replicas: 1, p99Ms: 10 },
      }),
    ).toBeUndefined();
    expect(
      batchingSavingFinding({ ...summary, recommended: undefined }),
    ).toBeUndefined();
  });

  it('runs as a registered rule on the advice given in the findings input', () => {
    expect(batchingSavingRule.id).toBe('batching-saving');
    const findings = evaluateFindings({ batchingAdvice: [summary] });
    expect(findings.map(f => f.id)).toContain('batching-saving');
    expect(evaluateFindings({}).map(f => f.id)).not.toContain(
      'batching-saving',
    );
  });

  it('renders no block when batching is off', () => {
    expect(
      dynamicBatchingSnippet({
        dynamicBatching: false,
        preferredBatchSizes: [],
        maxQueueDelayUs: 0,
      }),
    ).toBe('# no dynamic_batching block');
  });
});
