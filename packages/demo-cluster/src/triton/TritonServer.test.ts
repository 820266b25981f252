import {
  parseTritonMetrics,
  tritonLatencyFromMetrics,
} from '@internal/plugin-model-scaling-common';
import fs from 'node:fs';
import path from 'node:path';
import { TritonServer } from './TritonServer';

/** Answers captured from a real Triton 2.51 (CPU instances, summaries on) by test/triton/captureFixtures.ts. */
const REAL = path.resolve(
  __dirname,
  '../../../../plugins/model-scaling-common/src/triton-live/__fixtures__/real',
);

/** Family → `TYPE|HELP|label keys of each sample kind` of a Prometheus text. */
function shape(text: string): Map<string, string> {
  const help = new Map<string, string>();
  const type = new Map<string, string>();
  const keys = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    let m = line.match(/^# HELP (\S+) (.*)$/);
    if (m) help.set(m[1], m[2]);
    m = line.match(/^# TYPE (\S+) (\S+)$/);
    if (m) type.set(m[1], m[2]);
    m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? /);
    if (!m || line.startsWith('#')) continue;
    const family = type.has(m[1]) ? m[1] : m[1].replace(/_(count|sum)$/, '');
    const labels = (m[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map(kv => kv.split('=')[0])
      .join(',');
    const set = keys.get(family) ?? new Set<string>();
    set.add(`${m[1].slice(family.length)}{${labels}}`);
    keys.set(family, set);
  }
  const out = new Map<string, string>();
  for (const [f, t] of type) {
    out.set(
      f,
      `${t}|${help.get(f)}|${[...(keys.get(f) ?? [])].sort().join(' ')}`,
    );
  }
  return out;
}

const server = () =>
  new TritonServer({
    models: [{ name: 'm', version: '1', configJson: {}, memoryBytes: 1000 }],
    gpus: [
      {
        uuid: 'GPU-00000000-0000-0000-0000-000000000001',
        memoryTotalBytes: 150754820096,
        powerLimitWatts: 700,
      },
    ],
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
          {
            batchSize: 1,
            requestsPerExecution: 1,
            executions: 10,
            computeInputUs: 10,
            computeInferUs: 1000,
            computeOutputUs: 5,
          },
          {
            batchSize: 4,
            requestsPerExecution: 4,
            executions: 5,
            computeInputUs: 40,
            computeInferUs: 1300,
            computeOutputUs: 6,
          },
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
    expect(stats.inference_stats.compute_infer.ns).toBe(
      10 * 1000e3 + 20 * 1300e3,
    );
    expect(stats.inference_stats.fail.count).toBe(2);
    expect(stats.batch_stats).toEqual([
      expect.objectContaining({
        batch_size: 1,
        compute_infer: { count: 10, ns: 10 * 1000e3 },
      }),
      expect.objectContaining({
        batch_size: 4,
        compute_infer: { count: 5, ns: 5 * 1300e3 },
      }),
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
    expect(sample.gpus[0].uuid).toBe(
      'GPU-00000000-0000-0000-0000-000000000001',
    );
  });

  it('writes metric families once each, labels sorted, with HELP and TYPE', () => {
    const text = server().metricsText();
    const families = text
      .split('\n')
      .filter(l => l.startsWith('# TYPE '))
      .map(l => l.split(' ')[2]);
    expect(new Set(families).size).toBe(families.length);
    expect(text).toContain(
      'nv_inference_request_failure{model="m",reason="REJECTED",version="1"} 0',
    );
    expect(text).toContain(
      'nv_inference_count{gpu_uuid="GPU-00000000-0000-0000-0000-000000000001",model="m",version="1"} 0',
    );
    expect(text).toContain(
      'nv_model_load_duration_secs{model="m",version="1"} 12.500',
    );
  });

  it('writes what a real Triton writes: family names, types, HELP texts, label keys, summaries', () => {
    const real = shape(
      fs.readFileSync(path.join(REAL, 'metrics-after.txt'), 'utf8'),
    );
    const s = new TritonServer({
      models: [
        { name: 'resnet50', version: '1', configJson: {}, memoryBytes: 1000 },
      ],
      gpus: [],
      loadDurationSecs: 3,
      cpuMemoryTotalBytes: 1e12,
    });
    const idle = s.metricsText();
    // Before any request the quantiles are Nan, as Triton writes them.
    expect(idle).toContain(
      'nv_inference_request_summary_us{model="resnet50",version="1",quantile="0.5"} Nan',
    );
    s.record(
      'resnet50',
      {
        executions: [
          {
            batchSize: 1,
            requestsPerExecution: 1,
            executions: 90,
            computeInputUs: 10,
            computeInferUs: 1000,
            computeOutputUs: 5,
          },
          {
            batchSize: 8,
            requestsPerExecution: 8,
            executions: 10,
            computeInputUs: 40,
            computeInferUs: 1500,
            computeOutputUs: 6,
          },
        ],
        queueUsPerRequest: 200,
        pending: 0,
      },
      1_700_000_000_000,
    );
    const text = s.metricsText();
    const imitation = shape(text);
    // Every family a CPU-only real server writes is written, the same way (the demo has no
    // load-duration gauge in 2.51 and GPU families only with GPUs).
    for (const [family, realShape] of real) {
      expect({ family, shape: imitation.get(family) }).toEqual({
        family,
        shape: realShape,
      });
    }
    // The summaries agree with the counters and give p50/p99 to the history's latency reader.
    expect(text).toContain(
      'nv_inference_request_summary_us_count{model="resnet50",version="1"} 170',
    );
    expect(text).toContain(
      `nv_inference_queue_summary_us_sum{model="resnet50",version="1"} ${
        170 * 200
      }`,
    );
    const { latency } = tritonLatencyFromMetrics(text);
    // 90 lone requests of 1.25 ms, 80 batched ones of 1.78 ms (queue + compute + 35 µs overhead).
    expect(latency).toEqual([
      { model: 'resnet50', p50LatencyMs: 1.25, p99LatencyMs: 1.781 },
    ]);
  });

  it('answers /stats with the keys a real Triton uses', () => {
    const realDoc = JSON.parse(
      fs.readFileSync(path.join(REAL, 'stats-resnet50-after.json'), 'utf8'),
    );
    const s = server();
    s.record(
      'm',
      {
        executions: [
          {
            batchSize: 2,
            requestsPerExecution: 2,
            executions: 1,
            computeInputUs: 1,
            computeInferUs: 10,
            computeOutputUs: 1,
          },
        ],
        queueUsPerRequest: 1,
        pending: 0,
      },
      1,
    );
    const keys = (v: any, prefix = ''): string[] => {
      if (Array.isArray(v))
        return v.length > 0 ? keys(v[0], `${prefix}[]`) : [];
      if (!v || typeof v !== 'object') return [];
      return Object.entries(v).flatMap(([k, x]) => [
        `${prefix}.${k}`,
        ...keys(x, `${prefix}.${k}`),
      ]);
    };
    // memory_usage is [] for the Python backend of the real server; GPU backends report entries.
    const mine = keys(s.modelStats('m')).filter(
      k => !k.startsWith('.memory_usage[]'),
    );
    expect(mine.sort()).toEqual(keys(realDoc.model_stats[0]).sort());
  });
});
