/*
 * Differential tests: the simulator (`simulateAutoscaler` of model-scaling-common) against the
 * real controllers. Every scenario of differential/scenarios.ts runs at the same time in its own
 * namespace: a driver sets the load every 2 s — the Prometheus gauge that the KEDA trigger
 * queries (removed in failure windows) and the KWOK CPU usage annotation of each Ready pod
 * (the load divided over the Ready pods, as a Service spreads it) — and records the
 * Deployments' spec.replicas. The same trace goes through the simulator with the controllers'
 * settings (HPA sync 15 s, the controller's downscale stabilization, KEDA's polling interval),
 * and the two replica timelines are compared at every simulated HPA sync.
 *
 * Agreement rule: a step agrees when the observed count equals the predicted one, or equals a
 * prediction within one period (15 s, the HPA sync) of it — the controllers' loops start at their
 * own moments. The table (scenario, steps compared, steps that agree, largest difference) is
 * printed and written to $MODEL_SCALING_CLUSTER_CACHE/results/differential.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  ReplicaSample,
  ReplicaTimelineComparison,
  SimulationInput,
  compareReplicaTimelines,
  loadAt,
  simulateAutoscaler,
  toSlimHpa,
  toSlimScaledObject,
} from '@internal/plugin-model-scaling-common';
import {
  ClusterEnv,
  clusterStateDir,
  kubectl,
  kubectlJson,
  kubectlRaw,
  loadClusterEnv,
  waitFor,
} from './clusterEnv';
import { applyObjects } from './manifests';
import { setSeries } from './promExporter';
import {
  DifferentialScenario,
  LOAD_METRIC,
  differentialScenarios,
  simulatorFailures,
} from './differential/scenarios';

/** kube-controller-manager's --horizontal-pod-autoscaler-sync-period (default). */
const HPA_SYNC_SECONDS = 15;
/** metrics-server's --metric-resolution in kwokctl (its pods' CPU is that old when the HPA reads it). */
const METRICS_RESOLUTION_SECONDS = 15;
/** kube-controller-manager's --horizontal-pod-autoscaler-downscale-stabilization (start.sh). */
const DOWNSCALE_STABILIZATION_SECONDS = 60;
const TICK_MS = 2000;
const LABEL = 'model-scaling.io/differential';

const ns = (s: DifferentialScenario) => `diff-${s.id}`;

/** MODEL_SCALING_DIFFERENTIAL=id,id runs only those scenarios (while developing one). */
function selected(all: DifferentialScenario[]): DifferentialScenario[] {
  const only =
    process.env.MODEL_SCALING_DIFFERENTIAL?.split(',').filter(Boolean);
  return only?.length ? all.filter(s => only.includes(s.id)) : all;
}

function deployment(s: DifferentialScenario) {
  const requestCpu = `${s.cpu?.requestMillicores ?? 100}m`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'app',
      namespace: ns(s),
      labels: { app: 'app', [LABEL]: s.id },
    },
    spec: {
      replicas: s.initialReplicas,
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: {
          labels: { app: 'app' },
          annotations: {
            'kwok.x-k8s.io/usage-cpu': `${cpuPerPod(s, 0, 1)}m`,
            'kwok.x-k8s.io/usage-memory': '64Mi',
          },
        },
        spec: {
          nodeSelector: { type: 'kwok' },
          tolerations: [{ operator: 'Exists' }],
          containers: [
            {
              name: 'app',
              image: 'registry.invalid/differential:1.0.0',
              resources: {
                requests: { cpu: requestCpu, memory: '128Mi' },
                limits: { cpu: '1', memory: '128Mi' },
              },
            },
          ],
        },
      },
    },
  };
}

/** Millicores per Ready pod at `t`: idle + per-request cost × the pod's share of the load. */
function cpuPerPod(s: DifferentialScenario, t: number, ready: number): number {
  if (!s.cpu) return 10;
  const perPod = ready > 0 ? loadAt(s.load, t) / ready : 0;
  return Math.round(s.cpu.idleMillicores + s.cpu.millicoresPerRps * perPod);
}

/**
 * The agreement period: the HPA sync, plus metrics-server's resolution where CPU is read (the
 * HPA sees a new pod's CPU one or two scrapes after it starts).
 */
function periodOf(s: DifferentialScenario): number {
  return s.cpu
    ? HPA_SYNC_SECONDS + METRICS_RESOLUTION_SECONDS
    : HPA_SYNC_SECONDS;
}

function failingAt(s: DifferentialScenario, t: number) {
  return (s.queryFailures ?? []).some(w => t >= w.from && t < w.to);
}

function isReady(pod: any) {
  return (
    !pod.metadata.deletionTimestamp &&
    pod.status?.phase === 'Running' &&
    (pod.status?.conditions ?? []).some(
      (c: any) => c.type === 'Ready' && c.status === 'True',
    )
  );
}

/** Sets the scenario's load at `t`: the gauge (or its absence) and the Ready pods' CPU. */
async function drive(env: ClusterEnv, s: DifferentialScenario, t: number) {
  const series = { name: LOAD_METRIC, labels: { scenario: s.id } };
  const usesPrometheus = (s.autoscaler.spec.triggers ?? []).some(
    (x: any) => x.type === 'prometheus',
  );
  if (usesPrometheus) {
    await setSeries(
      env,
      failingAt(s, t)
        ? { ...series, absent: true }
        : { ...series, value: loadAt(s.load, t) },
    );
  }
  if (!s.cpu) return;
  const pods = (
    await kubectlJson(env, ['-n', ns(s), 'get', 'pods', '-l', 'app=app'])
  ).items.filter(isReady);
  if (pods.length === 0) return;
  const usage = `${cpuPerPod(s, t, pods.length)}m`;
  const stale = pods.filter(
    (p: any) => p.metadata.annotations?.['kwok.x-k8s.io/usage-cpu'] !== usage,
  );
  if (stale.length === 0) return;
  await kubectl(env, [
    '-n',
    ns(s),
    'annotate',
    'pods',
    '--overwrite',
    ...stale.map((p: any) => p.metadata.name),
    `kwok.x-k8s.io/usage-cpu=${usage}`,
  ]);
}

function simulate(s: DifferentialScenario, clusterName: string) {
  const raw: Record<string, any> = {
    ...s.autoscaler,
    metadata: { ...s.autoscaler.metadata, namespace: ns(s) },
  };
  const autoscaler =
    raw.kind === 'ScaledObject'
      ? toSlimScaledObject(raw, clusterName)
      : toSlimHpa(raw, clusterName);
  const input: SimulationInput = {
    autoscaler: autoscaler as SimulationInput['autoscaler'],
    load: s.load,
    capacity: s.cpu
      ? { cpu: s.cpu, maxRpsPerPod: 10_000 }
      : { maxRpsPerPod: 10_000 },
    // KWOK pods are Ready within a second or two.
    coldStartSeconds: 2,
    durationSeconds: s.durationSeconds,
    initialReplicas: s.initialReplicas,
    metricFailures: simulatorFailures(s),
    resourceMetricsDelaySeconds: METRICS_RESOLUTION_SECONDS,
    syncPeriodSeconds: HPA_SYNC_SECONDS,
    downscaleStabilizationSeconds: DOWNSCALE_STABILIZATION_SECONDS,
  };
  return simulateAutoscaler(input);
}

interface Outcome {
  scenario: DifferentialScenario;
  comparison: ReplicaTimelineComparison;
  observed: ReplicaSample[];
}

function table(outcomes: Outcome[]): string {
  const rows = outcomes.map(o => {
    const c = o.comparison;
    return `| ${o.scenario.id} — ${o.scenario.title} | ${c.stepsCompared} | ${c.stepsAgreeing} | ${c.largestDifference} |`;
  });
  return [
    '| scenario | steps compared | steps that agree | largest difference (replicas) |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function timelines(o: Outcome): string {
  return o.comparison.steps
    .map(
      s =>
        `t=${s.t}s predicted ${s.predicted} observed ${s.observed}${
          s.agrees ? '' : '  <-- disagrees'
        }`,
    )
    .join('\n');
}

describe('the simulator against the real HPA controller and KEDA', () => {
  let env: ClusterEnv;
  const scenarios: DifferentialScenario[] = [];
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    env = loadClusterEnv();
    scenarios.push(...selected(differentialScenarios(env.PROMETHEUS_URL)));
    // Fresh namespaces with the Deployments; no autoscaler yet.
    await Promise.all(
      scenarios.map(s =>
        kubectlRaw(env, [
          'delete',
          'namespace',
          ns(s),
          '--wait=true',
          '--timeout=90s',
        ]),
      ),
    );
    const dir = join(clusterStateDir(), 'differential');
    await mkdir(dir, { recursive: true });
    for (const s of scenarios) {
      await kubectl(env, ['create', 'namespace', ns(s)]);
      await applyObjects(env, join(dir, `${s.id}-deployment.yaml`), [
        deployment(s),
      ]);
    }
    // The load at t = 0, and CPU metrics for every running pod before the HPAs exist (the
    // simulator starts with metrics in place).
    await waitFor(
      'metrics-server to report the CPU scenarios’ pods',
      async () => {
        await Promise.all(scenarios.map(s => drive(env, s, 0)));
        for (const s of scenarios.filter(x => x.cpu && x.initialReplicas > 0)) {
          const raw = await kubectlRaw(env, [
            'get',
            '--raw',
            `/apis/metrics.k8s.io/v1beta1/namespaces/${ns(s)}/pods`,
          ]);
          if (
            raw.code !== 0 ||
            JSON.parse(raw.stdout).items.length < s.initialReplicas
          )
            return false;
        }
        return true;
      },
      { timeoutMs: 120_000, intervalMs: TICK_MS },
    );

    // t = 0: every autoscaler at once; then drive and record until the longest scenario ends.
    for (const s of scenarios) {
      await applyObjects(env, join(dir, `${s.id}-autoscaler.yaml`), [
        {
          ...s.autoscaler,
          metadata: { ...s.autoscaler.metadata, namespace: ns(s) },
        },
      ]);
    }
    const t0 = Date.now();
    const observed = new Map<string, ReplicaSample[]>(
      scenarios.map(s => [s.id, []]),
    );
    const end = Math.max(...scenarios.map(s => s.durationSeconds));
    for (;;) {
      const t = (Date.now() - t0) / 1000;
      if (t > end) break;
      const list = await kubectlJson(env, [
        'get',
        'deployments',
        '-A',
        '-l',
        LABEL,
      ]);
      const at = (Date.now() - t0) / 1000;
      for (const d of list.items) {
        const samples = observed.get(d.metadata.labels[LABEL]);
        const replicas = d.spec.replicas ?? 1;
        if (samples && samples[samples.length - 1]?.replicas !== replicas)
          samples.push({ t: at, replicas });
      }
      await Promise.all(
        scenarios
          .filter(s => t <= s.durationSeconds)
          .map(s => drive(env, s, t)),
      );
      const wait = TICK_MS - ((Date.now() - t0) % TICK_MS);
      await new Promise(r => setTimeout(r, wait));
    }

    for (const s of scenarios) {
      const sim = simulate(s, env.CLUSTER_NAME);
      const obs = observed.get(s.id)!;
      const comparison = compareReplicaTimelines({
        predicted: sim.timeline.map(p => ({
          t: p.t,
          replicas: p.desiredReplicas,
        })),
        observed: obs,
        periodSeconds: periodOf(s),
      });
      outcomes.push({ scenario: s, comparison, observed: obs });
    }
    const text = [
      '# Simulator against the real controllers',
      '',
      table(outcomes),
      '',
      ...outcomes.flatMap(o => [
        `## ${o.scenario.id}`,
        '',
        '```',
        timelines(o),
        '```',
        '',
      ]),
    ].join('\n');
    const cache = dirname(dirname(clusterStateDir()));
    const out = join(cache, 'results', 'differential.md');
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, text, 'utf8');
    process.stdout.write(
      `\nDifferential tests (written to ${out}):\n\n${table(outcomes)}\n\n`,
    );
  }, 900_000);

  afterAll(async () => {
    for (const s of scenarios) {
      await setSeries(env, {
        name: LOAD_METRIC,
        labels: { scenario: s.id },
        absent: true,
      }).catch(() => undefined);
      await kubectlRaw(env, ['delete', 'namespace', ns(s), '--wait=false']);
    }
  });

  it.each(
    selected(differentialScenarios('http://prometheus')).map(s => [
      s.id,
      s.title,
    ]),
  )('%s: the real replica timeline agrees with the simulator (%s)', id => {
    const o = outcomes.find(x => x.scenario.id === id);
    expect(o).toBeDefined();
    const c = o!.comparison;
    expect(c.stepsCompared).toBeGreaterThanOrEqual(
      Math.floor(o!.scenario.durationSeconds / HPA_SYNC_SECONDS) - 1,
    );
    const known = o!.scenario.known;
    const unexplained =
      c.disagreements.length > (known?.maxSteps ?? 0) ||
      c.disagreements.some(
        d =>
          Math.abs((d.observed ?? 0) - d.predicted) >
          (known?.maxDifference ?? 0),
      );
    if (unexplained) {
      throw new Error(
        `${id}: ${c.disagreements.length} of ${c.stepsCompared} steps disagree${
          known
            ? ` (explained: up to ${known.maxSteps} steps of ±${known.maxDifference}, ${known.why})`
            : ''
        }:\n${timelines(o!)}`,
      );
    }
  });
});
