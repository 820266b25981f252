import { test, expect, Locator, Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { screenshot, signIn } from './signIn';

/*
 * The Triton card against a real Triton Inference Server: the demo cluster's
 * image-classifier pods answer Triton requests from the test Triton
 * (demoCluster.tritonUpstreams), and the load-test script the template
 * generates for a realtime-gpu service loads it with `hey`. The card's
 * request rate, average batch and queue vs compute move with the load and
 * fall back after it. Run by test/triton/e2e.sh, which starts Triton and the
 * portal with that configuration.
 */

const REAL = process.env.MODEL_SCALING_TRITON_REAL === '1';
const LOAD_SECONDS = Number(process.env.TRITON_E2E_LOAD_SECONDS ?? 40);

/** The request body of the test models (one FP32 input `x` of shape [1, 1]). */
const INFER_BODY = JSON.stringify({
  inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP32', data: [1.5] }],
});

interface Figures {
  requestsPerSecond: number;
  averageBatch?: number;
  queue: string;
  compute: string;
  text: string;
}

const number = (text: string) => Number(text.replace(/,/g, ''));

/** Reads the figures the card shows for resnet50. */
async function readFigures(model: Locator): Promise<Figures> {
  const text = (await model.innerText()).replace(/\s+/g, ' ');
  const rate = text.match(/([\d,.]+) req\/s/);
  const batch = text.match(/Batch size .*? average ([\d,.]+|—)/);
  const queue = text.match(/Queue delay .*? average (\S+ (?:µs|ms|s)|—)/);
  const compute = text.match(/Compute per execution — (\S+ (?:µs|ms|s)|—)/);
  if (!rate) throw new Error(`no request rate on the card: ${text}`);
  return {
    requestsPerSecond: number(rate[1]),
    averageBatch: batch && batch[1] !== '—' ? number(batch[1]) : undefined,
    queue: queue?.[1] ?? '—',
    compute: compute?.[1] ?? '—',
    text,
  };
}

async function openTritonCard(page: Page): Promise<Locator> {
  await page.goto('/catalog/default/component/image-classifier/scaling');
  const tab = page.getByTestId('model-scaling-tab');
  await expect(tab).toBeVisible();
  const model = tab.getByRole('region', {
    name: 'Triton model resnet50',
    exact: true,
  });
  await expect(model).toBeVisible({ timeout: 90_000 });
  return model;
}

/** Reloads the tab until the card's figures satisfy `ok` (the tab itself polls every 15 s). */
async function waitForFigures(
  page: Page,
  ok: (f: Figures) => boolean,
  timeoutMs: number,
): Promise<Figures> {
  const deadline = Date.now() + timeoutMs;
  let last: Figures | undefined;
  for (;;) {
    const model = await openTritonCard(page);
    last = await readFigures(model);
    if (ok(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `the Triton card did not reach the expected figures in ${timeoutMs} ms; last: ${last.text}`,
      );
    }
    await page.waitForTimeout(4000);
  }
}

// Plain `yarn test:e2e` runs against the imitation: this file needs the real server.
test.skip(
  !REAL,
  'needs a real Triton and the portal configured for it: run bash test/triton/e2e.sh (sets MODEL_SCALING_TRITON_REAL=1)',
);

test.beforeEach(async ({ page }) => signIn(page));

test('the Triton card follows a real Triton under the generated load test', async ({
  page,
}) => {
  test.setTimeout(6 * 60_000);
  const script = process.env.TRITON_E2E_LOAD_TEST!;
  const state = JSON.parse(
    fs.readFileSync(process.env.TRITON_E2E_STATE!, 'utf8'),
  );
  const url = `http://127.0.0.1:${state.httpPort}`;

  // Idle: the real server has had no inference requests.
  const idle = await waitForFigures(
    page,
    f => f.requestsPerSecond === 0,
    60_000,
  );
  expect(idle.text).toContain('preferred 4, 8, 16 (max 32)');

  // The generated load-test script, as a user runs it (URL instead of a port-forward).
  let output = '';
  const run = spawn('bash', [script], {
    env: {
      ...process.env,
      PATH: `${path.dirname(process.env.HEY!)}:${process.env.PATH}`,
      URL: url,
      BODY: INFER_BODY,
      DURATION: `${LOAD_SECONDS}s`,
      CONCURRENCY: '16',
    },
  });
  run.stdout.on('data', d => (output += d));
  run.stderr.on('data', d => (output += d));
  const exited = new Promise<number | null>(r => run.on('exit', r));
  let loaded: Figures;
  try {
    // Under load: requests arrive, Triton batches them, time goes to queue and compute.
    loaded = await waitForFigures(
      page,
      f =>
        f.requestsPerSecond > 50 &&
        (f.averageBatch ?? 0) > 2 &&
        f.queue !== '—' &&
        f.compute !== '—',
      (LOAD_SECONDS - 5) * 1000,
    );
    const model = page.getByRole('region', {
      name: 'Triton model resnet50',
      exact: true,
    });
    await expect(model.getByText('Queue vs compute time')).toBeVisible();
    await screenshot(page, 'triton-real-under-load');
  } finally {
    const code = await exited;
    expect({ code, output: code === 0 ? '' : output }).toEqual({
      code: 0,
      output: '',
    });
  }
  expect(output).toMatch(/Status code distribution:\s+\[200\]/);

  // After the load: the rate falls back to zero.
  const after = await waitForFigures(
    page,
    f => f.requestsPerSecond === 0,
    60_000,
  );
  await screenshot(page, 'triton-real-after-load');
  // eslint-disable-next-line no-console
  console.log(
    [
      ['idle', idle],
      ['load', loaded],
      ['after', after],
    ]
      .map(
        ([name, f]: any) =>
          `${name}: ${f.requestsPerSecond} req/s, average batch ${
            f.averageBatch ?? '—'
          }, queue ${f.queue}, compute ${f.compute}`,
      )
      .join('\n'),
  );
});
