import { ConflictError } from '@backstage/errors';
import type { Octokit } from '@octokit/rest';
import type {
  FixAuthor,
  FixDelivery,
  FixedFile,
  ServiceRepository,
} from './ServiceRepository';

function status(e: unknown): number | undefined {
  return (e as { status?: number }).status;
}

/**
 * A GitHub repository, through the REST API with the token of the portal's
 * GitHub integration. Files are read from the default branch; a fix becomes
 * one tree and one commit (Git data API), then a new branch ref, then a pull
 * request against the default branch — so a failure before the ref leaves
 * nothing visible in the repository.
 */
export class GithubRepository implements ServiceRepository {
  readonly kind = 'github' as const;
  private base?: Promise<{ branch: string; sha: string }>;

  constructor(
    private readonly octokit: Octokit,
    private readonly owner: string,
    private readonly repo: string,
    readonly url: string,
  ) {}

  private baseCommit() {
    this.base ??= (async () => {
      const { data: repo } = await this.octokit.repos.get({
        owner: this.owner,
        repo: this.repo,
      });
      const { data: ref } = await this.octokit.git.getRef({
        owner: this.owner,
        repo: this.repo,
        ref: `heads/${repo.default_branch}`,
      });
      return { branch: repo.default_branch, sha: ref.object.sha };
    })();
    return this.base;
  }

  async readFile(path: string): Promise<string | undefined> {
    const { sha } = await this.baseCommit();
    try {
      const { data } = await this.octokit.repos.getContent({
        owner: this.owner,
        repo: this.repo,
        path,
        ref: sha,
      });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
        return undefined;
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (e) {
      if (status(e) === 404) return undefined;
      throw e;
    }
  }

  async deliver(options: {
    files: FixedFile[];
    branch: string;
    message: string;
    author: FixAuthor;
    pullRequest?: { title: string; body: string };
  }): Promise<FixDelivery> {
    const { owner, repo } = this;
    const base = await this.baseCommit();
    const { data: baseCommit } = await this.octokit.git.getCommit({
      owner,
      repo,
      commit_sha: base.sha,
    });
    const { data: tree } = await this.octokit.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.tree.sha,
      tree: options.files.map(f => ({
        path: f.path,
        mode: '100644' as const,
        type: 'blob' as const,
        content: f.content,
      })),
    });
    const { data: commit } = await this.octokit.git.createCommit({
      owner,
      repo,
      message: options.message,
      tree: tree.sha,
      parents: [base.sha],
      author: options.author,
    });
    try {
      await this.octokit.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${options.branch}`,
        sha: commit.sha,
      });
    } catch (e) {
      if (status(e) === 422) {
        throw new ConflictError(
          `branch: ${options.branch} already exists in ${this.url}; choose another branch name`,
        );
      }
      throw e;
    }
    if (!options.pullRequest) {
      return {
        branch: options.branch,
        commit: commit.sha,
        url: `${this.url}/tree/${options.branch}`,
      };
    }
    const { data: pr } = await this.octokit.pulls.create({
      owner,
      repo,
      head: options.branch,
      base: base.branch,
      title: options.pullRequest.title,
      body: options.pullRequest.body,
    });
    return {
      branch: options.branch,
      commit: commit.sha,
      pullRequestUrl: pr.html_url,
      url: pr.html_url,
    };
  }
}
