// The small interface between the bump flows and GitHub. The flows (src/run/remote.ts) speak
// only this; src/stores/github/api.ts implements it over GraphQL and REST, and tests may fake it.

import type { TokenUsage } from '../store.js';
import type { PathListing } from './tree.js';

export type { PathListing };

/** A repository, `owner/name`. */
export interface RepoName {
  owner: string;
  name: string;
}

/** A text file read at a commit. */
export interface BlobFile {
  path: string;
  text: string;
  /** The blob's sha (the Contents API calls it `sha`). */
  oid: string;
}

/** A branch, its head commit and the files asked for at that commit. */
export interface BranchState {
  name: string;
  refId: string;
  headOid: string;
  /** Every path asked for; `undefined` when the path is not a file at the head. */
  files: Map<string, BlobFile | undefined>;
  /** Paths asked for that are not regular files: what each is (for the message). */
  kinds?: Map<string, { kind: 'directory' | 'symlink' | 'submodule'; target?: string }>;
  /** The head commit and its parent, newest first, when asked for (`lineage`). */
  lineage?: CommitLineage[];
  /** When the newest commits were committed (ms since the epoch, newest first), when asked for. */
  landed?: number[];
}

/** A commit's message and first parent: enough to recognise a commit this run made. */
export interface CommitLineage {
  oid: string;
  headline: string;
  body: string;
  parentOid?: string;
}

/** An open pull request of the repository; the flows tell this action's own by their body. */
export interface BumpPull {
  id: string;
  number: number;
  url: string;
  headRefName: string;
  baseRefName: string;
  /** The node id of its branch; absent when the branch is gone. */
  headRefId?: string;
  body: string;
}

/** An open pull request. */
export interface PullState {
  id: string;
  number: number;
  url: string;
  headOid: string;
  baseRefName: string;
  autoMergeEnabled: boolean;
  /** The login of who opened it (a reviewer cannot be the author). */
  author?: string;
}

/** What one read of the repository returns. */
export interface Snapshot {
  repositoryId: string;
  nameWithOwner: string;
  /** The repository's web address, e.g. https://github.com/owner/name. */
  url: string;
  defaultBranch: string;
  allows: { autoMerge: boolean; squash: boolean; merge: boolean; rebase: boolean };
  /** The branch the bump targets. */
  base: BranchState;
  /** The pull-request branch, when asked for; `null` when it does not exist. */
  head?: BranchState | null;
  /** The open pull request from the PR branch into the base, if any. */
  pull?: PullState | null;
  /** Node ids of the labels asked for that exist. */
  labelIds: Map<string, string>;
  /** Node ids of the users asked for that exist. */
  userIds: Map<string, string>;
  /** The open pull requests, when asked for (`bumpPulls`). */
  bumpPulls?: BumpPull[];
  /** The token's use of its GraphQL rate limit at this read, when asked for (`usage`). */
  usage?: TokenUsage;
}

// The token's count (TokenUsage): points of its hourly GraphQL limit that the token, everyone
// using it (every job of a burst), had used when GitHub answered.
export type { TokenUsage };

/** What to read. */
export interface SnapshotQuery {
  repo: RepoName;
  /** The branch; the default branch when absent. */
  branch?: string;
  paths: readonly string[];
  /** The pull-request branch, in pull-request mode. */
  prBranch?: string;
  labels?: readonly string[];
  users?: readonly string[];
  /** Also read the base head's message and parents (after a write whose answer was lost). */
  lineage?: boolean;
  /** Also list this action's open pull requests (to supersede them). */
  bumpPulls?: boolean;
  /** Also read when the base's newest commits landed: this many of them (at most 100). */
  landed?: number;
  /** Also read the token's use of its GraphQL rate limit (Snapshot's `usage`). */
  usage?: boolean;
}

/** A commit GitHub made. */
export interface CommitRef {
  oid: string;
  url: string;
}

/** A changed file to write. */
export interface FileWrite {
  path: string;
  text: string;
}

/** One commit on a branch, made only if the branch still points at `expectedHeadOid`. */
export interface CommitRequest {
  repo: RepoName;
  branch: string;
  expectedHeadOid: string;
  headline: string;
  body: string;
  files: readonly FileWrite[];
}

/** One file through the Contents API, made only if the file is still blob `blobOid`. */
export interface ContentsRequest {
  repo: RepoName;
  branch: string;
  path: string;
  blobOid: string;
  text: string;
  message: string;
}

/** Opens a pull request: branch at the base head (created, or reset when stale), commit, PR. */
export interface OpenPullRequest {
  repo: RepoName;
  repositoryId: string;
  base: string;
  baseOid: string;
  head: string;
  /** The node id of the PR branch when it already exists (it is reset to the base head). */
  staleHeadRefId?: string;
  commit: Omit<CommitRequest, 'repo' | 'branch' | 'expectedHeadOid'>;
  title: string;
  body: string;
}

/** Adds a commit to an open pull request and refreshes its title and body. */
export interface UpdatePullRequest {
  repo: RepoName;
  pull: PullState;
  head: string;
  expectedHeadOid: string;
  commit: Omit<CommitRequest, 'repo' | 'branch' | 'expectedHeadOid'>;
  title: string;
  body: string;
}

/** The merge methods GitHub knows. */
export type MergeMethod = 'squash' | 'merge' | 'rebase';

/** What to do to a pull request once its commit is in. */
export interface FinishPullRequest {
  repo: RepoName;
  pullId: string;
  pullNumber: number;
  expectedHeadOid: string;
  labelIds: readonly string[];
  /** Labels that do not exist yet (added by name, which creates them). */
  newLabels: readonly string[];
  userIds: readonly string[];
  /** Team reviewers, `org/slug`. */
  teams: readonly string[];
  /** `auto`: enable auto-merge; `now`: merge; `none`: neither. */
  merge: 'auto' | 'now' | 'none';
  method: MergeMethod;
}

/** Merges a pull request whose head is still the expected one. */
export interface MergeRequest {
  repo: RepoName;
  pullId: string;
  pullNumber: number;
  expectedHeadOid: string;
  method: MergeMethod;
}

/** What finishing a pull request did. */
export type FinishResult = (
  | { kind: 'none' }
  | { kind: 'auto-merge-enabled' }
  | { kind: 'merged'; mergeCommit: CommitRef }
  /** GitHub answered that the PR is already mergeable ("clean status"): merge it now. */
  | { kind: 'clean' }
) & {
  /** Label and reviewer steps GitHub refused, each message naming its step (the merge step ran). */
  problems?: string[];
};

/** Closes pull requests with a comment, deleting their branches where asked. */
export interface ClosePullsRequest {
  repo: RepoName;
  pulls: ReadonlyArray<{ id: string; number: number; headRefId?: string; comment: string }>;
}

/** What closing did, per pull request. */
export interface ClosePullsResult {
  closed: number[];
  branchesDeleted: number[];
  /** Steps GitHub refused, each naming the pull request and the reason. */
  problems: string[];
}

/** A pull request's state while waiting for its merge. */
export interface PullStatus {
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  mergeCommit?: CommitRef;
}

/** The GitHub operations the bump flows need; each is one API request unless said otherwise. */
export interface GitHubPort {
  /** Reads the repository settings, the branch heads, the files, the open PR. */
  snapshot(query: SnapshotQuery): Promise<Snapshot>;
  /**
   * Lists the file paths at a commit or branch (for globs): every path in one request, or, when
   * GitHub truncates the tree, only those below the folders `under` (default: the root), tree by
   * tree (see tree.ts for the bound).
   */
  listPaths(repo: RepoName, ref: string, under?: readonly string[]): Promise<PathListing>;
  /** Commits the files on the branch if its head is still the expected one. */
  commit(request: CommitRequest): Promise<CommitRef>;
  /** Writes one file through the Contents API if its blob is still the expected one. */
  putContents(request: ContentsRequest): Promise<CommitRef>;
  /** Creates (or resets) the PR branch, commits, opens the PR: one request. */
  openPull(request: OpenPullRequest): Promise<{ commit: CommitRef; pull: PullState }>;
  /** Commits on the PR branch and updates the PR's title and body: one request. */
  updatePull(request: UpdatePullRequest): Promise<{ commit: CommitRef }>;
  /** Labels, reviewers, and auto-merge or merge: one request (two when labels are new). */
  finishPull(request: FinishPullRequest): Promise<FinishResult>;
  /** Merges the pull request if its head is still the expected one. */
  mergePull(request: MergeRequest): Promise<CommitRef>;
  /** Comments on and closes pull requests (and deletes their branches): one request for all. */
  closePulls(request: ClosePullsRequest): Promise<ClosePullsResult>;
  /** Reads whether a pull request is open, closed or merged: one small query. */
  pullStatus(repo: RepoName, pullId: string): Promise<PullStatus>;
}
