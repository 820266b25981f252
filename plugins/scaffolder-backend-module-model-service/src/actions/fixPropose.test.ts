import fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createPlan,
  DEFAULT_PATTERN_PRESETS,
  fixableFiles,
  imageClassifierAnswers,
  PatternPresets,
  textClassifierAnswers,
} from '@internal/plugin-model-scaling-common';
import git from 'isomorphic-git';
import { parse as parseYaml } from 'yaml';
import { setupServer } from 'msw/node';
import {
  fakeGithubRepository,
  generatedRepository,
  serviceEntity,
} from '../__testUtils__/fixRepositories';
import {
  cleanupMockActionContexts,
  createMockActionContext,
} from '../__testUtils__/createMockActionContext';
import { createFixProposeAction } from './fixPropose';

const author = { name: 'Model Scaling', email: 'model-scaling@example.com' };
const WINDOW_FIX = {
  id: 'default-scale-down-window:HorizontalPodAutoscaler/text-classifier',
  title: 'Set the scale-down stabilization window to 90 s',
  source: {
    kind: 'finding',
    id: 'default-scale-down-window',
    subject: 'HorizontalPodAutoscaler/text-classifier',
  },
  planChanges: [
    {
      path: ['autoscaler', 'behavior', 'scaleDownStabilizationWindowSeconds'],
      to: 90,
    },
  ],
};

let baseDir: string;
let workspace: string;

beforeEach(async () => {
  baseDir = await mkdtemp(join(tmpdir(), 'fix-propose-repos-'));
  workspace = await mkdtemp(join(tmpdir(), 'fix-propose-ws-'));
});
afterEach(async () => {
  await rm(baseDir, { recursive: true, force: true });
  await rm(workspace, { recursive: true, force: true });
  await cleanupMockActionContexts();
});

function localEntity(dir: string, name = 'text-classifier') {
  return serviceEntity(name, {
    'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
  });
}

function action(
  entities: Entity[],
  options: { allow?: boolean; presets?: PatternPresets; github?: boolean } = {},
) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({
        result:
          options.allow === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
  });
  return {
    permissions,
    action: createFixProposeAction({
      catalog: catalogServiceMock({ entities }),
      permissions,
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations:
            options.github === false
              ? {}
              : { github: [{ host: 'github.com', token: 'test-token' }] },
        }),
      ),
      presets: options.presets ?? DEFAULT_PATTERN_PRESETS,
      localBaseDir: baseDir,
      defaultAuthor: author,
    }),
  };
}

async function branches(dir: string) {
  return (await git.listBranches({ fs, dir })).sort();
}

async function fileAt(dir: string, ref: string, filepath: string) {
  const oid = await git.resolveRef({ fs, dir, ref });
  const { blob } = await git.readBlob({ fs, dir, oid, filepath });
  return Buffer.from(blob).toString('utf8');
}

/** What a refused proposal's error holds: its code (for FixErrors) and message. */
function refusal(code: string | undefined, message: string | RegExp) {
  return {
    ...(code ? { code } : {}),
    message:
      typeof message === 'string'
        ? expect.stringContaining(message)
        : expect.stringMatching(message),
  };
}

describe('model-service:fix:propose on a local repository', () => {
  const plan = createPlan(textClassifierAnswers);

  it('dry run: outputs the unified diff and writes nothing', async () => {
    const dir = await generatedRepository(baseDir, plan);
    const before = await readFile(join(dir, 'k8s/hpa.yaml'), 'utf8');
    const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
        dryRun: true,
      } as any,
      workspacePath: workspace,
    });
    await action([localEntity(dir)]).action.handler(ctx);
    expect(ctx.outputs.dryRun).toBe(true);
    expect(ctx.outputs.files).toEqual([
      'k8s/hpa.yaml',
      '.model-scaling/plan.json',
    ]);
    expect(ctx.outputs.diff).toContain(
      '--- a/k8s/hpa.yaml\n+++ b/k8s/hpa.yaml\n',
    );
    expect(ctx.outputs.diff).toContain(
      '-      stabilizationWindowSeconds: 60\n+      stabilizationWindowSeconds: 90\n',
    );
    expect(ctx.outputs.branch).toBeUndefined();
    expect(await branches(dir)).toEqual(['main']);
    expect(await git.resolveRef({ fs, dir, ref: 'HEAD' })).toBe(head);
    expect(await readFile(join(dir, 'k8s/hpa.yaml'), 'utf8')).toBe(before);
  });

  it('commits the change to a new branch; the default branch and working tree stay', async () => {
    const dir = await generatedRepository(baseDir, plan);
    const before = await readFile(join(dir, 'k8s/hpa.yaml'), 'utf8');
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
        branch: 'fix/window',
      } as any,
      workspacePath: workspace,
    });
    await action([localEntity(dir)]).action.handler(ctx);
    expect(ctx.outputs.branch).toBe('fix/window');
    expect(await branches(dir)).toEqual(['fix/window', 'main']);
    const changed = createPlan(textClassifierAnswers);
    changed.autoscaler.behavior.scaleDownStabilizationWindowSeconds = 90;
    const expected = new Map(fixableFiles(changed).map(f => [f.path, f]));
    const hpa = await fileAt(dir, 'fix/window', 'k8s/hpa.yaml');
    // the objects are the template's output for the changed plan
    expect(parseYaml(hpa)).toEqual(expected.get('k8s/hpa.yaml')!.objects[0]);
    expect(
      JSON.parse(await fileAt(dir, 'fix/window', '.model-scaling/plan.json')),
    ).toEqual(changed);
    expect(await fileAt(dir, 'fix/window', 'README.md')).toBe(
      '# text-classifier\n',
    );
    expect(await fileAt(dir, 'main', 'k8s/hpa.yaml')).toBe(before);
    expect(await readFile(join(dir, 'k8s/hpa.yaml'), 'utf8')).toBe(before);
    const [commit] = await git.log({ fs, dir, ref: 'fix/window', depth: 1 });
    expect(commit.commit.message).toContain(
      'Set the scale-down stabilization window to 90 s',
    );
    expect(commit.oid).toBe(ctx.outputs.commit);
  });

  it('applies fixes the plan offers by id (bring to preset)', async () => {
    const presets = JSON.parse(
      JSON.stringify(DEFAULT_PATTERN_PRESETS),
    ) as PatternPresets;
    presets['realtime-cpu'].cpuTargetUtilization = 60;
    presets['realtime-cpu'].maxReplicas = 30;
    const dir = await generatedRepository(baseDir, plan);
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixIds: ['preset:service'],
        dryRun: true,
      } as any,
      workspacePath: workspace,
    });
    await action([localEntity(dir)], { presets }).action.handler(ctx);
    expect(ctx.outputs.diff).toContain(
      '-          averageUtilization: 70\n+          averageUtilization: 60\n',
    );
    expect(ctx.outputs.diff).toMatch(
      /- {2}maxReplicas: \d+\n\+ {2}maxReplicas: 30\n/,
    );
  });

  it('refuses an unknown fix id, listing the offered ones', async () => {
    const dir = await generatedRepository(baseDir, plan);
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixIds: ['nope:service'],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([localEntity(dir)]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal('unknown-fix', /fixIds: nope:service is not offered/),
    );
  });

  it('refuses a conflicting edit and writes nothing', async () => {
    const dir = await generatedRepository(baseDir, plan, files =>
      files.set(
        'k8s/hpa.yaml',
        files
          .get('k8s/hpa.yaml')!
          .replace(
            'stabilizationWindowSeconds: 60',
            'stabilizationWindowSeconds: 45',
          ),
      ),
    );
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([localEntity(dir)]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal(
        'conflict',
        'k8s/hpa.yaml HorizontalPodAutoscaler/text-classifier spec.behavior.scaleDown.stabilizationWindowSeconds: expected 60, found 45',
      ),
    );
    expect(await branches(dir)).toEqual(['main']);
    expect(ctx.outputs.diff).toBeUndefined();
  });

  it('refuses a repository without the expected files and writes nothing', async () => {
    const dir = await generatedRepository(baseDir, plan, files =>
      files.delete('k8s/hpa.yaml'),
    );
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([localEntity(dir)]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal('missing-file', /does not have k8s\/hpa.yaml/),
    );
    expect(await branches(dir)).toEqual(['main']);
  });

  it('refuses a repository without a recorded plan', async () => {
    const dir = await generatedRepository(baseDir, plan, files =>
      files.delete('.model-scaling/plan.json'),
    );
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([localEntity(dir)]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal('missing-plan', /has no \.model-scaling\/plan\.json/),
    );
  });

  it('refuses a recorded plan that leads outside the repository', async () => {
    const escaping = createPlan(imageClassifierAnswers);
    escaping.triton!.modelName = '../../outside';
    const dir = await generatedRepository(
      baseDir,
      createPlan(imageClassifierAnswers),
      files => files.set('.model-scaling/plan.json', JSON.stringify(escaping)),
    );
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/image-classifier',
        fixes: [
          {
            id: 'x',
            title: 'Queue delay 1000 µs',
            source: { kind: 'advice', id: 'batching-advice' },
            planChanges: [
              { path: ['triton', 'maxQueueDelayMicroseconds'], to: 1000 },
            ],
          },
        ],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([localEntity(dir, 'image-classifier')]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal(
        'unreadable-file',
        'leads to the file "model_repository/../../outside/config.pbtxt"',
      ),
    );
    expect(await branches(dir)).toEqual(['main']);
  });

  it('refuses a service without source location', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([serviceEntity('text-classifier', {})]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal(
        'missing-source-location',
        'component:default/text-classifier has no backstage.io/source-location annotation',
      ),
    );
  });

  it('refuses a repository outside the local publisher’s directory', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([
        serviceEntity('text-classifier', {
          'backstage.io/source-location': 'url:file:///etc/',
        }),
      ]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal(
        'missing-source-location',
        /outside modelScaling.scaffolder.localPublish.baseDir/,
      ),
    );
  });

  it('refuses a host without SCM integration', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([
        serviceEntity('text-classifier', {
          'backstage.io/source-location':
            'url:https://git.internal.example/ml/text-classifier/',
        }),
      ]).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal(
        'missing-scm-integration',
        'No SCM integration for git.internal.example in app-config',
      ),
    );
  });

  it('checks model-scaling.fix.propose on the entity with the initiator’s credentials', async () => {
    const dir = await generatedRepository(baseDir, plan);
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/text-classifier',
        fixes: [WINDOW_FIX],
      } as any,
      workspacePath: workspace,
    });
    const { action: denied, permissions } = action([localEntity(dir)], {
      allow: false,
    });
    await expect(denied.handler(ctx)).rejects.toMatchObject(
      refusal(
        undefined,
        'Not allowed to propose fixes for component:default/text-classifier (model-scaling.fix.propose)',
      ),
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'model-scaling.fix.propose',
          }),
          resourceRef: 'component:default/text-classifier',
        }),
      ],
      { credentials: await ctx.getInitiatorCredentials() },
    );
    expect(await branches(dir)).toEqual(['main']);
  });

  it('names invalid input fields', async () => {
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/x' } as any,
      workspacePath: workspace,
    });
    await expect(action([]).action.handler(ctx)).rejects.toMatchObject(
      refusal(undefined, 'fixIds: give at least one fix in fixIds or fixes'),
    );
  });
});

describe('model-service:fix:propose on GitHub', () => {
  const plan = createPlan(imageClassifierAnswers);
  const files = new Map(fixableFiles(plan).map(f => [f.path, f.content]));
  const { handlers, requests: created } = fakeGithubRepository(
    'acme',
    'image-classifier',
    files,
  );
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  const githubEntity = serviceEntity('image-classifier', {
    'backstage.io/source-location':
      'url:https://github.com/acme/image-classifier/tree/main/',
  });
  const batchingFix = {
    id: 'batching-advice:TritonModel/resnet50',
    title: 'Batching of resnet50: preferred [8, 16], queue delay 1000 µs',
    source: {
      kind: 'advice',
      id: 'batching-advice',
      subject: 'TritonModel/resnet50',
    },
    planChanges: [
      { path: ['triton', 'preferredBatchSizes'], to: [8, 16] },
      { path: ['triton', 'maxQueueDelayMicroseconds'], to: 1000 },
    ],
  };

  it('opens a pull request through the GitHub integration with one commit of the changed files', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/image-classifier',
        fixes: [batchingFix],
      } as any,
      workspacePath: workspace,
    });
    await action([githubEntity]).action.handler(ctx);
    expect(created.authorization).toBe('token test-token');
    expect(ctx.outputs.pullRequestUrl).toBe(
      'https://github.com/acme/image-classifier/pull/7',
    );
    expect(created.tree.base_tree).toBe('base-tree');
    const config = created.tree.tree.find(
      (t: any) => t.path === 'model_repository/resnet50/config.pbtxt',
    );
    // exactly what the template generates for the changed plan
    const changed = createPlan(imageClassifierAnswers);
    changed.triton!.preferredBatchSizes = [8, 16];
    changed.triton!.maxQueueDelayMicroseconds = 1000;
    expect(config.content).toBe(
      fixableFiles(changed).find(f => f.path.endsWith('config.pbtxt'))!.content,
    );
    expect(created.tree.tree.map((t: any) => t.path).sort()).toEqual([
      '.model-scaling/plan.json',
      'model_repository/resnet50/config.pbtxt',
    ]);
    expect(created.commit).toEqual(
      expect.objectContaining({ tree: 'new-tree', parents: ['base-sha'] }),
    );
    expect(created.ref).toEqual({
      ref: `refs/heads/${ctx.outputs.branch}`,
      sha: 'new-commit',
    });
    expect(created.pull).toEqual(
      expect.objectContaining({
        head: ctx.outputs.branch,
        base: 'main',
        title: batchingFix.title,
      }),
    );
  });

  it('refuses a GitHub repository when the integration is not configured for the host', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/image-classifier',
        fixes: [batchingFix],
      } as any,
      workspacePath: workspace,
    });
    await expect(
      action([githubEntity], { github: false }).action.handler(ctx),
    ).rejects.toMatchObject(
      refusal(
        'missing-scm-integration',
        /github.com has no token or GitHub App/,
      ),
    );
  });
});
