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
            {
              ...(template as any),
              metadata: { ...(template as any).metadata, namespace: 'default' },
            },
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

  it('runs as a task: commits the fix to a new branch of the local repository', async () => {
    const base = `http://localhost:${
      (server.address() as { port: number }).port
    }/api/scaffolder/v2`;
    const created = await fetch(`${base}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/apply-scaling-fixes',
        values: {
          entityRef: 'component:default/text-classifier',
          fixIds: ['hpa.spec.maxReplicas:service'],
          target: 'auto',
          branch: 'fix/max-replicas',
        },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    let task: any;
    for (let i = 0; i < 100; i++) {
      task = await (await fetch(`${base}/tasks/${id}`)).json();
      if (task.status === 'completed' || task.status === 'failed') break;
      await new Promise(r => setTimeout(r, 200));
    }
    const events = await (await fetch(`${base}/tasks/${id}/events`)).json();
    const log = events
      .map((e: any) => e.body?.message ?? JSON.stringify(e.body))
      .join('\n');
    expect({
      status: task.status,
      log: task.status === 'completed' ? '' : log,
    }).toEqual({
      status: 'completed',
      log: '',
    });
    const completion = events.find((e: any) => e.type === 'completion');
    expect(completion.body.output.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Branch',
          url: expect.stringMatching(/^file:\/\//),
        }),
      ]),
    );
    // the action's result as data, for the pages
    expect(completion.body.output.result).toEqual(
      expect.objectContaining({
        dryRun: false,
        files: ['k8s/hpa.yaml', '.model-scaling/plan.json'],
        branch: 'fix/max-replicas',
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        diff: expect.stringContaining('+  maxReplicas: 30'),
      }),
    );
    expect(await git.listBranches({ fs, dir: repoDir })).toEqual([
      'fix/max-replicas',
      'main',
    ]);
    const oid = await git.resolveRef({
      fs,
      dir: repoDir,
      ref: 'fix/max-replicas',
    });
    const { blob } = await git.readBlob({
      fs,
      dir: repoDir,
      oid,
      filepath: 'k8s/hpa.yaml',
    });
    expect(Buffer.from(blob).toString('utf8')).toContain('  maxReplicas: 30\n');
  }, 60_000);
});
