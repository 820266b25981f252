import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
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

async function loadTemplate() {
  return yaml.parse(
    await readFile(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
}

type Schema = Record<string, any>;

/** Every property schema of a step, with the oneOf branch it sits in. */
function propertiesByName(step: Schema): Map<string, Schema[]> {
  const out = new Map<string, Schema[]>();
  const visit = (schema: Schema) => {
    for (const [name, prop] of Object.entries<Schema>(
      schema.properties ?? {},
    )) {
      out.set(name, [...(out.get(name) ?? []), prop]);
    }
    for (const dep of Object.values<Schema>(schema.dependencies ?? {})) {
      for (const branch of dep.oneOf ?? []) visit(branch);
    }
  };
  visit(step);
  return out;
}

describe('templates/model-service form', () => {
  it('gives a field that several patterns share the same ui: options in each (the form merges them by name, so per-pattern help goes in description)', async () => {
    const template = await loadTemplate();
    for (const step of template.spec.parameters as Schema[]) {
      for (const [name, all] of propertiesByName(step)) {
        // `pattern: { const: … }` in a oneOf branch only selects the branch
        const schemas = all.filter(s => s.title !== undefined);
        if (schemas.length === 0) continue;
        const ui = schemas.map(s =>
          JSON.stringify(
            Object.fromEntries(
              Object.entries(s).filter(([k]) => k.startsWith('ui:')),
            ),
          ),
        );
        expect({ field: name, ui: [...new Set(ui)] }).toEqual({
          field: name,
          ui: [ui[0]],
        });
      }
    }
  });

  it('titles array items, so they are not labelled by their index', async () => {
    const template = await loadTemplate();
    for (const step of template.spec.parameters as Schema[]) {
      for (const [name, schemas] of propertiesByName(step)) {
        const untitled = schemas.filter(
          s => s.type === 'array' && typeof s.items?.title !== 'string',
        );
        expect({ field: name, untitled }).toEqual({
          field: name,
          untitled: [],
        });
      }
    }
  });

  it('uses the ModelServiceScalingPlan field for the live recommendation and the resolved plan', async () => {
    const template = await loadTemplate();
    const [model, scaling] = template.spec.parameters as Schema[];
    expect(model.properties.recommendation['ui:field']).toBe(
      'ModelServiceScalingPlan',
    );
    expect(scaling.properties.scalingPlan['ui:field']).toBe(
      'ModelServiceScalingPlan',
    );
    expect(scaling['ui:order']).toEqual(['pattern', '*', 'scalingPlan']);
  });
});

describe('templates/model-service: empty optional fields take the preset (dry run)', () => {
  const publishDir = createMockDirectory();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleModelService,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            modelScaling: {
              scaffolder: { localPublish: { baseDir: publishDir.path } },
            },
          },
        }),
      ],
    }));
  }, 60_000);

  it('realtime-gpu with an empty "Preferred batch sizes" list plans with the preset sizes', async () => {
    const files = await listFiles(TEMPLATE_DIR);
    const directoryContents = await Promise.all(
      files.map(async file => ({
        path: relative(TEMPLATE_DIR, file),
        base64Content: (await readFile(file)).toString('base64'),
      })),
    );
    const values = {
      name: 'vision',
      owner: 'group:default/ml-platform',
      framework: 'onnx',
      modelSizeGb: 0.1,
      needsGpu: true,
      latencySloMs: 50,
      peakRps: 400,
      trafficShape: 'steady',
      pattern: 'realtime-gpu',
      preferredBatchSizes: [],
      recommendation: { pattern: 'realtime-gpu', reason: 'r' },
      scalingPlan: { pattern: 'realtime-gpu', replicas: '1 to 8' },
      namespace: 'ml-serving',
      publishTarget: 'local',
      applyToCluster: false,
    };
    const response = await fetch(
      `http://localhost:${
        (server.address() as { port: number }).port
      }/api/scaffolder/v2/dry-run`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          template: await loadTemplate(),
          values,
          directoryContents,
        }),
      },
    );
    const body = await response.json();
    expect({ status: response.status, error: body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    const config = body.directoryContents
      .map((f: { path: string; base64Content: string }) => ({
        path: f.path,
        text: Buffer.from(f.base64Content, 'base64').toString('utf8'),
      }))
      .find((f: { path: string }) => f.path.endsWith('config.pbtxt'));
    expect(config.text).toMatch(/preferred_batch_size: \[ ?4, 8, 16 ?\]/);
  }, 120_000);
});
