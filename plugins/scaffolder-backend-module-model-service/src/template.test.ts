import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_LATENCY_SLO_MS,
  ANNOTATION_PATTERN,
  ANNOTATION_TRITON_MODELS,
  lintManifests,
  PatternId,
} from '@internal/plugin-model-scaling-common';
import { DemoCluster, startDemoCluster } from '@internal/demo-cluster';
import yaml from 'yaml';
import { scaffolderModuleModelService } from './module';

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

/** The template's files as the dry-run endpoint takes them (like the template editor sends them). */
async function templateDirectoryContents() {
  const files = await listFiles(TEMPLATE_DIR);
  return Promise.all(
    files.map(async file => ({
      path: relative(TEMPLATE_DIR, file),
      base64Content: (await readFile(file)).toString('base64'),
    })),
  );
}

const common = {
  owner: 'group:default/ml-platform',
  publishTarget: 'local',
  applyToCluster: false,
};

/** Form values of the template for the four example services. */
const cases: {
  pattern: PatternId;
  values: Record<string, unknown>;
  namespace: string;
  tritonModel?: string;
  autoscalerKinds: string[];
}[] = [
  {
    pattern: 'realtime-cpu',
    namespace: 'ml-serving',
    autoscalerKinds: ['HorizontalPodAutoscaler'],
    values: {
      ...common,
      name: 'text-classifier',
      description: 'Classifies support tickets',
      framework: 'onnx',
      modelSizeGb: 0.5,
      needsGpu: false,
      latencySloMs: 100,
      peakRps: 200,
      trafficShape: 'steady',
      pattern: 'auto',
      namespace: 'ml-serving',
    },
  },
  {
    pattern: 'realtime-gpu',
    namespace: 'ml-serving',
    tritonModel: 'resnet50',
    autoscalerKinds: ['ScaledObject'],
    values: {
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
      namespace: 'ml-serving',
    },
  },
  {
    pattern: 'async-batch',
    namespace: 'ml-batch',
    tritonModel: 'bert-embedder',
    autoscalerKinds: ['ScaledObject'],
    values: {
      ...common,
      name: 'batch-embedder',
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
      pattern: 'auto',
      namespace: 'ml-batch',
    },
  },
  {
    pattern: 'bursty',
    namespace: 'ml-serving',
    tritonModel: 'summarizer-encoder',
    autoscalerKinds: ['ScaledObject'],
    values: {
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
      namespace: 'ml-serving',
    },
  },
];

describe('templates/model-service through the real scaffolder (dry run)', () => {
  const publishDir = createMockDirectory();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let template: unknown;
  let directoryContents: { path: string; base64Content: string }[];
  let cluster: DemoCluster;

  beforeAll(async () => {
    cluster = await startDemoCluster({
      port: 0,
      clock: 'manual',
      writeToken: 'demo-scaffolder-token',
    });
    template = yaml.parse(
      await readFile(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    );
    directoryContents = await templateDirectoryContents();
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
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

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
    return { status: response.status, body };
  }

  it.each(cases.map(c => [c.pattern, c] as const))(
    '%s: produces the expected files, and the manifests lint clean',
    async (_pattern, c) => {
      const { status, body } = await dryRun(c.values);
      const log = (body.log ?? [])
        .map((l: { body: { message: string } }) => l.body.message)
        .join('\n');
      if (status !== 200 || body.error)
        console.log(
          JSON.stringify(body, null, 1).slice(0, 3000),
          log.slice(-3000),
        );
      expect({ status, error: body.error }).toEqual({
        status: 200,
        error: undefined,
      });
      const files = new Map<string, string>(
        body.directoryContents.map(
          (f: { path: string; base64Content: string }) => [
            f.path,
            Buffer.from(f.base64Content, 'base64').toString('utf8'),
          ],
        ),
      );
      const paths = [...files.keys()].sort();
      const name = c.values.name as string;

      expect(paths).toEqual(
        expect.arrayContaining([
          'catalog-info.yaml',
          'README.md',
          'docs/scaling.md',
          'scripts/load-test.sh',
        ]),
      );
      const manifestPaths = paths.filter(p => p.startsWith('k8s/'));
      expect(manifestPaths.length).toBeGreaterThan(0);
      const tritonConfigs = paths.filter(p => p.endsWith('config.pbtxt'));
      expect(tritonConfigs).toEqual(
        c.tritonModel ? [`model_repository/${c.tritonModel}/config.pbtxt`] : [],
      );

      // the manifests hold the pattern's objects, all in the chosen namespace
      const objects = manifestPaths.flatMap(p =>
        yaml
          .parseAllDocuments(files.get(p)!)
          .map(d => d.toJS())
          .filter(Boolean),
      );
      const kinds = objects.map(o => o.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['Deployment', 'Service', ...c.autoscalerKinds]),
      );
      for (const object of objects) {
        expect(object.metadata.namespace ?? c.namespace).toBe(c.namespace);
      }

      // the manifests give no error findings
      const findings = lintManifests(
        manifestPaths.map(path => ({ path, content: files.get(path)! })),
        {},
      );
      expect(findings.filter(f => f.severity === 'error')).toEqual([]);

      // catalog-info.yaml carries the entity contract
      const entity = yaml.parse(files.get('catalog-info.yaml')!);
      expect(entity).toMatchObject({
        kind: 'Component',
        metadata: {
          name,
          annotations: {
            'backstage.io/kubernetes-id': name,
            'backstage.io/kubernetes-namespace': c.namespace,
            [ANNOTATION_PATTERN]: c.pattern,
            [ANNOTATION_LATENCY_SLO_MS]: String(c.values.latencySloMs),
          },
        },
        spec: { type: 'model-service', owner: 'group:default/ml-platform' },
      });
      expect(entity.metadata.annotations[ANNOTATION_TRITON_MODELS]).toBe(
        c.tritonModel,
      );

      expect(files.get('README.md')).toMatch(new RegExp(`^# ${name}\n\n[^\n]`));
      expect(files.get('README.md')).toContain(
        `**${c.pattern}** scaling pattern`,
      );
      expect(files.get('docs/scaling.md')).toContain(
        `**Pattern: \`${c.pattern}\`**`,
      );
      expect(files.get('scripts/load-test.sh')).toMatch(
        /^#!\/usr\/bin\/env bash/,
      );

      // the output links point at the local repository and the entity
      expect(body.output.links).toEqual([
        { title: 'Repository', url: `file://${publishDir.path}/${name}` },
        {
          title: 'Open in catalog',
          icon: 'catalog',
          entityRef: `component:default/${name}`,
        },
      ]);
    },
    60_000,
  );

  it('runs the optional apply step as a server-side dry run against an allowed cluster', async () => {
    const realtimeCpu = cases[0];
    const hpaPath =
      '/apis/autoscaling/v2/namespaces/ml-serving/horizontalpodautoscalers/text-classifier';
    const live = () =>
      fetch(`${cluster.url}${hpaPath}`, {
        headers: { authorization: `Bearer ${cluster.token}` },
      }).then(r => r.json());
    const before = await live();
    cluster.resetCounts();

    const { status, body } = await dryRun({
      ...realtimeCpu.values,
      applyToCluster: true,
      cluster: 'demo',
      applyDryRun: false,
    });
    expect(status).toBe(200);
    const log = body.log
      .map((l: { body: { message: string } }) => l.body.message)
      .join('\n');
    // the template's dry run forces a server-side dry run even with applyDryRun false
    expect(log).toMatch(
      /HorizontalPodAutoscaler\/text-classifier validated \(server dry run\)/,
    );
    expect(log).toMatch(/Deployment\/text-classifier \w+ \(server dry run\)/);
    expect(cluster.totalRequests()).toBeGreaterThan(0);
    const after = await live();
    expect(after.metadata.resourceVersion).toBe(
      before.metadata.resourceVersion,
    );
    expect(after.spec).toEqual(before.spec);
  }, 60_000);

  it('refuses an apply step to a cluster/namespace that is not allowed', async () => {
    const asyncBatch = cases[2];
    const { status, body } = await dryRun({
      ...asyncBatch.values,
      applyToCluster: true,
      cluster: 'demo',
    });
    const text = JSON.stringify(body);
    expect(status).not.toBe(200);
    expect(text).toContain(
      'applying to cluster \\"demo\\", namespace \\"ml-batch\\" is not allowed',
    );
  }, 60_000);
});
