/** A file a fix writes: its repository-relative path and new text. */
export interface FixedFile {
  path: string;
  content: string;
}

/** Who a fix commit is by. */
export interface FixAuthor {
  name: string;
  email: string;
}

/** Where a proposed fix went. */
export interface FixDelivery {
  branch: string;
  commit: string;
  /** Absent for a branch of a local repository. */
  pullRequestUrl?: string;
  /** A link to show the change (the pull request, or the branch's repository). */
  url: string;
}

/**
 * The repository of a model service, as the fix action needs it: read files
 * of the default branch, then deliver all changed files at once — as one
 * commit on a new branch, and for SCM hosts a pull request. Nothing is
 * written before `deliver`, and `deliver` writes the branch ref last.
 */
export interface ServiceRepository {
  /** For messages: `file:///…/text-classifier` or `https://github.com/acme/text-classifier`. */
  readonly url: string;
  /** `local-branch` only for local repositories; SCM hosts support both. */
  readonly kind: 'local' | 'github';
  /** The file's text on the default branch, or `undefined` when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  deliver(options: {
    files: FixedFile[];
    branch: string;
    message: string;
    author: FixAuthor;
    pullRequest?: { title: string; body: string };
  }): Promise<FixDelivery>;
}
