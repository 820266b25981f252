import fs from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import git from 'isomorphic-git';

/** Who the initial commit is by. */
export interface CommitAuthor {
  name: string;
  email: string;
}

/** What {@link LocalRepositoryPublisher.publish} made. */
export interface PublishedRepository {
  /** Absolute path of the repository's working tree. */
  dir: string;
  commitHash: string;
  defaultBranch: string;
}

/**
 * Publishes a directory as a new git repository under a base directory, with
 * one commit on the default branch. No remote and no network: the demo and
 * offline stand-in for `publish:github`.
 */
export class LocalRepositoryPublisher {
  constructor(private readonly baseDir: string) {}

  /** The directory a repository of this name lives in; never outside the base directory. */
  repositoryDir(name: string): string {
    try {
      return resolveSafeChildPath(this.baseDir, name);
    } catch {
      throw new InputError(
        `name: "${name}" would be outside modelScaling.scaffolder.localPublish.baseDir`,
      );
    }
  }

  /**
   * Copies `sourceDir` (without any `.git`) to `<baseDir>/<name>`, then
   * initialises a repository there and commits everything. Refuses a
   * directory that already exists and is not empty. Symlinks are copied
   * verbatim; the caller refuses those that leave `sourceDir` first
   * (`findEscapingSymlinks`).
   */
  async publish(options: {
    sourceDir: string;
    name: string;
    defaultBranch: string;
    commitMessage: string;
    author: CommitAuthor;
  }): Promise<PublishedRepository> {
    const dir = this.repositoryDir(options.name);
    const existing = await readdir(dir).catch(() => undefined);
    if (existing && existing.length > 0) {
      throw new ConflictError(
        `name: a repository named "${options.name}" already exists at ${dir}`,
      );
    }
    await mkdir(dir, { recursive: true });
    try {
      await cp(options.sourceDir, dir, {
        recursive: true,
        // Links are copied as they are: Node's default rewrites relative
        // link targets into absolute paths of the backend host.
        verbatimSymlinks: true,
        filter: source =>
          !relative(options.sourceDir, source).split(sep).includes('.git'),
      });
      await git.init({ fs, dir, defaultBranch: options.defaultBranch });
      await git.add({ fs, dir, filepath: '.' });
      const commitHash = await git.commit({
        fs,
        dir,
        message: options.commitMessage,
        author: options.author,
        committer: options.author,
      });
      return { dir, commitHash, defaultBranch: options.defaultBranch };
    } catch (error) {
      // Leave nothing half-made behind, so a retry can succeed.
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
}
