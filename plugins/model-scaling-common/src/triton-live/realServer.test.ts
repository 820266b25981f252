import fs from 'node:fs';
import path from 'node:path';
import { tritonLatencyFromMetrics } from '../history/tritonLatencyFromMetrics';
import { metricsAt15 } from './__fixtures__/metricsText';
import { parseTritonMetrics } from './parseTritonMetrics';
import { tritonConfigFromJson } from './tritonConfigFromJson';
import { tritonFiguresFromMetrics } from './tritonFiguresFromMetrics';
import { tritonFiguresFromStats } from './tritonFiguresFromStats';
import { parseTritonStats } from './tritonStatsSchema';

/*
 * The parsers against answers of a real Triton Inference Server 2.51 (PyTriton,
 * CPU instances), captured by test/triton/captureFixtures.ts around a known
 * load: 48 requests to `resnet50` (preferred 4/8/16, 5 ms delay) in bursts of
 * 8 and 12 lone requests to `resnet50-nobatch`. Summaries are on, so the
 * `_summary_us` families (with Triton's `Nan` quantiles on idle models) are in
 * the text too.
 */
const dir = path.join(__dirname, '__fixtures__', 'real');
const text = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const json = (f: string) => JSON.parse(text(f));
const capture = json('capture.json');

describe('parsers on a real Triton server', () => {
  const before = parseTritonMetrics(
    text('metrics-before.txt'),
    capture.beforeAt,
  );
  const after = parseTritonMetrics(text('metrics-after.txt'), capture.afterAt);

  it('reads the counters of every model from /metrics, without GPU labels on CPU instances', () => {
    expect(after.models.map(m => m.model).sort()).toEqual([
      'resnet50',
      'resnet50-nobatch',
      'resnet50-spare',
    ]);
    const r = after.models.find(m => m.model === 'resnet50')!;
    expect(r).toMatchObject({
      version: '1',
      requestSuccess: 48,
      inferenceCount: 48,
      requestFailure: 0,
      pendingRequests: 0,
    });
    expect(after.gpus).toEqual([]);
    // Nan quantiles of the idle model's summaries are skipped, not read as numbers.
    expect(text('metrics-before.txt')).toContain('} Nan');
    expect(
      before.models.find(m => m.model === 'resnet50')!.requestSuccess,
    ).toBe(0);
  });

  it('gives the same rates and average batch from /metrics and from the stats documents', () => {
    const fromMetrics = tritonFiguresFromMetrics(before, after).find(
      f => f.model === 'resnet50',
    )!;
    const fromStats = tritonFiguresFromStats(
      json('stats-resnet50-before.json'),
      capture.beforeAt,
      json('stats-resnet50-after.json'),
      capture.afterAt,
    )[0];
    const statsDoc = json('stats-resnet50-after.json').model_stats[0];
    expect(fromStats.averageBatchSize).toBeCloseTo(
      48 / statsDoc.execution_count,
      9,
    );
    expect(fromMetrics.averageBatchSize).toBeCloseTo(
      fromStats.averageBatchSize!,
      9,
    );
    expect(fromMetrics.requestsPerSecond).toBeCloseTo(
      fromStats.requestsPerSecond,
      9,
    );
    // The histogram of batch_stats accounts for every execution and every request.
    const h = fromStats.batchSizeHistogram;
    expect(h.reduce((n, x) => n + x.executions, 0)).toBe(
      statsDoc.execution_count,
    );
    expect(h.reduce((n, x) => n + x.executions * x.batchSize, 0)).toBe(48);
    // Queue time: µs integers per request in /metrics, ns in stats — the same mean.
    expect(fromMetrics.averageQueueUs).toBeCloseTo(
      fromStats.averageQueueUs!,
      -1,
    );
    // Compute: /metrics has it per request (each request carries its batch's time), stats per execution.
    expect(fromStats.averageComputeUs).toBeGreaterThan(10_000);
    expect(fromMetrics.averageComputeUs).toBeGreaterThan(10_000);
  });

  it('reads the batching part of /config', () => {
    expect(tritonConfigFromJson(json('config-resnet50.json'))).toMatchObject({
      name: 'resnet50',
      backend: 'python',
      maxBatchSize: 32,
      dynamicBatching: {
        preferredBatchSize: [4, 8, 16],
        maxQueueDelayMicroseconds: 5000,
      },
      instanceGroups: [{ kind: 'KIND_CPU', count: 1 }],
    });
    const plain = tritonConfigFromJson(json('config-resnet50-nobatch.json'));
    expect(plain.maxBatchSize).toBe(32);
    expect(plain.dynamicBatching).toBeUndefined();
  });

  it('validates the stats of every model, and names the field of an error answer', () => {
    expect(
      parseTritonStats(json('stats-all-after.json')).model_stats.map(
        m => m.name,
      ),
    ).toHaveLength(3);
    const unknown = json('stats-unknown-model.json');
    expect(unknown.status).toBe(400);
    expect(() => parseTritonStats(unknown.body)).toThrow(/model_stats/);
  });

  it('reads p50/p99 latency from the real summaries, and nothing from an idle model', () => {
    const { latency } = tritonLatencyFromMetrics(text('metrics-after.txt'));
    expect(latency).toEqual([
      { model: 'resnet50', p50LatencyMs: 25.961, p99LatencyMs: 60.992 },
      { model: 'resnet50-nobatch', p50LatencyMs: 16.438, p99LatencyMs: 18.931 },
    ]);
  });

  it('keeps the hand-written GPU fixture true to the real server in every family both write', () => {
    // A CPU-only server cannot show gpu_uuid labels or GPU gauges, so the GPU pod's /metrics stays
    // hand-written; its HELP and TYPE lines must be the real server's wherever the family exists.
    const headers = (t: string) =>
      new Map(
        t
          .split('\n')
          .filter(l => l.startsWith('# HELP ') || l.startsWith('# TYPE '))
          .map(l => [l.split(' ').slice(0, 3).join(' '), l]),
      );
    const real = headers(text('metrics-after.txt'));
    const handWritten = headers(metricsAt15);
    let shared = 0;
    for (const [key, line] of handWritten) {
      if (!real.has(key)) continue;
      shared += 1;
      expect(line).toBe(real.get(key));
    }
    expect(shared).toBeGreaterThan(15);
  });
});
