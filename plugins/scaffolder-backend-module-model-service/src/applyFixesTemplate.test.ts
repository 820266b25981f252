import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createPlan,
  textClassifierAnswers,
} from '@internal/plugin-model-scaling-common';
import git from 'isomorphic-git';
import yaml from 'yaml';
import {
  generatedRepository,
  serviceEntity,
} from './__testUtils__/fixRepositories';
import { scaffolderModuleModelService } from './module';

const TEMPLATE = join(
  __dirname,
  '../../../templates/apply-scaling-fixes/template.yaml',
);

describe('templates/apply-scaling-fixes through the real scaffolder (dry run)', () => {
  let baseDir: string;
  let repoDir: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let template: unknown;

  beforeAll(async () => {
    baseDir = await mkdtemp(join(tmpdir(), 'apply-fixes-template-'));
    repoDir = await generatedRepository(
      baseDir,
      createPlan(textClassifierAnswers),
    );
    template = yaml.parse(await readFile(TEMPLATE, 'utf8'));
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleModelService,
        catalogServiceMock.factory({
          entities: [
            serviceEntity('text-classifier', {
              'backstage.io/managed-by-location': `file:${repoDir}/catalog-info.yaml`,
            }),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            modelScaling: {
              scaffolder: { localPublish: { baseDir } },
              // a preset the text-classifier plan drifts from
              patterns: { 'realtime-cpu': { maxReplicas: 30 } },
            },
          },
        }),
      ],
    }));
  }, 60_000);

  afterAll(async () => {
    await rm(baseDir, { recursive: true, force: true });
  });

  it('shows the diff of the fixes and writes nothing', async () => {
    const response = await fetch(
      `http://localhost:${
        (server.address() as { port: number }).port
      }/api/scaffolder/v2/dry-run`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          template,
          values: {
            entityRef: 'component:default/text-classifier',
            fixIds: ['hpa.spec.maxReplicas:service'],
            fixes: [
              {
                id: 'default-scale-down-window:HorizontalPodAutoscaler/text-classifier',
                title: 'Set the scale-down stabilization window to 90 s',
                source: { kind: 'finding', id: 'default-scale-down-window' },
                planChanges: [
                  {
                    path: [
                      'autoscaler',
                      'behavior',
                      'scaleDownStabilizationWindowSeconds',
                    ],
                    to: 90,
                  },
                ],
              },
            ],
            target: 'auto',
          },
          directoryContents: [],
        }),
      },
    );
    const body = await response.json();
    expect({ status: response.status, error: body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    const text = body.output.text
      .map((t: { content: string }) => t.content)
      .join('\n');
    expect(text).toContain('Files: k8s/hpa.yaml, .model-scaling/plan.json');
    expect(text).toContain('-  maxReplicas: 20\n+  maxReplicas: 30\n');
    expect(text).toContain(
      '-      stabilizationWindowSeconds: 60\n+      stabilizationWindowSeconds: 90\n',
    );
    expect(text).toContain('Nothing was written');
    expect(await git.listBranches({ fs, dir: repoDir })).toEqual(['main']);
  }, 60_000);
});
