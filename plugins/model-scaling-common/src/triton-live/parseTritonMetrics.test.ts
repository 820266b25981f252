import { metricsAt0 } from './__fixtures__/metricsText';
import { TritonMetricsError, parseTritonMetrics } from './parseTritonMetrics';

describe('parseTritonMetrics', () => {
  it('sums per-model counters over gpu_uuid and failure reasons', () => {
    const sample = parseTritonMetrics(
      metricsAt0,
      new Date('2026-11-28T10:00:00Z'),
    );
    expect(sample.at).toBe('2026-11-28T10:00:00.000Z');
    expect(sample.models).toEqual([
      {
        model: 'resnet50',
        version: '1',
        requestSuccess: 238000,
        requestFailure: 3,
        inferenceCount: 238000,
        execCount: 29750,
        requestDurationUs:
          240000000 + 186000000 * 1.2 + 236000000 + 182900000 * 1.2,
        queueDurationUs: 476000000,
        computeInputUs: 11900000,
        computeInferUs: 368900000,
        computeOutputUs: 2380000,
        pendingRequests: 2,
      },
    ]);
    expect(sample.gpus).toEqual([
      {
        uuid: 'GPU-8f3a1c2e-0d4b-4f6e-9a7b-1c2d3e4f5a6b',
        utilization: 0.61,
        memoryTotalBytes: 150754820096,
        memoryUsedBytes: 3821010944,
      },
      {
        uuid: 'GPU-2b7c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
        utilization: 0.58,
        memoryTotalBytes: 150754820096,
        memoryUsedBytes: 3821010944,
      },
    ]);
  });

  it('keeps models and versions apart and reads a body without a final newline', () => {
    const text = [
      'nv_inference_request_success{model="bert-embedder",version="1"} 10',
      'nv_inference_request_success{model="bert-embedder",version="2"} 20',
      'nv_inference_request_success{model="summarizer-encoder",version="1"} 30',
      'nv_inference_count{model="summarizer-encoder",version="1"} NaN',
    ].join('\n');
    const sample = parseTritonMetrics(text, '2026-11-28T10:00:00Z');
    expect(
      sample.models.map(m => [
        m.model,
        m.version,
        m.requestSuccess,
        m.inferenceCount,
      ]),
    ).toEqual([
      ['bert-embedder', '1', 10, 0],
      ['bert-embedder', '2', 20, 0],
      ['summarizer-encoder', '1', 30, 0],
    ]);
  });

  it('returns no models for a server without models', () => {
    expect(
      parseTritonMetrics(
        '# HELP nv_cpu_utilization x\n# TYPE nv_cpu_utilization gauge\nnv_cpu_utilization 0.1\n',
        0,
      ).models,
    ).toEqual([]);
  });

  it('rejects text that is not Prometheus format', () => {
    expect(() =>
      parseTritonMetrics('<html>502 Bad Gateway</html>\n', 0),
    ).toThrow(TritonMetricsError);
  });

  it('rejects an invalid time naming the argument', () => {
    expect(() => parseTritonMetrics('', 'not a time')).toThrow(
      'at must be a valid time',
    );
  });
});
