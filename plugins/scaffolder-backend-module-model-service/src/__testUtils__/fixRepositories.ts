import fs from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  fixableFiles,
  ModelServicePlan,
} from '@internal/plugin-model-scaling-common';
import git from 'isomorphic-git';
import { http, HttpResponse } from 'msw';

const author = { name: 'Model Scaling', email: 'model-scaling@example.com' };

/**
 * A local git repository as the template generates it for a plan (manifests,
 * config.pbtxt, the recorded plan, a README), with optional hand edits made
 * before the one commit on `main`.
 */
export async function generatedRepository(
  baseDir: string,
  plan: ModelServicePlan,
  edit: (files: Map<string, string>) => void = () => {},
): Promise<string> {
  const dir = join(baseDir, plan.name);
  const files = new Map(fixableFiles(plan).map(f => [f.path, f.content]));
  files.set('README.md', `# ${plan.name}\n`);
  edit(files);
  for (const [path, content] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.add({ fs, dir, filepath: '.' });
  await git.commit({ fs, dir, message: 'Create', author });
  return dir;
}

/** A model-service catalog entity with the given annotations. */
export function serviceEntity(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'model-service',
      owner: 'group:default/ml-platform',
      lifecycle: 'production',
    },
  };
}

/** What a fake GitHub repository received. */
export interface GithubRequests {
  tree?: any;
  commit?: any;
  ref?: any;
  pull?: any;
  authorization?: string | null;
}

/**
 * msw handlers of the GitHub REST API calls the fix action makes, for
 * `owner/repo` holding `files` on `main`; `requests` records what was sent.
 */
export function fakeGithubRepository(
  owner: string,
  repo: string,
  files: Map<string, string>,
) {
  const api = `https://api.github.com/repos/${owner}/${repo}`;
  const requests: GithubRequests = {};
  const handlers = [
    http.get(api, ({ request }) => {
      requests.authorization = request.headers.get('authorization');
      return HttpResponse.json({ default_branch: 'main' });
    }),
    http.get(`${api}/git/ref/*`, () =>
      HttpResponse.json({ object: { sha: 'base-sha' } }),
    ),
    http.get(`${api}/contents/*`, ({ request }) => {
      const path = decodeURIComponent(
        new URL(request.url).pathname.split('/contents/')[1],
      );
      const content = files.get(path);
      if (!content)
        return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      return HttpResponse.json({
        type: 'file',
        path,
        content: Buffer.from(content).toString('base64'),
      });
    }),
    http.get(`${api}/git/commits/base-sha`, () =>
      HttpResponse.json({ sha: 'base-sha', tree: { sha: 'base-tree' } }),
    ),
    http.post(`${api}/git/trees`, async ({ request }) => {
      requests.tree = await request.json();
      return HttpResponse.json({ sha: 'new-tree' }, { status: 201 });
    }),
    http.post(`${api}/git/commits`, async ({ request }) => {
      requests.commit = await request.json();
      return HttpResponse.json({ sha: 'new-commit' }, { status: 201 });
    }),
    http.post(`${api}/git/refs`, async ({ request }) => {
      requests.ref = await request.json();
      return HttpResponse.json({ ref: requests.ref.ref }, { status: 201 });
    }),
    http.post(`${api}/pulls`, async ({ request }) => {
      requests.pull = await request.json();
      return HttpResponse.json(
        { number: 7, html_url: `https://github.com/${owner}/${repo}/pull/7` },
        { status: 201 },
      );
    }),
  ];
  return { handlers, requests };
}
