/*
 * Captures test fixtures from the running test Triton (start.sh first) into
 * plugins/model-scaling-common/src/triton-live/__fixtures__/real/: two
 * `/metrics` scrapes and two `/v2/models/resnet50/stats` documents around a
 * known load, the `/config` of both batching configs, all models' stats and
 * Triton's answer for an unknown model.
 * Usage: node --require @backstage/cli/config/nodeTransform.cjs test/triton/captureFixtures.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/models';
import {
  fetchConfig,
  fetchMetrics,
  fetchStats,
  httpUrl,
  infer,
} from './lib/tritonEnv';

const OUT = path.join(
  REPO_ROOT,
  'plugins/model-scaling-common/src/triton-live/__fixtures__/real',
);

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const write = (name: string, body: string) =>
    fs.writeFileSync(path.join(OUT, name), body);
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

  const beforeAt = new Date().toISOString();
  write('metrics-before.txt', await fetchMetrics());
  write('stats-resnet50-before.json', json(await fetchStats('resnet50')));
  // 48 requests to the batching model in bursts of 8, 12 lone ones to the other.
  for (let i = 0; i < 6; i++) {
    await Promise.all(Array.from({ length: 8 }, () => infer('resnet50')));
  }
  for (let i = 0; i < 12; i++) await infer('resnet50-nobatch');
  const afterAt = new Date().toISOString();
  write('metrics-after.txt', await fetchMetrics());
  write('stats-resnet50-after.json', json(await fetchStats('resnet50')));
  write('stats-all-after.json', json(await fetchStats()));
  write('config-resnet50.json', json(await fetchConfig('resnet50')));
  write(
    'config-resnet50-nobatch.json',
    json(await fetchConfig('resnet50-nobatch')),
  );
  const unknown = await fetch(`${httpUrl()}/v2/models/no-such-model/stats`);
  write(
    'stats-unknown-model.json',
    json({ status: unknown.status, body: await unknown.json() }),
  );
  const server = await (await fetch(`${httpUrl()}/v2`)).json();
  write(
    'capture.json',
    json({
      server,
      beforeAt,
      afterAt,
      load: { resnet50: 48, 'resnet50-nobatch': 12 },
      note: 'Captured from the test Triton (PyTriton, CPU) by test/triton/captureFixtures.ts; summaries on (--metrics-config summary_latencies=true).',
    }),
  );
  process.stdout.write(`fixtures written to ${OUT}\n`);
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
