/*
 * Two backend replicas on one PostgreSQL server, against the demo cluster:
 * the same answers from both, Triton pods sampled once per round (counted at
 * the cluster), a takeover of the collection when the collecting replica is
 * killed (measured and printed), and nothing collected before the kill lost.
 *
 * run.sh starts PostgreSQL and sets PGHOST / PGPORT / PGUSER; this file starts
 * the demo cluster in-process (manual clock: the harness moves it) and the two
 * backends (test/postgres/backend.ts) as child processes.
 */
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const INTERVAL_SECONDS = 5;
const TASK_TIMEOUT_SECONDS = 20;
const TOKEN = randomBytes(24).toString('hex');
const PG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
};

interface Replica {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  log: string;
  exited: Promise<void>;
}

const modelServices: string[] = parseAllDocuments(
  fs.readFileSync(
    path.join(ROOT, 'examples/entities/model-services.yaml'),
    'utf8',
  ),
)
  .map(d => d.toJS())
  .filter(e => e?.kind === 'Component' && e.spec?.type === 'model-service')
  .map(e => e.metadata.name as string);

let demo: DemoCluster;
let workDir: string;
const replicas: Replica[] = [];
let db: Client;
let mover: NodeJS.Timeout | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function configFor(port: number): string {
  const file = path.join(workDir, `app-config.${port}.yaml`);
  const entities = ['org.yaml', 'systems.yaml', 'model-services.yaml'].map(f =>
    path.join(ROOT, 'examples/entities', f),
  );
  fs.writeFileSync(
    file,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port, host: '127.0.0.1' },
        database: {
          client: 'pg',
          connection: { host: PG.host, port: PG.port, user: PG.user },
        },
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: TOKEN, subject: 'postgres-tier' },
            },
          ],
        },
      },
      catalog: {
        rules: [{ allow: ['Component', 'System', 'Group', 'User'] }],
        locations: entities.map(target => ({ type: 'file', target })),
      },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'demo',
                url: demo.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: demo.token,
                skipTLSVerify: true,
              },
            ],
          },
        ],
      },
      modelScaling: {
        triton: {
          intervalSeconds: INTERVAL_SECONDS,
          timeoutMs: 2000,
          taskTimeoutSeconds: TASK_TIMEOUT_SECONDS,
        },
      },
    }),
  );
  return file;
}

async function startReplica(name: string): Promise<Replica> {
  const port = await freePort();
  const log = path.join(workDir, `${name}.log`);
  const out = fs.openSync(log, 'w');
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(ROOT, 'test/postgres/backend.ts'),
      '--config',
      configFor(port),
    ],
    { cwd: ROOT, stdio: ['ignore', out, out], env: { ...process.env } },
  );
  const exited = new Promise<void>(r => child.once('exit', () => r()));
  const replica = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    log,
    exited,
  };
  replicas.push(replica);
  // Ready when the catalog lists every model service and our API answers.
  await eventually(
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`${name} exited: ${tail(log)}`);
      }
      const entities = await api(
        replica,
        '/api/catalog/entities/by-query?filter=spec.type=model-service',
      );
      return (
        entities.items?.length === modelServices.length &&
        (await api(replica, '/api/model-scaling/v1/clusters')).clusters?.[0]
          ?.synced
      );
    },
    180_000,
    `${name} ready`,
  );
  return replica;
}

function tail(file: string): string {
  return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
}

async function api(replica: Replica, route: string): Promise<any> {
  const res = await fetch(`${replica.url}${route}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  if (!res.ok) throw new Error(`${route}: HTTP ${res.status}`);
  return res.json();
}

async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(`${what} not reached in ${timeoutMs} ms: ${last ?? ''}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
}

/** The collection task's latest round as stored. */
async function storedRound(): Promise<{ round: number; instance: string }> {
  const { rows } = await db.query(
    `SELECT round, instance FROM model_scaling_collector_rounds WHERE task = 'model-scaling-collect'`,
  );
  return rows[0]
    ? { round: Number(rows[0].round), instance: rows[0].instance }
    : { round: 0, instance: '' };
}

/** `/metrics` requests per Triton pod, counted at the demo cluster. */
function metricsRequests(): Map<string, number> {
  const out = new Map<string, number>();
  for (const [p, n] of Object.entries(demo.requestCounts)) {
    const m = p.match(/\/pods\/([^/:]+):8002\/proxy\/metrics$/);
    if (m) out.set(m[1], (out.get(m[1]) ?? 0) + n);
  }
  return out;
}

/** The replica whose process wrote the latest round. */
async function collector(): Promise<Replica> {
  const { instance } = await storedRound();
  const pid = Number(instance.split('/')[1]);
  const found = replicas.find(
    r => r.child.pid === pid && r.child.exitCode === null,
  );
  if (!found) throw new Error(`no running replica wrote round (${instance})`);
  return found;
}

/** Moves the demo cluster forward in real time, so counters and replicas change. */
function startMoving() {
  mover ??= setInterval(() => demo.advance(1), 1000);
}
function stopMoving() {
  if (mover) clearInterval(mover);
  mover = undefined;
}

const withoutReadTime = (doc: any) => {
  const { generatedAt: _g, ...rest } = doc;
  return rest;
};

beforeAll(async () => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-scaling-pg-'));
  demo = await startDemoCluster({ port: 0, clock: 'manual' });
  startMoving();
  db = new Client({ ...PG, database: 'backstage_plugin_model-scaling' });
  const t0 = Date.now();
  await startReplica('replica-a'); // creates the databases and runs the migrations
  await startReplica('replica-b');
  console.log(
    `two replicas ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  await db.connect();
}, 400_000);

afterAll(async () => {
  stopMoving();
  await db?.end().catch(() => undefined);
  for (const r of replicas) {
    if (r.child.exitCode === null) {
      r.child.kill('SIGTERM');
      await Promise.race([
        r.exited,
        new Promise(res => setTimeout(res, 10_000)),
      ]);
      if (r.child.exitCode === null) r.child.kill('SIGKILL');
    }
  }
  await demo?.stop();
  if (process.env.MODEL_SCALING_PG_KEEP_LOGS !== '1') {
    fs.rmSync(workDir, { recursive: true, force: true });
  } else {
    console.log(`logs in ${workDir}`);
  }
}, 60_000);

describe('two backend replicas on PostgreSQL', () => {
  it('both answer the same status for every example service, and the same fleet', async () => {
    // Rounds have stored Triton figures with rates (two samples) by now.
    await eventually(
      async () => (await storedRound()).round >= 3,
      60_000,
      'three collection rounds',
    );
    stopMoving();
    const [a, b] = replicas;
    // Both serve within one round; a round that lands between the two reads
    // changes the sample times, so compare again on the next try.
    let attempts = 0;
    await eventually(
      async () => {
        attempts += 1;
        for (const name of modelServices) {
          const route = `/api/model-scaling/v1/entities/default/component/${name}/status`;
          const [fromA, fromB] = await Promise.all([
            api(a, route),
            api(b, route),
          ]);
          expect(fromA.workloads.length).toBeGreaterThan(0);
          expect(withoutReadTime(fromB)).toEqual(withoutReadTime(fromA));
        }
        const [fleetA, fleetB] = await Promise.all([
          api(a, '/api/model-scaling/v1/services'),
          api(b, '/api/model-scaling/v1/services'),
        ]);
        expect(fleetA.services).toHaveLength(modelServices.length);
        expect(fleetB.services).toEqual(fleetA.services);
        return true;
      },
      60_000,
      'identical answers from both replicas',
    );
    console.log(
      `identical status of ${modelServices.length} services and fleet from both replicas (attempt ${attempts})`,
    );
    // The Triton services carry figures and history from the shared database.
    const image = await api(
      b,
      '/api/model-scaling/v1/entities/default/component/image-classifier/status',
    );
    expect(image.workloads[0].triton.models.length).toBeGreaterThan(0);
    const imageHistory = await api(
      b,
      '/api/model-scaling/v1/entities/default/component/image-classifier/history',
    );
    expect(imageHistory.workloads[0].history.replicas.length).toBeGreaterThan(
      0,
    );
    startMoving();
  });

  it('samples each Triton pod once per round, not once per replica', async () => {
    const before = metricsRequests();
    const r0 = (await storedRound()).round;
    await eventually(
      async () => (await storedRound()).round >= r0 + 4,
      60_000,
      'four more rounds',
    );
    const r1 = (await storedRound()).round;
    const after = metricsRequests();
    const rounds = r1 - r0;
    const perPod = [...after].map(
      ([pod, n]) => [pod, n - (before.get(pod) ?? 0)] as const,
    );
    const sampled = perPod.filter(([, n]) => n > 0);
    const counts = sampled.map(([, n]) => n);
    console.log(
      `${rounds} rounds with two replicas: ${
        sampled.length
      } Triton pods sampled, /metrics requests per pod min ${Math.min(
        ...counts,
      )} max ${Math.max(...counts)}`,
    );
    expect(sampled.length).toBeGreaterThan(0);
    // One request per pod per round (±1 for a round in flight at either end).
    for (const [, n] of sampled) {
      expect(n).toBeLessThanOrEqual(rounds + 1);
    }
    // Two collecting replicas would have made about twice as many.
    const total = sampled.reduce((s, [, n]) => s + n, 0);
    expect(total).toBeLessThan(sampled.length * rounds * 1.5);
  });

  it('another replica takes over when the collecting one is killed, and nothing collected before is lost', async () => {
    const victim = await collector();
    const survivor = replicas.find(r => r !== victim)!;
    // Kill right after a round was stored (the common case: between rounds).
    const r0 = (await storedRound()).round;
    await eventually(
      async () => (await storedRound()).round > r0,
      30_000,
      'a stored round',
    );
    const { rows: historyBefore } = await db.query(
      'SELECT workload, t_ms FROM model_scaling_workload_history ORDER BY workload, t_ms',
    );
    const statusBefore = await api(
      survivor,
      '/api/model-scaling/v1/entities/default/component/image-classifier/status',
    );
    const imageHistoryBefore = await api(
      survivor,
      '/api/model-scaling/v1/entities/default/component/image-classifier/history',
    );
    const lastRoundBefore = await storedRound();
    const { rows: podsBefore } = await db.query(
      'SELECT pod_key, result_json FROM model_scaling_triton_pods',
    );
    const hadRates = new Map(
      podsBefore
        .map(r => [r.pod_key, JSON.parse(r.result_json)] as const)
        .filter(([, r]) => r.figures.length > 0 && !r.error),
    );
    const countsAtKill = metricsRequests();
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;

    // Takeover, seen at the cluster: the next /metrics request of any Triton pod.
    const takeoverMs = await eventually(
      async () => {
        const now = metricsRequests();
        const moved = [...now].some(([p, n]) => n > (countsAtKill.get(p) ?? 0));
        return moved ? Date.now() - killedAt : undefined;
      },
      (INTERVAL_SECONDS + TASK_TIMEOUT_SECONDS + 60) * 1000,
      'takeover',
    );
    const next = await eventually(
      async () => {
        const r = await storedRound();
        return r.round > lastRoundBefore.round ? r : undefined;
      },
      60_000,
      'a round by the survivor',
    );
    // The survivor's first round: its pods' figures as stored by that round.
    const { rows: firstRound } = await db.query(
      'SELECT pod_key, result_json FROM model_scaling_triton_pods WHERE round = $1',
      [next.round],
    );
    const bound = (INTERVAL_SECONDS + TASK_TIMEOUT_SECONDS) * 1000;
    console.log(
      `takeover: first /metrics request ${(takeoverMs / 1000).toFixed(
        1,
      )} s after the kill (bound: interval ${INTERVAL_SECONDS} s + lock timeout ${TASK_TIMEOUT_SECONDS} s = ${
        bound / 1000
      } s); round ${next.round} written by ${next.instance}`,
    );
    expect(next.instance).not.toBe(lastRoundBefore.instance);
    expect(Number(next.instance.split('/')[1])).toBe(survivor.child.pid);
    expect(takeoverMs).toBeLessThanOrEqual(bound);

    // Nothing collected before the kill is lost: every history point is still stored…
    const { rows: historyAfter } = await db.query(
      'SELECT workload, t_ms FROM model_scaling_workload_history ORDER BY workload, t_ms',
    );
    const after = new Set(historyAfter.map(r => `${r.workload}@${r.t_ms}`));
    const lost = historyBefore.filter(
      r => !after.has(`${r.workload}@${r.t_ms}`),
    );
    expect(lost).toEqual([]);
    expect(historyAfter.length).toBeGreaterThan(historyBefore.length);

    // …served by the survivor with the points from before the kill…
    const statusAfter = await eventually(
      async () => {
        const s = await api(
          survivor,
          '/api/model-scaling/v1/entities/default/component/image-classifier/status',
        );
        return s.workloads[0].triton.sampledAt >
          statusBefore.workloads[0].triton.sampledAt
          ? s
          : undefined;
      },
      30_000,
      'a newer Triton sample on the survivor',
    );
    const imageHistoryAfter = await api(
      survivor,
      '/api/model-scaling/v1/entities/default/component/image-classifier/history',
    );
    const timesAfter = new Set(
      imageHistoryAfter.workloads[0].history.replicas.map((p: any) => p.t),
    );
    for (const p of imageHistoryBefore.workloads[0].history.replicas) {
      expect(timesAfter.has(p.t)).toBe(true);
    }
    expect(statusAfter.workloads[0].triton.errors).toEqual([]);
    // …and the survivor's first round computed rates from the stored samples at
    // once (a collector starting from scratch has no rates after one sample).
    const continued = firstRound
      .filter(r => hadRates.has(r.pod_key))
      .map(r => [hadRates.get(r.pod_key), JSON.parse(r.result_json)]);
    expect(continued.length).toBeGreaterThan(0);
    for (const [before, first] of continued) {
      expect(first.error).toBeUndefined();
      expect(first.sampledAt > before.sampledAt).toBe(true);
      expect(first.figures.length).toBeGreaterThan(0);
      // Rates over the gap from the killed replica's last sample to the survivor's first.
      const gapSeconds =
        (Date.parse(first.sampledAt) - Date.parse(before.sampledAt)) / 1000;
      expect(
        Math.abs(first.figures[0].intervalSeconds - gapSeconds),
      ).toBeLessThan(3);
    }
    console.log(
      `${continued.length} pods with rates before the kill had rates in the survivor's first round`,
    );
  });
});
