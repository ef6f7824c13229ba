// GitHubPort over GitHub's GraphQL API (reads, atomic commits, pull requests) and REST (tree
// listing for globs, the Contents API, new labels, team reviewers).

import { decodeText } from '../workspace.js';
import {
  COMMIT_DOCUMENT,
  closePullsDocument,
  finishDocument,
  MERGE_DOCUMENT,
  openPullDocument,
  PULL_STATE_DOCUMENT,
  snapshotRequest,
  UPDATE_PULL_DOCUMENT,
} from './documents.js';
import {
  type Doing,
  explain,
  GitHubError,
  type GraphqlIssue,
  graphqlData,
  graphqlIssues,
  isUncertain,
  StaleHeadError,
  statusOf,
  UncertainWriteError,
  usageOf,
} from './errors.js';
import { type Octokit, WRITE } from './octokit.js';
import type {
  BlobFile,
  BranchState,
  BumpPull,
  ClosePullsRequest,
  ClosePullsResult,
  CommitLineage,
  CommitRef,
  CommitRequest,
  ContentsRequest,
  FinishPullRequest,
  FinishResult,
  GitHubPort,
  MergeRequest,
  OpenPullRequest,
  PullState,
  PullStatus,
  RepoName,
  Snapshot,
  SnapshotQuery,
  TokenUsage,
  UpdatePullRequest,
} from './port.js';
import { listTree, type PathListing, type TreeAnswer, TreeListingError } from './tree.js';

interface EntryNode {
  oid: string;
  mode?: number;
  type?: string;
  object: {
    text?: string | null;
    byteSize?: number;
    isBinary?: boolean | null;
    isTruncated?: boolean;
  } | null;
}
interface LineageNode {
  oid: string;
  messageHeadline?: string;
  messageBody?: string;
  parents?: { nodes: LineageNode[] };
}
interface RefNode {
  id: string;
  name: string;
  target: ({ oid: string } & LineageNode & Record<string, unknown>) | null;
}
interface BumpPullNode {
  id: string;
  number: number;
  url: string;
  headRefName: string;
  baseRefName: string;
  body: string;
  headRef: { id: string } | null;
}
interface PullNode {
  id: string;
  number: number;
  url: string;
  headRefOid: string;
  baseRefName: string;
  author?: { login: string } | null;
  autoMergeRequest: { enabledAt: string } | null;
}
interface SnapshotData {
  repository:
    | (Record<string, unknown> & {
        id: string;
        nameWithOwner: string;
        url: string;
        autoMergeAllowed: boolean;
        squashMergeAllowed: boolean;
        mergeCommitAllowed: boolean;
        rebaseMergeAllowed: boolean;
        defaultBranchRef: { name: string } | null;
        base: RefNode | null;
        head?: RefNode | null;
        pulls?: { nodes: PullNode[] };
        bumps?: { nodes: BumpPullNode[] };
      })
    | null;
  [alias: string]: unknown;
}

/** Thrown for a file the engine must not edit as text, read through the API. */
export class RemoteFileError extends GitHubError {}

/** The base64 of a text, as GitHub's APIs take file contents. */
function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** GitHub's limit for a file in a repository (and for the blobs API). */
const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** A file the GraphQL answer cut short: read again through the REST blobs API. */
interface TruncatedFile {
  path: string;
  oid: string;
  byteSize: number;
}

function decodeEntry(
  path: string,
  entry: EntryNode | null | undefined,
): BlobFile | TruncatedFile | undefined {
  if (!entry?.object) return undefined;
  const blob = entry.object;
  if (blob.byteSize === undefined) return undefined; // a folder, not a file
  if (blob.isBinary) {
    throw new RemoteFileError(
      `files: '${path}' is a binary file, not YAML or JSON; remove it from files.`,
    );
  }
  if (blob.isTruncated) return { path, oid: entry.oid, byteSize: blob.byteSize };
  if (blob.text === null || blob.text === undefined) {
    throw new RemoteFileError(
      `files: '${path}' is a binary or non-UTF-8 file, not YAML or JSON; remove it from files.`,
    );
  }
  if (Buffer.byteLength(blob.text, 'utf8') !== blob.byteSize) {
    throw new RemoteFileError(
      `files: '${path}' is not valid UTF-8 (its text does not round-trip to its ${blob.byteSize} bytes); save it as UTF-8 so it can be edited without damaging other bytes.`,
    );
  }
  return { path, text: blob.text, oid: entry.oid };
}

/** GitHub's tree entry modes of a symbolic link and a submodule (gitlink). */
const SYMLINK_MODE = 0o120000;

/** A path that is not a regular file: a directory, a symbolic link or a submodule. */
function entryKind(
  entry: EntryNode | null | undefined,
): { kind: 'directory' | 'symlink' | 'submodule'; target?: string } | undefined {
  if (!entry) return undefined;
  if (entry.type === 'tree') return { kind: 'directory' };
  if (entry.type === 'commit') return { kind: 'submodule' };
  if (entry.mode === SYMLINK_MODE)
    return { kind: 'symlink', ...(entry.object?.text && { target: entry.object.text }) };
  return undefined;
}

function branchState(
  ref: RefNode,
  paths: readonly string[],
  truncated: TruncatedFile[],
): BranchState {
  const target = ref.target;
  if (!target?.oid) throw new GitHubError(`The branch ${ref.name} does not point at a commit.`);
  const files = new Map<string, BlobFile | undefined>();
  const kinds: NonNullable<BranchState['kinds']> = new Map();
  paths.forEach((path, i) => {
    const entry = target[`f${i}`] as EntryNode | null | undefined;
    const kind = entryKind(entry);
    if (kind) {
      kinds.set(path, kind);
      files.set(path, undefined);
      return;
    }
    const file = decodeEntry(path, entry);
    if (file && !('text' in file)) truncated.push(file);
    else files.set(path, file);
  });
  const state: BranchState = { name: ref.name, refId: ref.id, headOid: target.oid, files };
  if (kinds.size > 0) state.kinds = kinds;
  if (target.messageHeadline !== undefined) state.lineage = lineageOf(target);
  const landed = target.landed as { nodes: Array<{ committedDate: string } | null> } | undefined;
  if (landed) state.landed = landedTimes(landed.nodes);
  return state;
}

/** The token's rate-limit use as GraphQL's rateLimit gives it; undefined when absent or odd. */
function tokenUsage(node: unknown): TokenUsage | undefined {
  const { used, resetAt } = (node ?? {}) as { used?: unknown; resetAt?: unknown };
  const reset = typeof resetAt === 'string' ? Date.parse(resetAt) : Number.NaN;
  if (typeof used !== 'number' || !Number.isFinite(used) || Number.isNaN(reset)) return undefined;
  return { used, resetAt: reset };
}

/** When each commit was committed (ms), newest first; an unreadable date is left out. */
function landedTimes(nodes: ReadonlyArray<{ committedDate: string } | null>): number[] {
  return nodes.map((n) => Date.parse(n?.committedDate ?? '')).filter((t) => !Number.isNaN(t));
}

/** The head commit and its first parent, newest first. */
function lineageOf(head: LineageNode): CommitLineage[] {
  const out: CommitLineage[] = [];
  for (let node: LineageNode | undefined = head; node && out.length < 2; ) {
    const parent: LineageNode | undefined = node.parents?.nodes[0];
    out.push({
      oid: node.oid,
      headline: node.messageHeadline ?? '',
      body: node.messageBody ?? '',
      ...(parent && { parentOid: parent.oid }),
    });
    node = parent?.messageHeadline !== undefined ? parent : undefined;
  }
  return out;
}

function bumpPull(node: BumpPullNode): BumpPull {
  return {
    id: node.id,
    number: node.number,
    url: node.url,
    headRefName: node.headRefName,
    baseRefName: node.baseRefName,
    body: node.body ?? '',
    ...(node.headRef && { headRefId: node.headRef.id }),
  };
}

function pullState(node: PullNode): PullState {
  return {
    id: node.id,
    number: node.number,
    url: node.url,
    headOid: node.headRefOid,
    baseRefName: node.baseRefName,
    autoMergeEnabled: node.autoMergeRequest !== null,
    ...(node.author && { author: node.author.login }),
  };
}

/** True when every issue is a lookup that may fail (an absent label or user, the count). */
function onlyLookupMisses(issues: readonly GraphqlIssue[]): boolean {
  return issues.every((i) => {
    // The token's rate-limit count is optional (a server that does not limit may refuse it).
    if (i.path?.[0] === 'usage') return true;
    const alias = String(i.path?.[i.path.length - 1] ?? '');
    return i.type === 'NOT_FOUND' && /^(l|u)\d+$/.test(alias);
  });
}

const STALE =
  /STALE_DATA|Expected branch to point to|is at .* but expected|does not match|Update is not a fast forward|Reference update failed/i;

function isStale(issues: readonly GraphqlIssue[] | undefined): boolean {
  return issues?.some((i) => i.type === 'STALE_DATA' || STALE.test(i.message)) ?? false;
}

/** GitHubPort over an Octokit client. */
export class GitHubApi implements GitHubPort {
  constructor(
    private readonly octokit: Octokit,
    private readonly graphqlUrl: string,
    /** The repository the workflow runs in (GITHUB_REPOSITORY), for permission hints. */
    private readonly workflowRepository?: string,
  ) {}

  /** Runs a call; failures other than the flow's own become errors that say the fix. */
  private async call<T>(
    repo: RepoName,
    what: string,
    needs: Doing['needs'],
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw explain(error, {
        repository: `${repo.owner}/${repo.name}`,
        needs,
        what,
        ...(this.workflowRepository && { workflowRepository: this.workflowRepository }),
      });
    }
  }

  private query<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    // The object form: the string form refuses `url` among its options.
    return this.octokit.graphql<T>({ query: document, url: this.graphqlUrl, ...variables });
  }

  /** A mutation: never retried by the plugin; 5xx and timeouts become UncertainWriteError. */
  private async mutate<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    try {
      return await this.octokit.graphql<T>({
        query: document,
        url: this.graphqlUrl,
        ...WRITE,
        ...variables,
      });
    } catch (error) {
      if (isUncertain(error)) throw new UncertainWriteError(messageOf(error));
      throw error;
    }
  }

  snapshot(q: SnapshotQuery): Promise<Snapshot> {
    const what = `reading ${q.branch ? `the branch ${q.branch}` : 'the default branch'} and the files`;
    return this.call(q.repo, what, 'read', () => this.readSnapshot(q));
  }

  /** The snapshot's answer; lookups that found nothing (a label, a user) leave partial data. */
  private async askSnapshot(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<SnapshotData> {
    try {
      return await this.query<SnapshotData>(query, variables);
    } catch (error) {
      const issues = graphqlIssues(error);
      const partial = graphqlData<SnapshotData>(error);
      if (!issues || !partial?.repository || !onlyLookupMisses(issues)) throw error;
      return partial;
    }
  }

  private async readSnapshot(q: SnapshotQuery): Promise<Snapshot> {
    const labels = q.labels ?? [];
    const users = q.users ?? [];
    const { query, variables } = snapshotRequest(q);
    const data = await this.askSnapshot(query, variables);
    const repo = data.repository;
    if (!repo)
      throw new GitHubError(`The repository ${q.repo.owner}/${q.repo.name} was not found.`, 404);
    const defaultBranch = repo.defaultBranchRef?.name;
    if (!defaultBranch) {
      throw new GitHubError(
        `The repository ${repo.nameWithOwner} is empty (it has no default branch); push a first commit with the files to bump.`,
      );
    }
    if (!repo.base) {
      throw new GitHubError(
        `branch: '${q.branch}' does not exist in ${repo.nameWithOwner}. Give an existing branch, or leave branch empty for the default branch (${defaultBranch}).`,
        404,
      );
    }
    const baseTruncated: TruncatedFile[] = [];
    const headTruncated: TruncatedFile[] = [];
    const snapshot: Snapshot = {
      repositoryId: repo.id,
      nameWithOwner: repo.nameWithOwner,
      url: repo.url,
      defaultBranch,
      allows: {
        autoMerge: repo.autoMergeAllowed,
        squash: repo.squashMergeAllowed,
        merge: repo.mergeCommitAllowed,
        rebase: repo.rebaseMergeAllowed,
      },
      base: branchState(repo.base, q.paths, baseTruncated),
      labelIds: new Map(),
      userIds: new Map(),
    };
    if (q.prBranch !== undefined) {
      snapshot.head = repo.head ? branchState(repo.head, q.paths, headTruncated) : null;
      const open = (repo.pulls?.nodes ?? []).find((p) => p.baseRefName === snapshot.base.name);
      snapshot.pull = open ? pullState(open) : null;
    }
    if (repo.bumps) snapshot.bumpPulls = repo.bumps.nodes.map(bumpPull);
    const usage = tokenUsage(data.usage);
    if (usage) snapshot.usage = usage;
    // Files too large for GraphQL's Blob.text: one REST blob read each (up to 100 MB).
    for (const file of baseTruncated)
      snapshot.base.files.set(file.path, await this.readBlob(q.repo, file));
    for (const file of headTruncated)
      snapshot.head?.files.set(file.path, await this.readBlob(q.repo, file));
    labels.forEach((label, i) => {
      const found = repo[`l${i}`] as { id: string } | null | undefined;
      if (found) snapshot.labelIds.set(label, found.id);
    });
    users.forEach((user, i) => {
      const found = data[`u${i}`] as { id: string } | null | undefined;
      if (found) snapshot.userIds.set(user, found.id);
    });
    return snapshot;
  }

  private async readBlob(repo: RepoName, file: TruncatedFile): Promise<BlobFile> {
    if (file.byteSize > MAX_FILE_BYTES) {
      throw new RemoteFileError(
        `files: '${file.path}' is ${file.byteSize} bytes, more than GitHub's 100 MB per file; it cannot be edited through the API.`,
      );
    }
    const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
      owner: repo.owner,
      repo: repo.name,
      file_sha: file.oid,
    });
    const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    try {
      return { path: file.path, text: decodeText(file.path, bytes), oid: file.oid };
    } catch (error) {
      throw new RemoteFileError(`files: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  listPaths(repo: RepoName, ref: string, under: readonly string[] = ['']): Promise<PathListing> {
    return this.call(repo, `listing the files of ${ref}`, 'read', async () => {
      try {
        return await listTree((sha, recursive) => this.readTree(repo, sha, recursive), ref, under);
      } catch (error) {
        if (statusOf(error) === 404 && ref !== 'HEAD') await this.checkBranch(repo, ref);
        if (!(error instanceof TreeListingError)) throw error;
        throw new GitHubError(`files: in ${repo.owner}/${repo.name}, ${error.message}.`);
      }
    });
  }

  private async readTree(repo: RepoName, sha: string, recursive: boolean): Promise<TreeAnswer> {
    const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      owner: repo.owner,
      repo: repo.name,
      tree_sha: sha,
      // GitHub lists recursively for any value of `recursive`; one level only without it.
      ...(recursive && { recursive: 'true' }),
    });
    return {
      sha: data.sha,
      entries: data.tree.map((e) => ({ path: e.path ?? '', type: e.type ?? '', sha: e.sha ?? '' })),
      truncated: data.truncated,
    };
  }

  /**
   * After a 404 listing a branch: one read of the repository tells a missing branch (said so,
   * with the default branch) from a repository the token cannot see (the 404 is rethrown).
   */
  private async checkBranch(repo: RepoName, branch: string): Promise<void> {
    let defaultBranch: string;
    try {
      ({
        data: { default_branch: defaultBranch },
      } = await this.octokit.request('GET /repos/{owner}/{repo}', {
        owner: repo.owner,
        repo: repo.name,
      }));
    } catch {
      return;
    }
    throw new GitHubError(
      `branch: '${branch}' does not exist in ${repo.owner}/${repo.name}. Give an existing branch, or leave branch empty for the default branch (${defaultBranch}).`,
      404,
    );
  }

  commit(request: CommitRequest): Promise<CommitRef> {
    return this.call(request.repo, `committing to ${request.branch}`, 'contents', () =>
      this.makeCommit(request),
    );
  }

  private async makeCommit(request: CommitRequest): Promise<CommitRef> {
    try {
      const data = await this.mutate<{ createCommitOnBranch: { commit: CommitRef } }>(
        COMMIT_DOCUMENT,
        { input: commitInput(request) },
      );
      return data.createCommitOnBranch.commit;
    } catch (error) {
      if (isStale(graphqlIssues(error))) throw new StaleHeadError(messageOf(error), usageOf(error));
      throw error;
    }
  }

  putContents(request: ContentsRequest): Promise<CommitRef> {
    return this.call(request.repo, `writing ${request.path} to ${request.branch}`, 'contents', () =>
      this.put(request),
    );
  }

  private async put(request: ContentsRequest): Promise<CommitRef> {
    try {
      const { data } = await this.octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', {
        owner: request.repo.owner,
        repo: request.repo.name,
        path: request.path,
        branch: request.branch,
        sha: request.blobOid,
        message: request.message,
        content: base64(request.text),
        ...WRITE,
      });
      return { oid: data.commit.sha ?? '', url: data.commit.html_url ?? '' };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409) throw new StaleHeadError(messageOf(error));
      if (isUncertain(error)) throw new UncertainWriteError(messageOf(error));
      throw error;
    }
  }

  openPull(request: OpenPullRequest): Promise<{ commit: CommitRef; pull: PullState }> {
    return this.call(
      request.repo,
      `opening a pull request from ${request.head}`,
      'pull-requests',
      () => this.open(request),
    );
  }

  private async open(request: OpenPullRequest): Promise<{ commit: CommitRef; pull: PullState }> {
    const ref = request.staleHeadRefId
      ? { refId: request.staleHeadRefId, oid: request.baseOid, force: true }
      : {
          repositoryId: request.repositoryId,
          name: `refs/heads/${request.head}`,
          oid: request.baseOid,
        };
    type Data = {
      createCommitOnBranch: { commit: CommitRef } | null;
      createPullRequest: { pullRequest: PullNode } | null;
    };
    let data: Data;
    try {
      data = await this.mutate<Data>(openPullDocument(request.staleHeadRefId !== undefined), {
        ref,
        commit: commitInput({
          ...request.commit,
          repo: request.repo,
          branch: request.head,
          expectedHeadOid: request.baseOid,
        }),
        pull: {
          repositoryId: request.repositoryId,
          baseRefName: request.base,
          headRefName: request.head,
          title: request.title,
          body: request.body,
        },
      });
    } catch (error) {
      const issues = graphqlIssues(error);
      // Another run made the branch or the pull request first: re-read and take it from there.
      if (
        issues?.some((i) =>
          /already exists|STALE_DATA|Expected branch/i.test(`${i.type} ${i.message}`),
        )
      ) {
        throw new StaleHeadError(issues.map((i) => i.message).join('; '));
      }
      throw error;
    }
    if (!data.createCommitOnBranch || !data.createPullRequest)
      throw new StaleHeadError('the pull request was not opened');
    return {
      commit: data.createCommitOnBranch.commit,
      pull: pullState(data.createPullRequest.pullRequest),
    };
  }

  updatePull(request: UpdatePullRequest): Promise<{ commit: CommitRef }> {
    return this.call(
      request.repo,
      `updating pull request #${request.pull.number}`,
      'pull-requests',
      () => this.update(request),
    );
  }

  private async update(request: UpdatePullRequest): Promise<{ commit: CommitRef }> {
    try {
      const data = await this.mutate<{ createCommitOnBranch: { commit: CommitRef } }>(
        UPDATE_PULL_DOCUMENT,
        {
          commit: commitInput({
            ...request.commit,
            repo: request.repo,
            branch: request.head,
            expectedHeadOid: request.expectedHeadOid,
          }),
          pull: { pullRequestId: request.pull.id, title: request.title, body: request.body },
        },
      );
      return { commit: data.createCommitOnBranch.commit };
    } catch (error) {
      if (isStale(graphqlIssues(error))) throw new StaleHeadError(messageOf(error));
      throw error;
    }
  }

  /**
   * Labels, reviewers and the merge step. Each step's failure is reported under that step: a
   * label or reviewer refused is a problem in the result (the merge step still ran); a merge
   * step refused is thrown.
   */
  async finishPull(request: FinishPullRequest): Promise<FinishResult> {
    const problems: string[] = [];
    const pr = `pull request #${request.pullNumber}`;
    const step = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await this.call(request.repo, what, 'pull-requests', fn);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    };
    if (request.newLabels.length > 0)
      await step(`adding the new labels ${request.newLabels.join(', ')} to ${pr}`, () =>
        this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
          owner: request.repo.owner,
          repo: request.repo.name,
          issue_number: request.pullNumber,
          labels: [...request.newLabels],
        }),
      );
    if (request.teams.length > 0)
      await step(`requesting review from the team ${request.teams.join(', ')} on ${pr}`, () =>
        this.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
          owner: request.repo.owner,
          repo: request.repo.name,
          pull_number: request.pullNumber,
          reviewers: [],
          team_reviewers: request.teams.map((t) => t.split('/').pop() ?? t),
        }),
      );
    const mergeWhat = request.merge === 'now' ? `merging ${pr}` : `enabling auto-merge on ${pr}`;
    const result = await this.call(request.repo, mergeWhat, 'pull-requests', () =>
      this.finishDocument(request, problems),
    );
    return problems.length > 0 ? { ...result, problems } : result;
  }

  /** The one mutation document: labels, reviewers, merge; errors sorted by step. */
  private async finishDocument(
    request: FinishPullRequest,
    problems: string[],
  ): Promise<FinishResult> {
    const document = finishDocument({
      labels: request.labelIds.length > 0,
      reviews: request.userIds.length > 0,
      merge: request.merge,
    });
    if (!document) return { kind: 'none' };
    type Data = { mergePullRequest?: { pullRequest: MergedNode } | null };
    try {
      const data = await this.mutate<Data>(document, finishVariables(request));
      return finishResult(request.merge, data);
    } catch (error) {
      const issues = graphqlIssues(error);
      if (!issues) throw error;
      const pr = `pull request #${request.pullNumber}`;
      const mergeIssues: GraphqlIssue[] = [];
      for (const issue of issues) {
        const field = String(issue.path?.[0] ?? '');
        if (field === 'addLabelsToLabelable')
          problems.push(`GitHub refused adding labels to ${pr}: ${issue.message}`);
        else if (field === 'requestReviews')
          problems.push(`GitHub refused requesting reviews on ${pr}: ${issue.message}`);
        else mergeIssues.push(issue);
      }
      if (mergeIssues.length === 0) {
        const data = graphqlData<Data>(error) ?? {};
        return finishResult(request.merge, data);
      }
      if (request.merge === 'auto' && mergeIssues.every((i) => /clean status/i.test(i.message)))
        return { kind: 'clean' };
      const merged = new GitHubError(
        `GitHub answered an error while ${request.merge === 'now' ? 'merging' : 'enabling auto-merge on'} ${pr}: ${mergeIssues.map((i) => i.message).join('; ')}`,
      );
      (merged as GitHubError & { errors?: GraphqlIssue[] }).errors = mergeIssues;
      throw merged;
    }
  }

  mergePull(request: MergeRequest): Promise<CommitRef> {
    return this.call(
      request.repo,
      `merging pull request #${request.pullNumber}`,
      'pull-requests',
      () => this.merge(request),
    );
  }

  private async merge(request: MergeRequest): Promise<CommitRef> {
    const data = await this.mutate<{ mergePullRequest: { pullRequest: MergedNode } }>(
      MERGE_DOCUMENT,
      {
        merge: {
          pullRequestId: request.pullId,
          mergeMethod: request.method.toUpperCase(),
          expectedHeadOid: request.expectedHeadOid,
        },
      },
    );
    const merged = data.mergePullRequest.pullRequest;
    if (!merged.merged || !merged.mergeCommit)
      throw new GitHubError('GitHub did not merge the pull request.');
    return merged.mergeCommit;
  }

  closePulls(request: ClosePullsRequest): Promise<ClosePullsResult> {
    const numbers = request.pulls.map((p) => `#${p.number}`).join(', ');
    return this.call(request.repo, `closing pull request ${numbers}`, 'pull-requests', () =>
      this.close(request),
    );
  }

  private async close(request: ClosePullsRequest): Promise<ClosePullsResult> {
    const variables: Record<string, unknown> = {};
    request.pulls.forEach((p, i) => {
      variables[`c${i}`] = { subjectId: p.id, body: p.comment };
      variables[`x${i}`] = { pullRequestId: p.id };
      if (p.headRefId) variables[`d${i}`] = { refId: p.headRefId };
    });
    const document = closePullsDocument({
      deleteBranch: request.pulls.map((p) => p.headRefId !== undefined),
    });
    let data: Record<string, unknown> = {};
    let issues: readonly GraphqlIssue[] = [];
    try {
      data = await this.mutate<Record<string, unknown>>(document, variables);
    } catch (error) {
      // Each step that GitHub refused is reported on its own; the others still happened.
      const partial = graphqlData<Record<string, unknown>>(error);
      const found = graphqlIssues(error);
      if (!partial || !found) throw error;
      data = partial;
      issues = found;
    }
    const result: ClosePullsResult = { closed: [], branchesDeleted: [], problems: [] };
    request.pulls.forEach((p, i) => {
      if (data[`x${i}`]) result.closed.push(p.number);
      if (p.headRefId && data[`d${i}`]) result.branchesDeleted.push(p.number);
    });
    for (const issue of issues) {
      const alias = String(issue.path?.[0] ?? '');
      const pull = request.pulls[Number(alias.slice(1))];
      const step = { c: 'commenting on', x: 'closing', d: 'deleting the branch of' }[
        alias[0] ?? ''
      ];
      result.problems.push(
        pull && step ? `${step} pull request #${pull.number}: ${issue.message}` : issue.message,
      );
    }
    return result;
  }

  pullStatus(repo: RepoName, pullId: string): Promise<PullStatus> {
    return this.call(repo, 'reading the pull request state', 'read', async () => {
      const data = await this.query<{
        node: { state: PullStatus['state']; mergeCommit: CommitRef | null } | null;
      }>(PULL_STATE_DOCUMENT, { id: pullId });
      if (!data.node) throw new GitHubError(`The pull request ${pullId} was not found.`, 404);
      return {
        state: data.node.state,
        ...(data.node.mergeCommit && { mergeCommit: data.node.mergeCommit }),
      };
    });
  }
}

interface MergedNode {
  merged: boolean;
  mergeCommit: CommitRef | null;
}

function finishResult(
  merge: 'auto' | 'now' | 'none',
  data: { mergePullRequest?: { pullRequest: MergedNode } | null },
): FinishResult {
  if (merge === 'auto') return { kind: 'auto-merge-enabled' };
  if (merge === 'now') {
    const merged = data.mergePullRequest?.pullRequest;
    if (!merged?.merged || !merged.mergeCommit)
      throw new GitHubError('GitHub did not merge the pull request.');
    return { kind: 'merged', mergeCommit: merged.mergeCommit };
  }
  return { kind: 'none' };
}

/** The variables of the snapshot document: every name and path travels as a variable. */
function finishVariables(request: FinishPullRequest): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  if (request.labelIds.length > 0)
    variables.labels = { labelableId: request.pullId, labelIds: [...request.labelIds] };
  if (request.userIds.length > 0)
    variables.reviews = {
      pullRequestId: request.pullId,
      userIds: [...request.userIds],
      union: true,
    };
  const step = {
    pullRequestId: request.pullId,
    mergeMethod: request.method.toUpperCase(),
    expectedHeadOid: request.expectedHeadOid,
  };
  if (request.merge === 'auto') variables.auto = step;
  if (request.merge === 'now') variables.merge = step;
  return variables;
}

function commitInput(request: CommitRequest): Record<string, unknown> {
  return {
    branch: {
      repositoryNameWithOwner: `${request.repo.owner}/${request.repo.name}`,
      branchName: request.branch,
    },
    expectedHeadOid: request.expectedHeadOid,
    message: { headline: request.headline, ...(request.body ? { body: request.body } : {}) },
    fileChanges: {
      additions: request.files.map((f) => ({ path: f.path, contents: base64(f.text) })),
    },
  };
}

function messageOf(error: unknown): string {
  const issues = graphqlIssues(error);
  if (issues) return issues.map((i) => i.message).join('; ');
  return error instanceof Error ? error.message : String(error);
}
