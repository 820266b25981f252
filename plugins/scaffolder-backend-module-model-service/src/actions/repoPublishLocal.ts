import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { findEscapingSymlinks } from '../lib/findEscapingSymlinks';
import { forScaffolder } from '../lib/forScaffolder';
import { parseActionInput } from '../lib/parseActionInput';
import {
  CommitAuthor,
  LocalRepositoryPublisher,
} from '../services/LocalRepositoryPublisher';
import { examples } from './repoPublishLocal.examples';

/** The id of the local publish action. */
export const REPO_PUBLISH_LOCAL_ACTION_ID = 'model-service:repo:publish-local';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const inputSchema = z.object({
  name: z
    .string()
    .max(63, 'must be at most 63 characters')
    .regex(
      DNS_1123_LABEL,
      'must be a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)',
    )
    .describe('Repository name; the repository is made at <baseDir>/<name>'),
  sourcePath: z
    .string()
    .default('.')
    .describe('Workspace directory to publish; default the whole workspace'),
  catalogInfoPath: z
    .string()
    .default('catalog-info.yaml')
    .describe('Path of the catalog descriptor inside the published directory'),
  defaultBranch: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be a valid branch name')
    .default('main'),
  commitMessage: z
    .string()
    .min(1)
    .default('Initial commit from the Create new model service template'),
});

/** Options of {@link createRepoPublishLocalAction}. */
export interface RepoPublishLocalActionOptions {
  /** Unset means the action is refused. */
  localPublish?: { baseDir: string };
  catalog: CatalogService;
  /** Used when the initiating user has no profile name and email. */
  defaultAuthor: CommitAuthor;
}

async function readEntityRef(
  file: string,
  catalogInfoPath: string,
): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new InputError(
      `catalogInfoPath: "${catalogInfoPath}" does not exist in the published directory`,
    );
  }
  const entities = parseAllDocuments(text)
    .map(doc => doc.toJS() as Entity | null)
    .filter((e): e is Entity => !!e?.kind && !!e?.metadata?.name);
  const entity =
    entities.find(e => e.kind.toLowerCase() === 'component') ?? entities[0];
  if (!entity) {
    throw new InputError(
      `catalogInfoPath: "${catalogInfoPath}" holds no catalog entity`,
    );
  }
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  });
}

/**
 * `model-service:repo:publish-local` (demo/offline): publishes the workspace
 * as a local git repository under `modelScaling.scaffolder.localPublish.baseDir`
 * and registers its catalog-info.yaml with the catalog as a `file` location.
 */
export function createRepoPublishLocalAction(
  options: RepoPublishLocalActionOptions,
) {
  return createTemplateAction({
    id: REPO_PUBLISH_LOCAL_ACTION_ID,
    description:
      'Demo/offline: publishes the workspace as a git repository in a local directory and registers its catalog-info.yaml as a file location. Refused unless modelScaling.scaffolder.localPublish.baseDir is configured.',
    examples,
    supportsDryRun: true,
    schema: {
      input: forScaffolder(inputSchema),
      output: {
        remoteUrl: forScaffolder(
          z.string().describe('file: URL of the new repository'),
        ),
        repoContentsUrl: forScaffolder(
          z.string().describe('file: URL of the repository contents'),
        ),
        catalogInfoUrl: forScaffolder(
          z.string().describe('file: URL of the registered catalog-info.yaml'),
        ),
        entityRef: forScaffolder(
          z.string().describe('Ref of the registered entity'),
        ),
        commitHash: forScaffolder(
          z
            .string()
            .optional()
            .describe('The initial commit; absent on dry runs'),
        ),
      },
    },
    async handler(ctx) {
      if (!options.localPublish) {
        throw new NotAllowedError(
          `${REPO_PUBLISH_LOCAL_ACTION_ID} is disabled: set modelScaling.scaffolder.localPublish.baseDir to publish to a local directory (demo/offline only); use publish:github otherwise`,
        );
      }
      const input = parseActionInput(
        REPO_PUBLISH_LOCAL_ACTION_ID,
        inputSchema,
        ctx.input,
      );
      let sourceDir: string;
      try {
        sourceDir = resolveSafeChildPath(ctx.workspacePath, input.sourcePath);
      } catch {
        throw new InputError(
          `sourcePath: "${input.sourcePath}" is outside the task workspace`,
        );
      }
      if (!(await stat(sourceDir).catch(() => undefined))?.isDirectory()) {
        throw new InputError(
          `sourcePath: "${input.sourcePath}" is not a directory of the task workspace`,
        );
      }
      const escaping = await findEscapingSymlinks(sourceDir);
      if (escaping.length > 0) {
        throw new InputError(
          `sourcePath: the symlink ${escaping.join(
            ', ',
          )} points outside the published directory; only symlinks that stay inside it are published`,
        );
      }
      let catalogInfoSource: string;
      try {
        catalogInfoSource = resolveSafeChildPath(
          sourceDir,
          input.catalogInfoPath,
        );
      } catch {
        throw new InputError(
          `catalogInfoPath: "${input.catalogInfoPath}" is outside the published directory`,
        );
      }
      const entityRef = await readEntityRef(
        catalogInfoSource,
        input.catalogInfoPath,
      );

      const publisher = new LocalRepositoryPublisher(
        options.localPublish.baseDir,
      );
      const dir = publisher.repositoryDir(input.name);
      const catalogInfoTarget = join(dir, input.catalogInfoPath);
      const repoUrl = pathToFileURL(dir).toString();
      ctx.output('remoteUrl', repoUrl);
      ctx.output('repoContentsUrl', repoUrl);
      ctx.output('catalogInfoUrl', pathToFileURL(catalogInfoTarget).toString());
      ctx.output('entityRef', entityRef);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would publish ${input.sourcePath} to ${dir} and register ${catalogInfoTarget}`,
        );
        return;
      }

      const profile = ctx.user?.entity?.spec?.profile;
      const author =
        profile?.displayName && profile?.email
          ? { name: profile.displayName, email: profile.email }
          : options.defaultAuthor;
      const published = await publisher.publish({
        sourceDir,
        name: input.name,
        defaultBranch: input.defaultBranch,
        commitMessage: input.commitMessage,
        author,
      });
      ctx.logger.info(
        `Published ${input.name} to ${published.dir} at ${published.commitHash}`,
      );
      ctx.output('commitHash', published.commitHash);

      const credentials = await ctx.getInitiatorCredentials();
      try {
        await options.catalog.addLocation(
          { type: 'file', target: catalogInfoTarget },
          { credentials },
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) {
          throw error;
        }
        // Already registered (a repository of this name existed before and
        // was removed): the catalog reads the new file on its next refresh.
        ctx.logger.info(
          `Location file:${catalogInfoTarget} already registered`,
        );
        await options.catalog.refreshEntity(entityRef, { credentials });
      }
      ctx.logger.info(`Registered ${entityRef} from file:${catalogInfoTarget}`);
    },
  });
}
