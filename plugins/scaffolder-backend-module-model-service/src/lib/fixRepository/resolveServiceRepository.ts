import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { FixError } from '@internal/plugin-model-scaling-common';
import { Octokit } from '@octokit/rest';
import { GithubRepository } from './GithubRepository';
import { LocalGitRepository } from './LocalGitRepository';
import { realPathUnder } from '../realPathUnder';
import type { ServiceRepository } from './ServiceRepository';

const SOURCE_LOCATION = 'backstage.io/source-location';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

/** What {@link resolveServiceRepository} needs, passed in so tests use fakes. */
export interface RepositoryResolverOptions {
  integrations: ScmIntegrationRegistry;
  /** Local repositories are only opened under this directory (`modelScaling.scaffolder.localPublish.baseDir`). */
  localBaseDir?: string;
  /** For tests: the fetch Octokit uses. */
  fetch?: typeof fetch;
}

/**
 * Where the entity's repository is: `backstage.io/source-location`
 * (`url:<repository URL>`), or for entities registered from a local file
 * (the demo's local publisher) the directory of their
 * `backstage.io/managed-by-location`.
 */
export function sourceLocationOf(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[SOURCE_LOCATION];
  if (source) return source.replace(/^url:/, '');
  const managed = annotations[MANAGED_BY_LOCATION];
  if (managed?.startsWith('file:')) {
    return `file://${dirname(managed.slice('file:'.length))}`;
  }
  return undefined;
}

async function openLocal(url: string, entityRef: string, baseDir?: string) {
  if (!baseDir) {
    throw new FixError({
      code: 'missing-scm-integration',
      message: `${entityRef} lives in a local repository (${url}), but local repositories are disabled: set modelScaling.scaffolder.localPublish.baseDir (demo only)`,
    });
  }
  const dir = fileURLToPath(
    url.startsWith('file://') ? url : `file://${url.slice('file:'.length)}`,
  ).replace(/\/$/, '');
  const where = await realPathUnder(baseDir, dir);
  if (!where.inside && where.reason === 'outside') {
    throw new FixError({
      code: 'missing-source-location',
      message: `${entityRef}: the source location ${url} is outside modelScaling.scaffolder.localPublish.baseDir; only repositories the local publisher made can be changed`,
    });
  }
  const repo = await LocalGitRepository.open(dir);
  if (!repo) {
    throw new FixError({
      code: 'missing-source-location',
      message: `${entityRef}: the source location ${url} is not a git repository with a commit`,
    });
  }
  return repo;
}

/**
 * Opens the repository of a model service through the portal's SCM
 * integrations (`integrations.github` in app-config, GitHub first) or, in
 * the demo, a local repository. `FixError`s name what is missing: the
 * source location, or an integration (or its token) for the host.
 */
export async function resolveServiceRepository(
  entity: Entity,
  options: RepositoryResolverOptions,
): Promise<ServiceRepository> {
  const entityRef = stringifyEntityRef(entity);
  const location = sourceLocationOf(entity);
  if (!location) {
    throw new FixError({
      code: 'missing-source-location',
      message: `${entityRef} has no ${SOURCE_LOCATION} annotation, so there is no repository to change; register the service from its repository (the catalog sets it) or add the annotation`,
    });
  }
  if (location.startsWith('file:')) {
    return openLocal(location, entityRef, options.localBaseDir);
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new FixError({
      code: 'missing-source-location',
      message: `${entityRef}: ${SOURCE_LOCATION} "${location}" is not a URL`,
    });
  }
  const integration = options.integrations.byUrl(url.toString());
  const github = options.integrations.github.byUrl(url.toString());
  if (!integration) {
    throw new FixError({
      code: 'missing-scm-integration',
      message: `No SCM integration for ${url.host} in app-config (integrations.*), so no change can be proposed to ${url.origin}${url.pathname}`,
    });
  }
  if (integration.type !== 'github' || !github) {
    throw new FixError({
      code: 'missing-scm-integration',
      message: `${url.host} is a ${integration.type} integration; proposing fixes supports GitHub integrations (integrations.github) so far`,
    });
  }
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo) {
    throw new FixError({
      code: 'missing-source-location',
      message: `${entityRef}: ${SOURCE_LOCATION} "${location}" does not name a repository (https://<host>/<owner>/<repo>)`,
    });
  }
  const repoName = repo.replace(/\.git$/, '');
  const repoUrl = `${url.origin}/${owner}/${repoName}`;
  const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
    options.integrations,
  ).getCredentials({ url: repoUrl });
  if (!token) {
    throw new FixError({
      code: 'missing-scm-integration',
      message: `The GitHub integration for ${url.host} has no token or GitHub App that can access ${owner}/${repoName}`,
    });
  }
  const octokit = new Octokit({
    auth: token,
    baseUrl: github.config.apiBaseUrl,
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
  });
  return new GithubRepository(octokit, owner, repoName, repoUrl);
}
