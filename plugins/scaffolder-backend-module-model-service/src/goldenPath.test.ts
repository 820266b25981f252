import fs from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import git from 'isomorphic-git';
import yaml from 'yaml';
import { catalogModuleModelServiceLocalLocations } from './catalogModule';
import { scaffolderModuleModelService } from './module';

const TEMPLATE = resolve(
  __dirname,
  '../../../templates/model-service/template.yaml',
);

async function poll<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
}

/*
 * The demo golden path end to end in one backend: the template is read from
 * the catalog, a real (not dry-run) task plans the service, renders the
 * skeleton, publishes a local git repository and registers it, and the new
 * entity shows up in the catalog with the entity contract's annotations.
 */
describe('the Create new model service golden path (catalog + scaffolder + this module)', () => {
  const publishDir = createMockDirectory();

  it('creates, publishes and registers a model service', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleTemplateKind,
        catalogModuleModelServiceLocalLocations,
        scaffolderPlugin,
        scaffolderModuleModelService,
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            catalog: {
              rules: [{ allow: ['Component', 'Template', 'Location'] }],
              locations: [{ type: 'file', target: TEMPLATE }],
              processingInterval: { seconds: 1 },
            },
            modelScaling: {
              scaffolder: { localPublish: { baseDir: publishDir.path } },
            },
          },
        }),
      ],
    });
    const base = `http://localhost:${
      (server.address() as { port: number }).port
    }/api`;
    const getJson = (path: string) =>
      fetch(`${base}${path}`).then(async r =>
        r.status === 200 ? r.json() : undefined,
      );

    const template = await poll('the template in the catalog', () =>
      getJson('/catalog/entities/by-name/template/default/model-service'),
    );
    expect(template.metadata.title).toBe('Create new model service');

    const created = await fetch(`${base}/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/model-service',
        values: {
          name: 'text-classifier',
          owner: 'group:default/ml-platform',
          description: 'Classifies support tickets',
          framework: 'onnx',
          modelSizeGb: 0.5,
          needsGpu: false,
          latencySloMs: 100,
          peakRps: 200,
          trafficShape: 'steady',
          pattern: 'auto',
          namespace: 'ml-serving',
          publishTarget: 'local',
          applyToCluster: false,
        },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();

    const task = await poll('the task to finish', async () => {
      const t = await getJson(`/scaffolder/v2/tasks/${id}`);
      return t && ['completed', 'failed'].includes(t.status) ? t : undefined;
    });
    if (task.status !== 'completed') {
      const events = await getJson(`/scaffolder/v2/tasks/${id}/events`);
      throw new Error(
        `Task ${task.status}: ${JSON.stringify(events?.slice(-5))}`,
      );
    }
    const events = await getJson(`/scaffolder/v2/tasks/${id}/events`);
    const completion = events.find(
      (e: { type: string }) => e.type === 'completion',
    );
    expect(completion.body.output.links).toEqual([
      {
        title: 'Repository',
        url: `file://${publishDir.path}/text-classifier`,
      },
      {
        title: 'Open in catalog',
        icon: 'catalog',
        entityRef: 'component:default/text-classifier',
      },
    ]);

    // a git repository with everything committed
    const dir = join(publishDir.path, 'text-classifier');
    const files = await git.listFiles({ fs, dir, ref: 'main' });
    expect(files.sort()).toEqual([
      '.model-scaling/plan.json',
      'README.md',
      'catalog-info.yaml',
      'docs/scaling.md',
      'k8s/deployment.yaml',
      'k8s/hpa.yaml',
      'k8s/service.yaml',
      'scripts/load-test.sh',
    ]);
    const [commit] = await git.log({ fs, dir });
    expect(commit.commit.message.trim()).toBe(
      'Create text-classifier (realtime-cpu) from the model-service template',
    );
    const hpa = yaml.parse(fs.readFileSync(join(dir, 'k8s/hpa.yaml'), 'utf8'));
    expect(hpa.spec.metrics).toHaveLength(2);

    // and the catalog reads the new entity from the registered file location
    const entity = await poll('the new entity in the catalog', () =>
      getJson('/catalog/entities/by-name/component/default/text-classifier'),
    );
    expect(entity.spec).toMatchObject({
      type: 'model-service',
      owner: 'group:default/ml-platform',
    });
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-id': 'text-classifier',
      'backstage.io/kubernetes-namespace': 'ml-serving',
      'model-scaling.io/pattern': 'realtime-cpu',
      'model-scaling.io/latency-slo-ms': '100',
      'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
    });
  }, 120_000);
});
