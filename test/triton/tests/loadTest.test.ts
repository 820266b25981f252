import {
  renderLoadTestScript,
  renderManifests,
  serviceEndpoint,
} from '@internal/plugin-model-scaling-common';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCollector, target, WORKLOAD } from '../lib/collector';
import { goldenPathPlan } from '../lib/models';
import { startPodProxy } from '../lib/podProxy';
import { httpUrl, INFER_REQUEST_BODY, tritonState } from '../lib/tritonEnv';

/*
 * The seed's load-test exercise for real: the `scripts/load-test.sh` that the
 * template generates for a realtime-gpu service runs `hey` against the real
 * Triton, and the backend's Triton figures (request rate, average batch,
 * queue vs compute) move with the load.
 */

const HEY =
  process.env.HEY ??
  path.join(os.homedir(), '.cache/model-scaling/triton/bin/hey');

it('moves the Triton figures with the load of the generated load-test script', async () => {
  const plan = goldenPathPlan();
  const script = renderLoadTestScript(
    plan,
    serviceEndpoint(
      plan,
      renderManifests(plan).flatMap(f => f.objects),
    ),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triton-load-test-'));
  const file = path.join(dir, 'load-test.sh');
  fs.writeFileSync(file, script, { mode: 0o755 });
  expect(script).toContain('/v2/models/resnet50/infer');

  const s = tritonState();
  const proxy = await startPodProxy({
    'image-classifier-0': { ports: { 8000: s.httpPort, 8002: s.metricsPort } },
  });
  const c = createCollector({
    apiUrl: proxy.url,
    targets: () => [target('image-classifier-0', ['resnet50'])],
  });
  const figure = () =>
    c.resultsFor(WORKLOAD)[0]?.figures.find(f => f.model === 'resnet50');
  try {
    // Idle: two samples 2 s apart.
    await c.collectOnce();
    await sleep(2000);
    await c.collectOnce();
    const idle = figure()!;

    // The script, as a user runs it: URL instead of a port-forward, the model's own input as BODY.
    let output = '';
    const run = spawn('bash', [file], {
      env: {
        ...process.env,
        PATH: `${path.dirname(HEY)}:${process.env.PATH}`,
        URL: httpUrl(),
        BODY: INFER_REQUEST_BODY,
        DURATION: '8s',
        CONCURRENCY: '16',
      },
    });
    run.stdout.on('data', d => (output += d));
    run.stderr.on('data', d => (output += d));
    const exited = new Promise<number | null>(r => run.on('exit', r));
    await sleep(2500);
    await c.collectOnce();
    await sleep(3000);
    await c.collectOnce();
    const loaded = figure()!;
    const code = await exited;
    expect({ code, output: code === 0 ? '' : output }).toEqual({
      code: 0,
      output: '',
    });
    expect(output).toMatch(/Status code distribution:\s+\[200\]/);

    await c.collectOnce();
    await sleep(2000);
    await c.collectOnce();
    const after = figure()!;

    // eslint-disable-next-line no-console
    console.log(
      [idle, loaded, after]
        .map(
          (f, i) =>
            `${['idle', 'load', 'after'][i]}: ${f.requestsPerSecond.toFixed(
              1,
            )} req/s, avg batch ${
              f.averageBatchSize?.toFixed(2) ?? '-'
            }, queue ${((f.averageQueueUs ?? 0) / 1000).toFixed(
              1,
            )} ms, compute ${((f.averageComputeUs ?? 0) / 1000).toFixed(1)} ms`,
        )
        .join('\n'),
    );
    expect(idle.requestsPerSecond).toBe(0);
    // 16 callers against one instance: requests queue and Triton batches them.
    expect(loaded.requestsPerSecond).toBeGreaterThan(50);
    expect(loaded.averageBatchSize).toBeGreaterThan(4);
    expect(loaded.averageQueueUs).toBeGreaterThan(5000);
    expect(loaded.averageComputeUs).toBeGreaterThan(10_000);
    expect(after.requestsPerSecond).toBe(0);
    expect(c.resultsFor(WORKLOAD)[0].error).toBeUndefined();
  } finally {
    await c.stop();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
