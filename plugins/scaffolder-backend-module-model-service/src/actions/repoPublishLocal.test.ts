import fs from 'node:fs';
import { chmod, mkdir, readlink, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import git from 'isomorphic-git';
import { createMockActionContext } from '../__testUtils__/createMockActionContext';
import { createRepoPublishLocalAction } from './repoPublishLocal';

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: text-classifier
  namespace: ml
spec:
  type: model-service
  owner: group:default/ml-platform
  lifecycle: experimental
`;

describe('model-service:repo:publish-local', () => {
  const workspace = createMockDirectory();
  const baseDir = createMockDirectory();
  const author = { name: 'Scaffolder', email: 'scaffolder@example.com' };

  beforeEach(async () => {
    baseDir.clear();
    workspace.setContent({
      'catalog-info.yaml': catalogInfo,
      'k8s/deployment.yaml': 'kind: Deployment\n',
      'scripts/load-test.sh': '#!/bin/sh\necho load\n',
      '.git/HEAD': 'ref: refs/heads/stale\n',
    });
    await chmod(join(workspace.path, 'scripts/load-test.sh'), 0o755);
  });

  function setup(configured = true) {
    const catalog = catalogServiceMock.mock();
    const action = createRepoPublishLocalAction({
      localPublish: configured ? { baseDir: baseDir.path } : undefined,
      catalog,
      defaultAuthor: author,
    });
    return { catalog, action };
  }

  it('publishes the workspace as a git repository with one commit and registers it as a file location', async () => {
    const { catalog, action } = setup();
    const credentials = mockCredentials.user('user:default/alice');
    const ctx = createMockActionContext({
      input: { name: 'text-classifier' },
      workspacePath: workspace.path,
      credentials,
    });
    await action.handler(ctx as any);

    const dir = join(baseDir.path, 'text-classifier');
    expect(ctx.outputs).toEqual({
      remoteUrl: `file://${dir}`,
      repoContentsUrl: `file://${dir}`,
      catalogInfoUrl: `file://${dir}/catalog-info.yaml`,
      entityRef: 'component:ml/text-classifier',
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const commits = await git.log({ fs, dir });
    expect(commits).toHaveLength(1);
    expect(commits[0].oid).toBe(ctx.outputs.commitHash);
    expect(commits[0].commit.author.email).toBe('scaffolder@example.com');
    expect(await git.currentBranch({ fs, dir })).toBe('main');
    const files = await git.listFiles({ fs, dir, ref: 'main' });
    expect(files.sort()).toEqual([
      'catalog-info.yaml',
      'k8s/deployment.yaml',
      'scripts/load-test.sh',
    ]);
    // every file is committed: nothing staged or modified is left over
    const matrix = await git.statusMatrix({ fs, dir });
    expect(
      matrix.every(
        ([, head, work, stage]) => head === 1 && work === 1 && stage === 1,
      ),
    ).toBe(true);
    const tree = await git.readTree({
      fs,
      dir,
      oid: commits[0].oid,
      filepath: 'scripts',
    });
    expect(tree.tree.find(e => e.path === 'load-test.sh')?.mode).toBe('100755');

    expect(catalog.addLocation).toHaveBeenCalledWith(
      { type: 'file', target: join(dir, 'catalog-info.yaml') },
      { credentials },
    );
  });

  it('writes and registers nothing on a dry run but reports where it would publish', async () => {
    const { catalog, action } = setup();
    const ctx = createMockActionContext({
      input: { name: 'text-classifier' },
      workspacePath: workspace.path,
      isDryRun: true,
    });
    await action.handler(ctx as any);
    expect(ctx.outputs.entityRef).toBe('component:ml/text-classifier');
    expect(ctx.outputs.commitHash).toBeUndefined();
    expect(baseDir.content()).toEqual({});
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('is refused when localPublish is not configured', async () => {
    const { action } = setup(false);
    const ctx = createMockActionContext({
      input: { name: 'text-classifier' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(NotAllowedError);
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /set modelScaling\.scaffolder\.localPublish\.baseDir/,
    );
  });

  it('refuses a name that is not a DNS-1123 label, naming the field', async () => {
    const { action } = setup();
    for (const name of ['Text_Classifier', '../escape', '-x']) {
      const ctx = createMockActionContext({
        input: { name },
        workspacePath: workspace.path,
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(
        /Invalid input to model-service:repo:publish-local: name: must be a DNS-1123 label/,
      );
    }
  });

  it('refuses to overwrite an existing repository and leaves it alone', async () => {
    const { action } = setup();
    baseDir.addContent({ 'text-classifier/README.md': 'mine' });
    const ctx = createMockActionContext({
      input: { name: 'text-classifier' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(ConflictError);
    expect(baseDir.content()).toEqual({
      'text-classifier': { 'README.md': 'mine' },
    });
  });

  it('refuses a workspace without the catalog descriptor, naming the field', async () => {
    const { action, catalog } = setup();
    const ctx = createMockActionContext({
      input: { name: 'text-classifier', catalogInfoPath: 'missing.yaml' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'catalogInfoPath: "missing.yaml" does not exist in the published directory',
    );
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });

  it('refuses a sourcePath outside the workspace', async () => {
    const { action } = setup();
    const ctx = createMockActionContext({
      input: { name: 'x', sourcePath: '../..' },
      workspacePath: workspace.path,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'sourcePath: "../.." is outside the task workspace',
    );
  });

  it('refreshes the entity when its location was registered before', async () => {
    const { action, catalog } = setup();
    catalog.addLocation.mockRejectedValue(new ConflictError('exists'));
    const ctx = createMockActionContext({
      input: { name: 'text-classifier' },
      workspacePath: workspace.path,
    });
    await action.handler(ctx as any);
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'component:ml/text-classifier',
      expect.anything(),
    );
  });

  it('symlinks: copies a symlink that stays inside the repository verbatim, never rewritten to a host path', async () => {
    const { action } = setup();
    await mkdir(join(workspace.path, 'docs'), { recursive: true });
    await symlink(
      '../k8s/deployment.yaml',
      join(workspace.path, 'docs/deployment.yaml'),
    );
    await action.handler(
      createMockActionContext({
        input: { name: 'text-classifier' },
        workspacePath: workspace.path,
      }) as any,
    );
    const dir = join(baseDir.path, 'text-classifier');
    expect(await readlink(join(dir, 'docs/deployment.yaml'))).toBe(
      '../k8s/deployment.yaml',
    );
    const [commit] = await git.log({ fs, dir });
    const tree = await git.readTree({
      fs,
      dir,
      oid: commit.oid,
      filepath: 'docs',
    });
    expect(tree.tree.find(e => e.path === 'deployment.yaml')?.mode).toBe(
      '120000',
    );
  });

  it('symlinks: refuses a symlink that points outside the repository, naming it, and publishes nothing', async () => {
    const { action, catalog } = setup();
    for (const [link, target] of [
      ['secrets.yaml', '/etc/passwd'],
      ['k8s/up.yaml', '../../outside.yaml'],
    ]) {
      baseDir.clear();
      await symlink(target, join(workspace.path, link));
      await expect(
        action.handler(
          createMockActionContext({
            input: { name: 'text-classifier' },
            workspacePath: workspace.path,
          }) as any,
        ),
      ).rejects.toThrow(
        `sourcePath: the symlink ${link} points outside the published directory; only symlinks that stay inside it are published`,
      );
      expect(baseDir.content()).toEqual({});
      expect(catalog.addLocation).not.toHaveBeenCalled();
      fs.rmSync(join(workspace.path, link));
    }
  });

  it('symlinks: refuses a catalog-info.yaml that is a symlink out of the workspace before reading it', async () => {
    const { action } = setup();
    fs.rmSync(join(workspace.path, 'catalog-info.yaml'));
    await symlink('/etc/hostname', join(workspace.path, 'catalog-info.yaml'));
    await expect(
      action.handler(
        createMockActionContext({
          input: { name: 'text-classifier' },
          workspacePath: workspace.path,
        }) as any,
      ),
    ).rejects.toThrow('the symlink catalog-info.yaml points outside');
  });
});
