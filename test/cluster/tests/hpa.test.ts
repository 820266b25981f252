/*
 * The realtime-cpu mini project on the real control plane: the real HPA controller of
 * kube-controller-manager reads metrics-server, which reads KWOK's simulated pod usage.
 * Raising the pods' CPU makes it scale up; dropping it makes it scale down, but only after the
 * 30 s stabilization window (the controller reports ScaleDownStabilized meanwhile).
 */
import { join } from 'node:path';
import {
  ClusterEnv,
  kubectl,
  kubectlJson,
  loadClusterEnv,
  waitFor,
} from './clusterEnv';

const NS = 'hpa-mini';
const NAME = 'realtime-cpu';
const MANIFEST = join(__dirname, 'mini-project/realtime-cpu.yaml');

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

async function hpa(env: ClusterEnv) {
  return kubectlJson(env, ['-n', NS, 'get', 'hpa', NAME]);
}

async function podsOf(env: ClusterEnv): Promise<any[]> {
  const list = await kubectlJson(env, [
    '-n',
    NS,
    'get',
    'pods',
    '-l',
    `app.kubernetes.io/name=${NAME}`,
  ]);
  return list.items.filter((p: any) => !p.metadata.deletionTimestamp);
}

async function setCpuUsage(env: ClusterEnv, usage: string) {
  const pods = await podsOf(env);
  for (const pod of pods) {
    await kubectl(env, [
      '-n',
      NS,
      'annotate',
      'pod',
      pod.metadata.name,
      '--overwrite',
      `kwok.x-k8s.io/usage-cpu=${usage}`,
    ]);
  }
  return pods.length;
}

async function rescaleEvents(
  env: ClusterEnv,
): Promise<{ message: string; at: number }[]> {
  const list = await kubectlJson(env, [
    '-n',
    NS,
    'get',
    'events',
    '--field-selector',
    `involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=${NAME},reason=SuccessfulRescale`,
  ]);
  return list.items
    .map((e: any) => ({
      message: String(e.message),
      at: Date.parse(
        e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp,
      ),
    }))
    .sort((a: any, b: any) => a.at - b.at);
}

function describeHpa(env: ClusterEnv) {
  return async () => {
    const h = await hpa(env);
    return JSON.stringify({
      desired: h.status?.desiredReplicas,
      current: h.status?.currentReplicas,
      metrics: h.status?.currentMetrics,
      conditions: (h.status?.conditions ?? []).map(
        (c: Condition) => `${c.type}=${c.status}/${c.reason}`,
      ),
    });
  };
}

describe('realtime-cpu mini project on the real HPA controller', () => {
  let env: ClusterEnv;

  beforeAll(async () => {
    env = loadClusterEnv();
    await kubectl(env, [
      'delete',
      'namespace',
      NS,
      '--ignore-not-found',
      '--wait=true',
    ]);
    await kubectl(env, ['apply', '--server-side', '-f', MANIFEST]);
    await kubectl(env, [
      '-n',
      NS,
      'wait',
      '--for=condition=Available',
      '--timeout=120s',
      `deployment/${NAME}`,
    ]);
  });

  afterAll(async () => {
    if (env)
      await kubectl(env, [
        'delete',
        'namespace',
        NS,
        '--ignore-not-found',
        '--wait=false',
      ]);
  });

  it('scales up on high CPU, holds during the stabilization window, then scales down', async () => {
    // 1. Metrics arrive: the controller computes utilisation of the one idle pod (10m of 100m).
    const idle = await waitFor(
      'the HPA to read CPU utilisation from metrics-server',
      async () => {
        const h = await hpa(env);
        const cpu = (h.status?.currentMetrics ?? []).find(
          (m: any) => m.type === 'Resource' && m.resource?.name === 'cpu',
        );
        const active = (h.status?.conditions ?? []).find(
          (c: Condition) => c.type === 'ScalingActive',
        );
        return cpu?.resource?.current?.averageUtilization !== undefined &&
          active?.status === 'True'
          ? h
          : undefined;
      },
      { timeoutMs: 180_000, describe: describeHpa(env) },
    );
    expect(idle.status.currentReplicas).toBe(1);
    expect(idle.status.desiredReplicas).toBe(1);
    expect(
      idle.status.currentMetrics[0].resource.current.averageUtilization,
    ).toBeLessThan(60);

    // 2. Load: the pod burns 300m of its 100m request (300 %): ceil(1 * 300 / 60) = 5 replicas.
    expect(await setCpuUsage(env, '300m')).toBe(1);
    const up = await waitFor(
      'the HPA to scale realtime-cpu up',
      async () => {
        const events = await rescaleEvents(env);
        return events.find(e => /above target/.test(e.message));
      },
      { timeoutMs: 180_000, describe: describeHpa(env) },
    );
    expect(up.message).toMatch(
      /^New size: (\d+); reason: cpu resource utilization \(percentage of request\) above target$/,
    );
    const upSize = Number(/New size: (\d+)/.exec(up.message)![1]);
    expect(upSize).toBeGreaterThanOrEqual(5);
    expect(upSize).toBeLessThanOrEqual(10);
    await waitFor(
      `the Deployment to have at least ${upSize} ready replicas`,
      async () => {
        const d = await kubectlJson(env, ['-n', NS, 'get', 'deployment', NAME]);
        return (d.status?.readyReplicas ?? 0) >= upSize ? d : undefined;
      },
      { timeoutMs: 120_000 },
    );

    // 3. The load goes away on every pod; the controller keeps the replicas for the 30 s window.
    const droppedAt = Date.now();
    expect(await setCpuUsage(env, '5m')).toBeGreaterThanOrEqual(upSize);
    let sawStabilized = false;
    const down = await waitFor(
      'the HPA to scale realtime-cpu back down',
      async () => {
        const h = await hpa(env);
        const able = (h.status?.conditions ?? []).find(
          (c: Condition) => c.type === 'AbleToScale',
        );
        if (able?.reason === 'ScaleDownStabilized') sawStabilized = true;
        const events = await rescaleEvents(env);
        return events.find(
          e => e.at >= up.at && /below target/.test(e.message),
        );
      },
      { timeoutMs: 240_000, intervalMs: 1000, describe: describeHpa(env) },
    );
    expect(down.message).toBe('New size: 1; reason: All metrics below target');
    expect(sawStabilized).toBe(true);
    // The window is 30 s from the last high recommendation, which comes after the drop.
    expect(down.at - droppedAt).toBeGreaterThanOrEqual(28_000);

    await waitFor(
      'the Deployment to come back to 1 replica',
      async () => {
        const d = await kubectlJson(env, ['-n', NS, 'get', 'deployment', NAME]);
        return d.spec.replicas === 1 && d.status?.replicas === 1
          ? d
          : undefined;
      },
      { timeoutMs: 120_000 },
    );
    const final = await hpa(env);
    expect(final.status.desiredReplicas).toBe(1);
  });
});
