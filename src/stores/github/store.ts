// One branch of a GitHub repository as a Store, over GitHubPort: a read is one snapshot query,
// a write one commit guarded by the head it was built on (createCommitOnBranch's
// expectedHeadOid), or, with commit-api: contents, one file guarded by its blob.

import type { FileChange, HeadRead, Store, WriteMessage, Written } from '../store.js';
import { GitHubError } from './errors.js';
import type { BlobFile, GitHubPort, RepoName, Snapshot } from './port.js';

/** Which branch, and through which API commits are made. */
export interface GitHubBranchOptions {
  repo: RepoName;
  /** The branch; the default branch when absent. */
  branch?: string;
  /** `graphql`: one atomic commit; `contents`: the Contents API, one file per commit. */
  commitApi: 'graphql' | 'contents';
}

/** A branch of a repository on GitHub. */
export class GitHubBranch implements Store {
  /** The last read: the repository's names, the branch, the files' blobs. */
  snapshot?: Snapshot;
  /** Whether reads also fetch the head commit and its parent (to recognise a lost write). */
  lineage = false;
  /** How many of the newest commits' dates reads also fetch (0: none); see Snapshot's `landed`. */
  landed = 0;
  /** Whether reads also fetch the token's rate-limit use (Snapshot's `usage`). */
  usage = false;

  constructor(
    private readonly github: GitHubPort,
    private readonly options: GitHubBranchOptions,
  ) {}

  /** The branch read (the default branch's name once read, when none was given). */
  get branch(): string {
    return this.snapshot?.base.name ?? this.options.branch ?? 'HEAD';
  }

  get where(): string {
    const s = this.snapshot;
    if (!s) return `${this.options.repo.owner}/${this.options.repo.name} at ${this.branch}`;
    return `${s.nameWithOwner} at ${s.base.name} (${s.base.headOid.slice(0, 7)})`;
  }

  async list(): Promise<string[]> {
    return (await this.github.listPaths(this.options.repo, this.branch)).paths;
  }

  async read(paths: readonly string[]): Promise<HeadRead> {
    this.snapshot = await this.github.snapshot({
      repo: this.options.repo,
      ...(this.options.branch !== undefined && { branch: this.options.branch }),
      paths,
      ...(this.lineage && { lineage: true }),
      ...(this.landed > 0 && { landed: this.landed }),
      ...(this.usage && { usage: true }),
    });
    return { head: this.snapshot.base.headOid, files: texts(this.snapshot.base.files) };
  }

  async write(
    head: string,
    changes: readonly FileChange[],
    message: WriteMessage,
  ): Promise<Written> {
    const { repo, commitApi } = this.options;
    const branch = this.branch;
    if (commitApi === 'graphql') {
      return this.github.commit({
        repo,
        branch,
        expectedHeadOid: head,
        ...message,
        files: changes,
      });
    }
    if (changes.length !== 1) {
      throw new GitHubError(
        `commit-api: 'contents' writes one file per commit, and this bump changes ${changes.length} files (${changes.map((f) => f.path).join(', ')}); use commit-api: graphql for one atomic commit.`,
      );
    }
    const file = changes[0]!;
    const blob = this.snapshot?.base.headOid === head && this.snapshot.base.files.get(file.path);
    if (!blob) throw new GitHubError(`files: '${file.path}' was not read at ${head.slice(0, 7)}.`);
    return this.github.putContents({
      repo,
      branch,
      path: file.path,
      blobOid: blob.oid,
      text: file.text,
      message: message.body ? `${message.headline}\n\n${message.body}` : message.headline,
    });
  }

  /** The web address of a commit of this repository. */
  commitUrl(oid: string): string {
    return `${this.snapshot?.url ?? ''}/commit/${oid}`;
  }
}

function texts(files: Map<string, BlobFile | undefined>): Map<string, string | undefined> {
  return new Map([...files].map(([path, file]) => [path, file?.text]));
}
