/*
 * The real KEDA operator and metrics API server (start-keda.sh) on the real control plane, with
 * the real Prometheus as the triggers' server. The two example patterns that use KEDA are
 * planned and rendered by the common library (as `model-service:plan:create` does), applied,
 * and scale for real: realtime-gpu on the Triton request rate through the HPA that KEDA creates
 * (reading the external metrics API through the aggregation layer), bursty from zero and back to
 * zero. Bad input: a ScaledObject the API server rejects names its file; a KEDA operator that
 * cannot start fails start-keda.sh quickly with its last log lines.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ModelServiceAnswers,
  createPlan,
  renderManifests,
  resolvePatternPresets,
} from '@internal/plugin-model-scaling-common';
import { parseAllDocuments } from 'yaml';
import {
  ClusterEnv,
  kubectl,
  kubectlJson,
  kubectlRaw,
  loadClusterEnv,
  repoRoot,
  waitFor,
} from './clusterEnv';
import { ManifestRejectedError, applyManifestFile } from './manifests';
import { promQuery, setSeries } from './promExporter';

const execFileAsync = promisify(execFile);
const NS = 'keda-patterns';

/** Golden-path presets pointed at the local Prometheus, with short periods so the test is bounded. */
function presets(env: ClusterEnv) {
  const fast = {
    keda: { pollingInterval: 5, cooldownPeriod: 20 },
    behavior: {
      scaleDownStabilizationWindowSeconds: 10,
      scaleDownPercent: 100,
      scaleDownPeriodSeconds: 15,
    },
  };
  return resolvePatternPresets({
    'realtime-gpu': {
      ...fast,
      prometheus: { serverAddress: env.PROMETHEUS_URL },
    },
    bursty: { ...fast, prometheus: { serverAddress: env.PROMETHEUS_URL } },
  });
}

const realtimeGpu: ModelServiceAnswers = {
  name: 'kp-image-classifier',
  owner: 'group:default/ml-platform',
  namespace: NS,
  framework: 'onnx',
  modelSizeGb: 0.1,
  needsGpu: true,
  latencySloMs: 20,
  peakRps: 400,
  trafficShape: 'steady',
  pattern: 'realtime-gpu',
  tritonModelName: 'resnet50',
  gpu: { sharing: 'exclusive', product: 'NVIDIA-H200' },
  keda: { threshold: 100 },
} as ModelServiceAnswers;

const bursty: ModelServiceAnswers = {
  name: 'kp-summarizer',
  owner: 'group:default/ml-platform',
  namespace: NS,
  framework: 'pytorch',
  modelSizeGb: 1.5,
  needsGpu: true,
  latencySloMs: 500,
  peakRps: 50,
  trafficShape: 'bursty',
  pattern: 'bursty',
  tritonModelName: 'summarizer-encoder',
  gpu: { sharing: 'mig', migProfile: '1g.18gb', model: 'H200-141GB' },
  scaleToZero: { activationThreshold: 1, coldStartBudgetSeconds: 120 },
} as ModelServiceAnswers;

async function specReplicas(env: ClusterEnv, name: string): Promise<number> {
  const d = await kubectlJson(env, ['-n', NS, 'get', 'deployment', name]);
  return d.spec.replicas ?? 1;
}

function condition(obj: any, type: string) {
  return (obj?.status?.conditions ?? []).find((c: any) => c.type === type);
}

async function describe_(env: ClusterEnv, name: string): Promise<string> {
  const so = await kubectlRaw(env, [
    '-n',
    NS,
    'get',
    'scaledobject',
    name,
    '-o',
    'jsonpath={.status}',
  ]);
  const hpa = await kubectlRaw(env, [
    '-n',
    NS,
    'get',
    'hpa',
    `keda-hpa-${name}`,
    '-o',
    'jsonpath={.status}',
  ]);
  return `replicas=${await specReplicas(env, name).catch(
    String,
  )} scaledobject=${so.stdout} hpa=${hpa.stdout}`;
}

describe('KEDA on the real control plane', () => {
  let env: ClusterEnv;
  let workdir: string;
  const files: Record<string, string[]> = {};

  beforeAll(async () => {
    env = loadClusterEnv();
    workdir = await mkdtemp(join(tmpdir(), 'keda-patterns-'));
    await kubectlRaw(env, [
      'delete',
      'namespace',
      NS,
      '--wait=true',
      '--timeout=60s',
    ]);
    await kubectl(env, ['create', 'namespace', NS]);
    const p = presets(env);
    for (const answers of [realtimeGpu, bursty]) {
      const plan = createPlan(answers, p);
      files[plan.name] = [];
      for (const file of renderManifests(plan)) {
        const path = join(
          workdir,
          `${plan.name}-${file.path.replace(/\//g, '_')}`,
        );
        await writeFile(path, file.content, 'utf8');
        files[plan.name].push(path);
      }
    }
  });

  afterAll(async () => {
    const all: { name: string; labels: Record<string, string> }[] = [
      {
        name: 'nv_inference_request_success',
        labels: { namespace: NS, model: 'resnet50' },
      },
      {
        name: 'istio_requests_total',
        labels: {
          reporter: 'source',
          destination_service_namespace: NS,
          destination_service_name: 'kp-summarizer',
        },
      },
    ];
    for (const series of all) {
      await setSeries(env, { ...series, absent: true }).catch(() => undefined);
    }
    await kubectlRaw(env, ['delete', 'namespace', NS, '--wait=false']);
    await rm(workdir, { recursive: true, force: true });
  });

  it('serves the external metrics API through the aggregation layer from the real KEDA metrics server', async () => {
    const svc = await kubectlJson(env, [
      'get',
      'apiservice',
      'v1beta1.external.metrics.k8s.io',
    ]);
    expect(condition(svc, 'Available')?.status).toBe('True');
    const group = JSON.parse(
      await kubectl(env, [
        'get',
        '--raw',
        '/apis/external.metrics.k8s.io/v1beta1',
      ]),
    );
    expect(group).toMatchObject({
      kind: 'APIResourceList',
      groupVersion: 'external.metrics.k8s.io/v1beta1',
    });
    expect(env.KEDA_VERSION).toBe('v2.21.0');
  });

  it('the operator reconciles the example services: an HPA for each ScaledObject whose scaler can be built', async () => {
    const list = await kubectlJson(env, ['get', 'scaledobjects.keda.sh', '-A']);
    const examples = list.items.filter((so: any) =>
      ['ml-serving', 'ml-batch'].includes(so.metadata.namespace),
    );
    expect(examples.length).toBe(3);
    for (const so of examples) {
      const key = `${so.metadata.namespace}/${so.metadata.name}`;
      await waitFor(
        `KEDA's status of ScaledObject ${key}`,
        async () => {
          const cur = await kubectlJson(env, [
            '-n',
            so.metadata.namespace,
            'get',
            'scaledobject',
            so.metadata.name,
          ]);
          const ready = condition(cur, 'Ready');
          if (so.spec.triggers[0].type === 'kafka') {
            // No broker here: KEDA cannot build the scaler, so it makes no HPA
            // (controllers/keda/scaledobject_controller.go reconcileScaledObject).
            return (
              ready?.reason === 'ScaledObjectCheckFailed' &&
              /kafka/.test(ready.message)
            );
          }
          if (!cur.status?.hpaName) return undefined;
          const hpa = await kubectlJson(env, [
            '-n',
            so.metadata.namespace,
            'get',
            'hpa',
            cur.status.hpaName,
          ]);
          return hpa.spec.scaleTargetRef.name === so.spec.scaleTargetRef.name;
        },
        { timeoutMs: 60_000 },
      );
    }
  });

  it('realtime-gpu from the generated manifests: the HPA that KEDA made scales on the Prometheus request rate', async () => {
    const name = realtimeGpu.name;
    for (const f of files[name]) await applyManifestFile(env, f);
    const soFile = files[name].find(f => f.endsWith('scaledobject.yaml'))!;
    const so = parseAllDocuments(await readFile(soFile, 'utf8'))
      .map(d => d.toJS())
      .find((o: any) => o?.kind === 'ScaledObject');
    expect(so.spec.triggers[0]).toMatchObject({
      type: 'prometheus',
      metadata: { serverAddress: env.PROMETHEUS_URL },
    });
    const query = so.spec.triggers[0].metadata.query as string;

    // 350 req/s against a threshold of 100 per pod: the HPA wants 4 pods.
    await setSeries(env, {
      name: 'nv_inference_request_success',
      labels: { namespace: NS, model: 'resnet50' },
      type: 'counter',
      rate: 350,
    });
    await waitFor(
      'Prometheus to see the request rate',
      async () => {
        const v = await promQuery(env, query);
        return v !== undefined && Math.abs(v - 350) < 1;
      },
      { timeoutMs: 90_000 },
    );
    await waitFor(
      `${name} to scale to 4`,
      async () => (await specReplicas(env, name)) === 4,
      {
        timeoutMs: 120_000,
        describe: () => describe_(env, name),
      },
    );
    const hpa = await kubectlJson(env, [
      '-n',
      NS,
      'get',
      'hpa',
      `keda-hpa-${name}`,
    ]);
    const external = hpa.status.currentMetrics.find(
      (m: any) => m.type === 'External',
    );
    expect(external.external.metric.name).toMatch(/^s0-prometheus/);
    // AverageValue: the HPA shows the total divided by the pods, in milli-units.
    const average =
      Number(String(external.external.current.averageValue).replace(/m$/, '')) /
      (String(external.external.current.averageValue).endsWith('m') ? 1000 : 1);
    expect(average).toBeGreaterThan(50);
    const status = await kubectlJson(env, [
      '-n',
      NS,
      'get',
      'scaledobject',
      name,
    ]);
    expect(condition(status, 'Ready')?.status).toBe('True');
    expect(condition(status, 'Active')?.status).toBe('True');

    // Traffic gone: back to minReplicaCount (1) after the 10 s scale-down window.
    await setSeries(env, {
      name: 'nv_inference_request_success',
      labels: { namespace: NS, model: 'resnet50' },
      type: 'counter',
      rate: 0,
    });
    await waitFor(
      `${name} to scale back to 1`,
      async () => (await specReplicas(env, name)) === 1,
      {
        timeoutMs: 180_000,
        describe: () => describe_(env, name),
      },
    );
  });

  it('bursty from the generated manifests: KEDA scales it to zero, activates it on traffic and returns it to zero after the cooldown', async () => {
    const name = bursty.name;
    for (const f of files[name]) await applyManifestFile(env, f);
    const series = {
      name: 'istio_requests_total',
      labels: {
        reporter: 'source',
        destination_service_namespace: NS,
        destination_service_name: name,
      },
    };
    // Never active since creation (initialCooldownPeriod 0): KEDA deactivates it at once.
    await waitFor(
      `${name} to be scaled to zero`,
      async () => (await specReplicas(env, name)) === 0,
      {
        timeoutMs: 60_000,
        describe: () => describe_(env, name),
      },
    );
    await setSeries(env, { ...series, type: 'counter', rate: 250 });
    await waitFor(
      `${name} to activate and scale to 3`,
      async () => (await specReplicas(env, name)) === 3,
      {
        timeoutMs: 150_000,
        describe: () => describe_(env, name),
      },
    );
    const events = await kubectlJson(env, [
      '-n',
      NS,
      'get',
      'events',
      '--field-selector',
      `involvedObject.name=${name},reason=KEDAScaleTargetActivated`,
    ]);
    expect(events.items.map((e: any) => e.message).join('\n')).toMatch(
      /from 0 to 1/,
    );

    await setSeries(env, { ...series, type: 'counter', rate: 0 });
    await waitFor(
      `${name} to return to zero`,
      async () => (await specReplicas(env, name)) === 0,
      {
        timeoutMs: 180_000,
        describe: () => describe_(env, name),
      },
    );
  });

  it('bad input: a ScaledObject the API server rejects fails with the name of its file', async () => {
    const file = join(workdir, 'bad-scaledobject.yaml');
    await writeFile(
      file,
      [
        'apiVersion: keda.sh/v1alpha1',
        'kind: ScaledObject',
        'metadata: { name: bad, namespace: keda-patterns }',
        'spec:',
        '  scaleTargetRef: { name: kp-summarizer }',
        '  minReplicaCount: "zero"',
        '  triggers: [{ type: prometheus, metadata: { query: up, threshold: "1" } }]',
        '',
      ].join('\n'),
    );
    const attempt = applyManifestFile(env, file);
    await expect(attempt).rejects.toThrow(ManifestRejectedError);
    await expect(attempt).rejects.toThrow(`the API server rejected ${file}`);
    await expect(attempt).rejects.toThrow(/minReplicaCount/);
  });

  it('a KEDA operator that cannot start fails start-keda.sh fast with its last log lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keda-broken-'));
    const started = Date.now();
    let failure: any;
    try {
      await execFileAsync(
        'bash',
        [join(repoRoot, 'test/cluster/start-keda.sh')],
        {
          env: {
            ...process.env,
            KEDA_STATE_DIR: dir,
            KEDA_KUBECONFIG: join(dir, 'missing.kubeconfig'),
            KEDA_START_TIMEOUT: '60',
          },
          timeout: 90_000,
        },
      );
    } catch (e) {
      failure = e;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(failure?.code).toBe(1);
    expect(failure.stderr).toMatch(/keda: the (operator|adapter) exited/);
    expect(failure.stderr).toMatch(/last lines of .*operator\.log/);
    expect(failure.stderr).toMatch(/missing\.kubeconfig/);
    expect(Date.now() - started).toBeLessThan(60_000);
    // The running KEDA was not touched.
    const svc = await kubectlJson(env, [
      'get',
      'apiservice',
      'v1beta1.external.metrics.k8s.io',
    ]);
    expect(condition(svc, 'Available')?.status).toBe('True');
  });
});
