/*
 * YAML injection through template values: every field of the template gets
 * values that would open a new document, add a key or span lines if they were
 * pasted into YAML unescaped, and the real scaffolder runs the template as a
 * dry run. Each run must either refuse the value with an error naming its
 * field, or produce YAML files that parse to exactly the documents of the
 * same run without the injected value (same files, kinds, keys and types).
 */
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import yaml from 'yaml';
import { scaffolderModuleModelService } from './module';

jest.setTimeout(600_000);

const TEMPLATE_DIR = join(__dirname, '../../../templates/model-service');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(e =>
      e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
    ),
  );
  return files.flat();
}

/** The attacks: a new document, a new key (at two depths), a multi-line value. */
const INJECTIONS = {
  newDocument:
    'x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: injected\n',
  newKey: 'x\ninjected: true\n  injected: true',
  multiLine: 'x" | line one\n  - line: two\n# comment\n\'',
};
/** All three at once, for fields that are not free text. */
const COMBINED = `${INJECTIONS.newDocument}${INJECTIONS.newKey}\n${INJECTIONS.multiLine}`;

const common = {
  owner: 'group:default/ml-platform',
  description: 'Classifies support tickets',
  publishTarget: 'local',
  applyToCluster: false,
  namespace: 'ml-serving',
};

const bases: Record<string, Record<string, unknown>> = {
  cpu: {
    ...common,
    name: 'text-classifier',
    framework: 'onnx',
    modelSizeGb: 0.5,
    needsGpu: false,
    latencySloMs: 100,
    peakRps: 200,
    trafficShape: 'steady',
    pattern: 'realtime-cpu',
    minReplicas: 2,
    maxReplicas: 10,
    cpuTargetUtilization: 70,
    memoryTargetUtilization: 80,
  },
  apply: {
    ...common,
    name: 'text-classifier',
    framework: 'onnx',
    modelSizeGb: 0.5,
    needsGpu: false,
    latencySloMs: 100,
    peakRps: 200,
    trafficShape: 'steady',
    pattern: 'auto',
    applyToCluster: true,
    cluster: 'demo',
    applyDryRun: true,
  },
  gpu: {
    ...common,
    name: 'image-classifier',
    framework: 'onnx',
    modelSizeGb: 0.1,
    needsGpu: true,
    tritonModelName: 'resnet50',
    latencySloMs: 20,
    peakRps: 400,
    trafficShape: 'steady',
    pattern: 'realtime-gpu',
    gpuSharing: 'exclusive',
    preferredBatchSizes: [4, 8, 16],
    maxQueueDelayMicroseconds: 5000,
    kedaThreshold: 100,
  },
  kafka: {
    ...common,
    name: 'batch-embedder',
    namespace: 'ml-batch',
    framework: 'pytorch',
    modelSizeGb: 0.4,
    needsGpu: true,
    tritonModelName: 'bert-embedder',
    latencySloMs: 2000,
    peakRps: 500,
    trafficShape: 'queue',
    queueType: 'kafka',
    kafkaBootstrapServers: 'kafka.ml-batch.svc:9092',
    kafkaTopic: 'documents-to-embed',
    kafkaConsumerGroup: 'embedders',
    pattern: 'async-batch',
    queueThreshold: 50,
    spot: true,
  },
  sqs: {
    ...common,
    name: 'batch-scorer',
    namespace: 'ml-batch',
    framework: 'sklearn',
    modelSizeGb: 0.2,
    needsGpu: false,
    latencySloMs: 2000,
    peakRps: 100,
    trafficShape: 'queue',
    queueType: 'aws-sqs-queue',
    sqsQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
    pattern: 'async-batch',
  },
  mig: {
    ...common,
    name: 'summarizer',
    framework: 'pytorch',
    modelSizeGb: 1.5,
    needsGpu: true,
    tritonModelName: 'summarizer-encoder',
    latencySloMs: 500,
    peakRps: 50,
    trafficShape: 'bursty',
    pattern: 'bursty',
    gpuSharing: 'mig',
    migProfile: '1g.18gb',
    gpuModel: 'H200-141GB',
    activationThreshold: 1,
    coldStartBudgetSeconds: 120,
  },
};

/**
 * Every field of the template: the base run it belongs to, whether it is
 * free text (gets each injection alone, and must come out unchanged), and
 * the names an error about it may use (the form field or the action input).
 */
const fields: Array<{
  field: string;
  base: keyof typeof bases;
  freeText?: boolean;
  names: RegExp;
}> = [
  { field: 'name', base: 'cpu', freeText: true, names: /\bname\b/ },
  { field: 'owner', base: 'cpu', freeText: true, names: /\bowner\b/ },
  { field: 'description', base: 'cpu', freeText: true, names: /description/ },
  { field: 'namespace', base: 'cpu', freeText: true, names: /namespace/ },
  { field: 'framework', base: 'cpu', names: /framework/ },
  { field: 'modelSizeGb', base: 'cpu', names: /modelSizeGb/ },
  { field: 'needsGpu', base: 'cpu', names: /needsGpu/ },
  { field: 'latencySloMs', base: 'cpu', names: /latencySloMs/ },
  { field: 'peakRps', base: 'cpu', names: /peakRps/ },
  { field: 'trafficShape', base: 'cpu', names: /trafficShape/ },
  { field: 'pattern', base: 'cpu', names: /pattern/ },
  { field: 'minReplicas', base: 'cpu', names: /minReplicas|replicas\.min/ },
  { field: 'maxReplicas', base: 'cpu', names: /maxReplicas|replicas\.max/ },
  {
    field: 'cpuTargetUtilization',
    base: 'cpu',
    names: /cpuTargetUtilization/,
  },
  {
    field: 'memoryTargetUtilization',
    base: 'cpu',
    names: /memoryTargetUtilization/,
  },
  { field: 'publishTarget', base: 'cpu', names: /publishTarget/ },
  { field: 'applyToCluster', base: 'cpu', names: /applyToCluster/ },
  { field: 'repoUrl', base: 'cpu', freeText: true, names: /repoUrl/ },
  { field: 'cluster', base: 'apply', freeText: true, names: /cluster/ },
  { field: 'applyDryRun', base: 'apply', names: /applyDryRun|dryRun/ },
  {
    field: 'tritonModelName',
    base: 'gpu',
    freeText: true,
    names: /tritonModelName/,
  },
  { field: 'gpuSharing', base: 'gpu', names: /gpuSharing|gpu\.sharing/ },
  {
    field: 'preferredBatchSizes',
    base: 'gpu',
    names: /preferredBatchSizes/,
  },
  {
    field: 'maxQueueDelayMicroseconds',
    base: 'gpu',
    names: /maxQueueDelayMicroseconds/,
  },
  { field: 'kedaThreshold', base: 'gpu', names: /kedaThreshold|threshold/ },
  { field: 'queueType', base: 'kafka', names: /queueType|queue\.type/ },
  {
    field: 'kafkaBootstrapServers',
    base: 'kafka',
    freeText: true,
    names: /kafkaBootstrapServers|bootstrapServers/,
  },
  {
    field: 'kafkaTopic',
    base: 'kafka',
    freeText: true,
    names: /kafkaTopic|topic/,
  },
  {
    field: 'kafkaConsumerGroup',
    base: 'kafka',
    freeText: true,
    names: /kafkaConsumerGroup|consumerGroup/,
  },
  {
    field: 'queueThreshold',
    base: 'kafka',
    names: /queueThreshold|lagThreshold/,
  },
  { field: 'spot', base: 'kafka', names: /spot/ },
  {
    field: 'sqsQueueUrl',
    base: 'sqs',
    freeText: true,
    names: /sqsQueueUrl|queueUrl/,
  },
  { field: 'migProfile', base: 'mig', freeText: true, names: /migProfile/ },
  { field: 'gpuModel', base: 'mig', names: /gpuModel|gpu\.model/ },
  {
    field: 'activationThreshold',
    base: 'mig',
    names: /activationThreshold/,
  },
  {
    field: 'coldStartBudgetSeconds',
    base: 'mig',
    names: /coldStartBudgetSeconds/,
  },
];

/** The structure of a parsed YAML value: keys kept, leaves replaced by their type. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  }
  return typeof value;
}

interface YamlOutput {
  /** Path → documents, or the parse error. */
  files: Record<string, unknown[] | string>;
  /** Path → the structure of its documents. */
  shapes: Record<string, unknown>;
}

function yamlOutput(
  directoryContents: Array<{ path: string; base64Content: string }>,
): YamlOutput {
  const files: YamlOutput['files'] = {};
  const shapes: YamlOutput['shapes'] = {};
  for (const f of directoryContents) {
    if (!/\.ya?ml$/.test(f.path)) continue;
    const text = Buffer.from(f.base64Content, 'base64').toString('utf8');
    const docs = yaml.parseAllDocuments(text);
    const errors = docs.flatMap(d => d.errors.map(e => e.message));
    files[f.path] = errors.length
      ? errors.join('; ')
      : docs.map(d => d.toJS()).filter(d => d !== null);
    shapes[f.path] = Array.isArray(files[f.path])
      ? (files[f.path] as unknown[]).map(shape)
      : files[f.path];
  }
  return { files, shapes };
}

describe('templates/model-service: YAML injection through template values', () => {
  const publishDir = createMockDirectory();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let template: unknown;
  let directoryContents: { path: string; base64Content: string }[];
  let cluster: DemoCluster;
  const baselines: Record<string, YamlOutput> = {};

  async function dryRun(values: Record<string, unknown>) {
    const response = await fetch(
      `http://localhost:${
        (server.address() as { port: number }).port
      }/api/scaffolder/v2/dry-run`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ template, values, directoryContents }),
      },
    );
    const body = await response.json();
    const ok = response.status === 200 && !body.error;
    return { ok, body, text: JSON.stringify(body) };
  }

  beforeAll(async () => {
    cluster = await startDemoCluster({
      port: 0,
      clock: 'manual',
      writeToken: 'demo-scaffolder-token',
    });
    template = yaml.parse(
      await readFile(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    );
    const files = await listFiles(TEMPLATE_DIR);
    directoryContents = await Promise.all(
      files.map(async file => ({
        path: relative(TEMPLATE_DIR, file),
        base64Content: (await readFile(file)).toString('base64'),
      })),
    );
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleModelService,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'demo',
                      url: cluster.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: cluster.token,
                      skipTLSVerify: true,
                    },
                  ],
                },
              ],
            },
            modelScaling: {
              scaffolder: {
                targets: [
                  {
                    cluster: 'demo',
                    namespaces: ['ml-serving'],
                    serviceAccountToken: 'demo-scaffolder-token',
                  },
                ],
                localPublish: { baseDir: publishDir.path },
              },
            },
          },
        }),
      ],
    }));
    for (const [id, values] of Object.entries(bases)) {
      const { ok, body, text } = await dryRun(values);
      if (!ok) throw new Error(`base run ${id} failed: ${text.slice(0, 2000)}`);
      baselines[id] = yamlOutput(body.directoryContents);
    }
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  const runs = fields.flatMap(f =>
    (f.freeText
      ? Object.entries(INJECTIONS)
      : [['combined', COMBINED] as const]
    ).map(([attack, value]) => [f.field, attack, f, value] as const),
  );

  it.each(runs)(
    'YAML injection: %s (%s) is refused naming the field or renders to exactly the expected documents',
    async (_field, _attack, f, value) => {
      const base = bases[f.base];
      const { ok, body, text } = await dryRun({ ...base, [f.field]: value });
      const output = ok ? yamlOutput(body.directoryContents) : undefined;
      const catalogInfo = output?.files['catalog-info.yaml'];
      // refused with an error that names the field, or exactly the documents
      // of the run without the injection, with an accepted description
      // coming out as the very same string
      const outcome = output
        ? {
            shapes: output.shapes,
            description: Array.isArray(catalogInfo)
              ? (catalogInfo[0] as any)?.metadata?.description
              : catalogInfo,
          }
        : { refusedNamingTheField: f.names.test(text) };
      const expected = output
        ? {
            shapes: baselines[f.base].shapes,
            description: f.field === 'description' ? value : base.description,
          }
        : { refusedNamingTheField: true };
      expect(outcome).toEqual(expected);
    },
  );
});
