/*
 * How the tests reach the test Triton that start.sh started: its ports come
 * from the state file serve.py writes once every model is loaded.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What serve.py writes once Triton is ready. */
export interface TritonState {
  pid: number;
  httpPort: number;
  grpcPort: number;
  metricsPort: number;
  models: string[];
  timeScale: number;
}

export const STATE_DIR =
  process.env.MODEL_SCALING_TRITON_STATE ?? '/tmp/model-scaling-triton';
const HERE = path.resolve(__dirname, '..');

/** The running server's state; throws with the way to start it when it is not running. */
export function tritonState(): TritonState {
  const file = path.join(STATE_DIR, 'state.json');
  if (!fs.existsSync(file)) {
    throw new Error(
      `No test Triton is running (${file} is missing): start it with bash test/triton/start.sh, or run yarn test:triton`,
    );
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TritonState;
}

export function httpUrl(state = tritonState()): string {
  return `http://127.0.0.1:${state.httpPort}`;
}

export function metricsUrl(state = tritonState()): string {
  return `http://127.0.0.1:${state.metricsPort}`;
}

async function getOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) {
    throw new Error(`GET ${url}: HTTP ${res.status}: ${await res.text()}`);
  }
  return res;
}

/** `GET /v2/models/<m>/stats` as JSON (every model's: `/v2/models/stats`, without a model). */
export async function fetchStats(model?: string): Promise<any> {
  const url =
    model === undefined
      ? `${httpUrl()}/v2/models/stats`
      : `${httpUrl()}/v2/models/${encodeURIComponent(model)}/stats`;
  return (await getOk(url)).json();
}

/** `GET /v2/models/<m>/config` as JSON. */
export async function fetchConfig(model: string): Promise<any> {
  return (
    await getOk(`${httpUrl()}/v2/models/${encodeURIComponent(model)}/config`)
  ).json();
}

/** `GET :metrics/metrics` as text. */
export async function fetchMetrics(): Promise<string> {
  return (await getOk(`${metricsUrl()}/metrics`)).text();
}

const INFER_BODY = JSON.stringify({
  inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP32', data: [1.5] }],
});

/** One inference request of batch size 1; resolves when Triton answered it. */
export async function infer(model: string, retry = true): Promise<void> {
  const res = await fetch(
    `${httpUrl()}/v2/models/${encodeURIComponent(model)}/infer`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: INFER_BODY,
    },
  ).catch(async e => {
    // A keep-alive connection to a server that was restarted is closed on first use: once more on a new one.
    if (retry && /socket/i.test(`${e?.cause?.code} ${e?.cause?.name}`))
      return undefined;
    throw e;
  });
  if (!res) return infer(model, false);
  const text = await res.text();
  if (!res.ok) throw new Error(`infer ${model}: HTTP ${res.status}: ${text}`);
}

/** The JSON body of one inference request (for hey and the load-test script). */
export const INFER_REQUEST_BODY = INFER_BODY;

/** `POST /v2/repository/models/<m>/{load,unload}`. */
export async function repository(
  model: string,
  action: 'load' | 'unload',
): Promise<void> {
  const url = `${httpUrl()}/v2/repository/models/${encodeURIComponent(
    model,
  )}/${action}`;
  const res = await fetch(url, { method: 'POST' });
  if (!res.ok)
    throw new Error(`POST ${url}: HTTP ${res.status}: ${await res.text()}`);
}

/** Stops the server and starts it again on the same ports (its counters start over). */
export function restartTriton(): TritonState {
  const before = tritonState();
  const env = {
    ...process.env,
    MODEL_SCALING_TRITON_STATE: STATE_DIR,
    TRITON_HTTP_PORT: String(before.httpPort),
    TRITON_GRPC_PORT: String(before.grpcPort),
    TRITON_METRICS_PORT: String(before.metricsPort),
  };
  execFileSync('bash', [path.join(HERE, 'stop.sh')], { env, stdio: 'inherit' });
  execFileSync('bash', [path.join(HERE, 'start.sh')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return tritonState();
}
