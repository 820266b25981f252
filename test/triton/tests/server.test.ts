import {
  batchLatencyUs,
  loadBatchProfiles,
  parseTritonConfig,
  parseTritonMetrics,
  parseTritonStats,
  tritonConfigFromJson,
} from '@internal/plugin-model-scaling-common';
import fs from 'node:fs';
import path from 'node:path';
import { measuredProfile } from '../lib/differential';
import {
  PROFILE_MODEL,
  PROFILE_PATH,
  REPO_ROOT,
  testModels,
} from '../lib/models';
import {
  fetchConfig,
  fetchMetrics,
  fetchStats,
  infer,
  tritonState,
} from '../lib/tritonEnv';

/*
 * The test Triton itself: it runs the batching that the generated
 * config.pbtxt asks for, its model takes the profiled time per executed
 * batch, and it answers in the shape of the fixtures captured from it.
 */

const profile = loadBatchProfiles(
  JSON.parse(fs.readFileSync(PROFILE_PATH, 'utf8')),
).find(p => p.model === PROFILE_MODEL)!;
const FIXTURES = path.join(
  REPO_ROOT,
  'plugins/model-scaling-common/src/triton-live/__fixtures__/real',
);

/** Metric family → its TYPE and the label keys of its samples. */
function shape(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const t = line.match(/^# TYPE (\S+) (\S+)/);
    if (t) types.set(t[1], t[2]);
    const s = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? /);
    if (!s || line.startsWith('#')) continue;
    const keys = (s[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map(kv => kv.split('=')[0])
      .sort()
      .join(',');
    const family = s[1].replace(/_(count|sum)$/, '');
    out.set(`${s[1]}{${keys}}`, types.get(s[1]) ?? types.get(family) ?? '');
  }
  return out;
}

/** The key paths of a JSON value (array items merged). */
function keyPaths(v: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(v)) {
    for (const item of v)
      for (const k of keyPaths(item, `${prefix}[]`)) out.add(k);
  } else if (v && typeof v === 'object') {
    for (const [k, val] of Object.entries(v)) {
      out.add(`${prefix}.${k}`);
      for (const p of keyPaths(val, `${prefix}.${k}`)) out.add(p);
    }
  }
  return out;
}

describe('the test Triton Inference Server', () => {
  it('runs the batching of the generated config.pbtxt', async () => {
    for (const m of testModels()) {
      const wanted = parseTritonConfig(m.configPbtxt);
      const live = tritonConfigFromJson(await fetchConfig(m.name));
      expect(live.name).toBe(m.name);
      expect(live.maxBatchSize).toBe(wanted.maxBatchSize);
      expect(live.dynamicBatching?.preferredBatchSize).toEqual(
        wanted.dynamicBatching?.preferredBatchSize,
      );
      expect(live.dynamicBatching?.maxQueueDelayMicroseconds).toEqual(
        wanted.dynamicBatching?.maxQueueDelayMicroseconds,
      );
    }
  });

  it('takes the profiled time of the batch size Triton formed', async () => {
    const { timeScale } = tritonState();
    const before = await fetchStats('resnet50');
    // Bursts of 12 at once: the first runs alone (its delay ran out or it was
    // first), the rest queue behind it and form larger batches.
    for (let i = 0; i < 3; i++) {
      await Promise.all(Array.from({ length: 12 }, () => infer('resnet50')));
    }
    const after = await fetchStats('resnet50');
    const measured = measuredProfile('resnet50', before, after);
    expect(measured.points.some(p => p.batchSize > 1)).toBe(true);
    for (const p of measured.points) {
      const sleep = batchLatencyUs(profile, p.batchSize) * timeScale;
      // Never shorter than the sleep; the Python model's own overhead on a shared CPU on top.
      expect(p.latencyUs).toBeGreaterThanOrEqual(sleep);
      expect(p.latencyUs).toBeLessThan(sleep * 2 + 20_000);
    }
  });

  it('answers in the shape of the fixtures captured from it', async () => {
    const live = shape(await fetchMetrics());
    const captured = shape(
      fs.readFileSync(path.join(FIXTURES, 'metrics-after.txt'), 'utf8'),
    );
    expect([...live.entries()].sort()).toEqual([...captured.entries()].sort());
    // Every model family the parser reads is there with its model and version labels.
    const sample = parseTritonMetrics(await fetchMetrics(), new Date());
    expect(sample.models.map(m => m.model).sort()).toEqual(
      [...tritonState().models].sort(),
    );

    const stats = await fetchStats('resnet50');
    parseTritonStats(stats);
    const capturedStats = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, 'stats-resnet50-after.json'), 'utf8'),
    );
    // batch_stats grows one entry per executed size; compare the keys of one entry.
    const keys = (doc: any) =>
      [
        ...keyPaths({
          ...doc,
          model_stats: doc.model_stats.map((m: any) => ({
            ...m,
            batch_stats: m.batch_stats.slice(0, 1),
          })),
        }),
      ].sort();
    expect(keys(stats)).toEqual(keys(capturedStats));
    const config = await fetchConfig('resnet50');
    const capturedConfig = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, 'config-resnet50.json'), 'utf8'),
    );
    expect([...keyPaths(config)].sort()).toEqual(
      [...keyPaths(capturedConfig)].sort(),
    );
  });
});
