import { parseTritonMetrics } from '@internal/plugin-model-scaling-common';
import { TritonServer } from './TritonServer';

const server = () =>
  new TritonServer({
    models: [{ name: 'm', version: '1', configJson: {}, memoryBytes: 1000 }],
    gpus: [{ uuid: 'GPU-00000000-0000-0000-0000-000000000001', memoryTotalBytes: 150754820096, powerLimitWatts: 700 }],
    loadDurationSecs: 12.5,
    cpuMemoryTotalBytes: 1e12,
  });

describe('TritonServer', () => {
  it('keeps counters the way Triton does: per request, per execution by batch size', () => {
    const s = server();
    s.record(
      'm',
      {
        executions: [
          { batchSize: 1, requestsPerExecution: 1, executions: 10, computeInputUs: 10, computeInferUs: 1000, computeOutputUs: 5 },
          { batchSize: 4, requestsPerExecution: 4, executions: 5, computeInputUs: 40, computeInferUs: 1300, computeOutputUs: 6 },
        ],
        queueUsPerRequest: 50,
        rejected: 2,
        pending: 3,
      },
      1_700_000_000_000,
    );
    const stats = s.modelStats('m') as any;
    expect(stats.inference_count).toBe(30);
    expect(stats.execution_count).toBe(15);
    expect(stats.inference_stats.success.count).toBe(30);
    expect(stats.inference_stats.compute_infer.ns).toBe(10 * 1000e3 + 20 * 1300e3);
    expect(stats.inference_stats.fail.count).toBe(2);
    expect(stats.batch_stats).toEqual([
      expect.objectContaining({ batch_size: 1, compute_infer: { count: 10, ns: 10 * 1000e3 } }),
      expect.objectContaining({ batch_size: 4, compute_infer: { count: 5, ns: 5 * 1300e3 } }),
    ]);
    expect(stats.last_inference).toBe(1_700_000_000_000);

    const sample = parseTritonMetrics(s.metricsText(), '2026-01-01T00:00:00Z');
    expect(sample.models[0]).toMatchObject({
      model: 'm',
      version: '1',
      requestSuccess: 30,
      requestFailure: 2,
      inferenceCount: 30,
      execCount: 15,
      queueDurationUs: 30 * 50,
      computeInferUs: 10 * 1000 + 20 * 1300,
      pendingRequests: 3,
    });
    expect(sample.gpus[0].uuid).toBe('GPU-00000000-0000-0000-0000-000000000001');
  });

  it('writes metric families once each, labels sorted, with HELP and TYPE', () => {
    const text = server().metricsText();
    const families = text.split('\n').filter(l => l.startsWith('# TYPE ')).map(l => l.split(' ')[2]);
    expect(new Set(families).size).toBe(families.length);
    expect(text).toContain('nv_inference_request_failure{model="m",reason="REJECTED",version="1"} 0');
    expect(text).toContain('nv_inference_count{gpu_uuid="GPU-00000000-0000-0000-0000-000000000001",model="m",version="1"} 0');
    expect(text).toContain('nv_model_load_duration_secs{model="m",version="1"} 12.500');
  });
});
