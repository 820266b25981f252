import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ConflictError } from '@backstage/errors';
import git from 'isomorphic-git';
import type {
  FixAuthor,
  FixDelivery,
  FixedFile,
  ServiceRepository,
} from './ServiceRepository';

type TreeEntry = Awaited<ReturnType<typeof git.readTree>>['tree'][number];

/**
 * A git repository on the backend's disk (the demo's local publisher).
 * Files are read from the default branch's commit, not the working tree,
 * and a fix is written as git objects (blobs, trees, one commit) and then a
 * new branch ref: the working tree, the index and the default branch are
 * never touched, and a failure before the ref leaves only unreachable
 * objects.
 */
export class LocalGitRepository implements ServiceRepository {
  readonly kind = 'local' as const;
  readonly url: string;

  private constructor(
    private readonly dir: string,
    private readonly headOid: string,
    private readonly defaultBranch: string,
  ) {
    this.url = pathToFileURL(dir).toString();
  }

  /** Opens a repository; `undefined` when `dir` is not a git repository with a commit. */
  static async open(dir: string): Promise<LocalGitRepository | undefined> {
    try {
      const branch =
        (await git.currentBranch({ fs, dir, fullname: false })) ?? 'main';
      const headOid = await git.resolveRef({ fs, dir, ref: 'HEAD' });
      return new LocalGitRepository(dir, headOid, branch);
    } catch {
      return undefined;
    }
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      const { blob } = await git.readBlob({
        fs,
        dir: this.dir,
        oid: this.headOid,
        filepath: path,
      });
      return Buffer.from(blob).toString('utf8');
    } catch (e) {
      if ((e as { code?: string }).code === 'NotFoundError') return undefined;
      throw e;
    }
  }

  private async writeTreeWith(
    treeOid: string | undefined,
    parts: string[],
    blobOid: string,
  ): Promise<string> {
    const entries: TreeEntry[] = treeOid
      ? (await git.readTree({ fs, dir: this.dir, oid: treeOid })).tree
      : [];
    const [name, ...rest] = parts;
    const existing = entries.find(e => e.path === name);
    let entry: TreeEntry;
    if (rest.length === 0) {
      entry = {
        mode: existing?.mode ?? '100644',
        path: name,
        oid: blobOid,
        type: 'blob',
      };
    } else {
      const sub = await this.writeTreeWith(
        existing?.type === 'tree' ? existing.oid : undefined,
        rest,
        blobOid,
      );
      entry = { mode: '040000', path: name, oid: sub, type: 'tree' };
    }
    const next = [...entries.filter(e => e.path !== name), entry];
    return git.writeTree({ fs, dir: this.dir, tree: next });
  }

  async deliver(options: {
    files: FixedFile[];
    branch: string;
    message: string;
    author: FixAuthor;
  }): Promise<FixDelivery> {
    const { dir } = this;
    const existing = await git.listBranches({ fs, dir });
    if (existing.includes(options.branch)) {
      throw new ConflictError(
        `branch: ${options.branch} already exists in ${this.url}; choose another branch name`,
      );
    }
    const { commit } = await git.readCommit({ fs, dir, oid: this.headOid });
    let tree = commit.tree;
    for (const file of options.files) {
      const blob = await git.writeBlob({
        fs,
        dir,
        blob: Buffer.from(file.content, 'utf8'),
      });
      tree = await this.writeTreeWith(tree, file.path.split('/'), blob);
    }
    const now = Math.floor(Date.now() / 1000);
    const person = { ...options.author, timestamp: now, timezoneOffset: 0 };
    const oid = await git.writeCommit({
      fs,
      dir,
      commit: {
        message: `${options.message.trim()}\n`,
        tree,
        parent: [this.headOid],
        author: person,
        committer: person,
      },
    });
    await git.writeRef({
      fs,
      dir,
      ref: `refs/heads/${options.branch}`,
      value: oid,
    });
    return { branch: options.branch, commit: oid, url: this.url };
  }

  /** The default branch the fix starts from. */
  get baseBranch(): string {
    return this.defaultBranch;
  }
}
