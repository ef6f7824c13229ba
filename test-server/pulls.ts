import { ApiError, validationFailed } from './auth.js';
import type { Signature } from './git-store.js';
import {
  encodeNodeId,
  type LabelRecord,
  type MergeMethod,
  nowIso,
  type PullRequestRecord,
  type RepoState,
  type StatusRecord,
  type StatusState,
  type UserRecord,
} from './model.js';
import { ensureNewline, githubCommitter, type Store, userSignature } from './store.js';

/** REST `mergeable_state` values this server produces. */
export type MergeableState = 'clean' | 'blocked' | 'dirty' | 'unstable' | 'unknown';

/** Live view of a pull request: shas and mergeability computed from git and statuses. */
export interface PullView {
  pr: PullRequestRecord;
  headSha: string;
  baseSha: string;
  mergeable: boolean | null;
  mergeableState: MergeableState;
}

/** Refreshes a PR's head/base shas from git (open PRs follow their branches). */
async function refresh(repo: RepoState, pr: PullRequestRecord): Promise<void> {
  if (pr.state !== 'open') return;
  const head = await repo.git.branchHead(pr.headRef);
  if (head) pr.headSha = head;
  const base = await repo.git.branchHead(pr.baseRef);
  if (base) pr.baseSha = base;
}

/** Required contexts that gate merging into `baseRef`. */
function requiredFor(repo: RepoState, baseRef: string): string[] {
  return baseRef === repo.defaultBranch ? repo.requiredChecks : [];
}

/** Computes mergeability the way GitHub reports it, with a real merge-tree. */
export async function viewPull(repo: RepoState, pr: PullRequestRecord): Promise<PullView> {
  await refresh(repo, pr);
  const view: PullView = {
    pr,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    mergeable: null,
    mergeableState: 'unknown',
  };
  if (pr.state !== 'open') return view;
  const merge = await repo.git.mergeTree(pr.baseSha, pr.headSha);
  if (!merge.clean) {
    view.mergeable = false;
    view.mergeableState = 'dirty';
    return view;
  }
  view.mergeable = true;
  const statuses = repo.statuses.get(pr.headSha) ?? new Map<string, StatusRecord>();
  const required = requiredFor(repo, pr.baseRef);
  if (required.some((c) => statuses.get(c)?.state !== 'success')) {
    view.mergeableState = 'blocked';
  } else if ([...statuses.values()].some((s) => s.state !== 'success')) {
    view.mergeableState = 'unstable';
  } else {
    view.mergeableState = 'clean';
  }
  return view;
}

/** Finds a PR by number. */
export function findPull(repo: RepoState, number: number): PullRequestRecord | undefined {
  return repo.pulls.find((p) => p.number === number);
}

/** Finds a PR by its node id. */
export function findPullByNodeId(
  store: Store,
  nodeId: string,
): [RepoState, PullRequestRecord] | undefined {
  for (const repo of store.repos.values()) {
    const pr = repo.pulls.find((p) => p.nodeId === nodeId);
    if (pr) return [repo, pr];
  }
  return undefined;
}

/** Opens a pull request, with GitHub's 422 validation errors. */
export async function createPull(
  store: Store,
  repo: RepoState,
  user: UserRecord,
  input: { title?: string; body?: string | null; head?: string; base?: string; draft?: boolean },
): Promise<PullRequestRecord> {
  const headInput = input.head ?? '';
  const base = input.base ?? '';
  // "owner:branch" is how REST names a head; same-repo PRs are the only kind this server knows.
  const head = headInput.includes(':') ? headInput.slice(headInput.indexOf(':') + 1) : headInput;
  const headOwner = headInput.includes(':')
    ? headInput.slice(0, headInput.indexOf(':'))
    : repo.owner;
  if (!input.title) {
    throw validationFailed([{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]);
  }
  const headSha = head ? await repo.git.branchHead(head) : undefined;
  const baseSha = base ? await repo.git.branchHead(base) : undefined;
  if (!headSha || headOwner.toLowerCase() !== repo.owner.toLowerCase()) {
    throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  }
  if (!baseSha)
    throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  const existing = repo.pulls.find(
    (p) => p.state === 'open' && p.headRef === head && p.baseRef === base,
  );
  if (existing) {
    throw validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner}:${head}.`,
      },
    ]);
  }
  if (await repo.git.isAncestor(headSha, baseSha)) {
    throw validationFailed([
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${base} and ${head}`,
      },
    ]);
  }
  const id = store.id();
  const now = nowIso();
  const pr: PullRequestRecord = {
    id,
    nodeId: encodeNodeId('PR', [repo.id, id]),
    number: repo.nextNumber++,
    title: input.title,
    body: input.body ?? null,
    state: 'open',
    draft: input.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    headRef: head,
    baseRef: base,
    headSha,
    baseSha,
    user: user.login,
    labels: [],
    requestedReviewers: [],
    requestedTeams: [],
    autoMerge: null,
    comments: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  repo.pulls.push(pr);
  return pr;
}

/** Updates title/body/state/base of a PR. */
export async function updatePull(
  repo: RepoState,
  pr: PullRequestRecord,
  input: {
    title?: string | null;
    body?: string | null;
    state?: string | null;
    base?: string | null;
  },
): Promise<void> {
  if (input.base) {
    if (!(await repo.git.branchHead(input.base))) {
      throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
    }
    pr.baseRef = input.base;
  }
  if (typeof input.title === 'string') pr.title = input.title;
  if (input.body !== undefined) pr.body = input.body;
  if (input.state) {
    const state = input.state.toLowerCase();
    if (state !== 'open' && state !== 'closed') {
      throw validationFailed([{ resource: 'PullRequest', field: 'state', code: 'invalid' }]);
    }
    if (state === 'closed' && pr.state === 'open') {
      await refresh(repo, pr);
      pr.state = 'closed';
      pr.closedAt = nowIso();
      pr.autoMerge = null;
    } else if (state === 'open' && pr.state === 'closed' && !pr.merged) {
      pr.state = 'open';
      pr.closedAt = null;
    }
  }
  pr.updatedAt = nowIso();
}

/** The REST error for a merge method the repository does not allow. */
function methodNotAllowed(method: MergeMethod): ApiError {
  const text = {
    merge: 'Merge commits are not allowed on this repository.',
    squash: 'Squash merges are not allowed on this repository.',
    rebase: 'Rebase merges are not allowed on this repository.',
  }[method];
  return new ApiError(405, text);
}

/** True when the repository allows the method. */
export function methodAllowed(repo: RepoState, method: MergeMethod): boolean {
  return method === 'merge'
    ? repo.allowMerge
    : method === 'squash'
      ? repo.allowSquash
      : repo.allowRebase;
}

/** Options of a merge. */
export interface MergeOptions {
  method: MergeMethod;
  expectedHeadSha?: string | null;
  commitTitle?: string | null;
  commitMessage?: string | null;
}

/**
 * Merges a PR with real git objects and a compare-and-swap on the base branch. Holds the
 * repository lock for the whole merge so that two merges never interleave.
 */
export async function mergePull(
  store: Store,
  repo: RepoState,
  pr: PullRequestRecord,
  actor: UserRecord,
  opts: MergeOptions,
): Promise<string> {
  return repo.lock.run(async () => {
    const view = await viewPull(repo, pr);
    if (pr.state !== 'open') throw new ApiError(405, 'Pull Request is not mergeable');
    if (!methodAllowed(repo, opts.method)) throw methodNotAllowed(opts.method);
    if (opts.expectedHeadSha && opts.expectedHeadSha !== view.headSha) {
      throw new ApiError(409, 'Head branch was modified. Review and try the merge again.');
    }
    if (view.mergeableState === 'dirty' || view.mergeableState === 'blocked') {
      throw new ApiError(405, 'Pull Request is not mergeable');
    }
    const sha = await mergeCommit(store, repo, pr, view, actor, opts);
    if (!(await store.casLocked(repo, pr.baseRef, sha, view.baseSha))) {
      throw new ApiError(409, 'Base branch was modified. Review and try the merge again.');
    }
    const now = nowIso();
    pr.state = 'closed';
    pr.merged = true;
    pr.mergedAt = now;
    pr.closedAt = now;
    pr.updatedAt = now;
    pr.mergedBy = actor.login;
    pr.mergeCommitSha = sha;
    pr.autoMerge = null;
    return sha;
  });
}

/** Builds the commit(s) a merge adds to the base branch and returns the new base head. */
async function mergeCommit(
  store: Store,
  repo: RepoState,
  pr: PullRequestRecord,
  view: PullView,
  actor: UserRecord,
  opts: MergeOptions,
): Promise<string> {
  const git = repo.git;
  const committer = githubCommitter();
  if (opts.method === 'rebase') {
    let tip = view.baseSha;
    for (const c of await git.commitsBetween(view.baseSha, view.headSha)) {
      const info = await git.readCommit(c);
      if (!info || info.parents.length > 1) continue;
      tip = await replay(repo, tip, info.sha, info.parents[0], async (tree) =>
        git.commitTree({
          tree,
          parents: [tip],
          message: info.message,
          author: info.author,
          committer,
        }),
      );
      store.markVerified(repo, tip);
    }
    return tip;
  }
  const merged = await git.mergeTree(view.baseSha, view.headSha);
  if (!merged.clean) throw new ApiError(405, 'Pull Request is not mergeable');
  let message: string;
  let parents: string[];
  let author: Signature;
  if (opts.method === 'squash') {
    const messages: string[] = [];
    for (const c of await git.commitsBetween(view.baseSha, view.headSha)) {
      const info = await git.readCommit(c);
      if (info) messages.push(info.message.trim());
    }
    const title = opts.commitTitle ?? `${pr.title} (#${pr.number})`;
    const body = opts.commitMessage ?? messages.map((m) => `* ${m}`).join('\n\n');
    message = body ? `${title}\n\n${body}` : title;
    parents = [view.baseSha];
    author = userSignature(store.tokens.user(pr.user));
  } else {
    const title =
      opts.commitTitle ?? `Merge pull request #${pr.number} from ${repo.owner}/${pr.headRef}`;
    const body = opts.commitMessage ?? pr.title;
    message = body ? `${title}\n\n${body}` : title;
    parents = [view.baseSha, view.headSha];
    author = userSignature(actor);
  }
  const sha = await git.commitTree({
    tree: merged.tree,
    parents,
    message: ensureNewline(message),
    author,
    committer,
  });
  store.markVerified(repo, sha);
  return sha;
}

/**
 * Cherry-picks `commit` (whose parent is `parent`) onto `onto` with a real three-way merge. git
 * 2.39's merge-tree has no --merge-base, so two throwaway commits sharing `parent`'s tree as
 * their only ancestor make merge-tree pick exactly that base.
 */
async function replay(
  repo: RepoState,
  onto: string,
  commit: string,
  parent: string | undefined,
  write: (tree: string) => Promise<string>,
): Promise<string> {
  const git = repo.git;
  const sig = githubCommitter();
  const baseTree = parent
    ? (await git.readCommit(parent))?.tree
    : await git.buildTree(undefined, []);
  const ontoTree = (await git.readCommit(onto))?.tree;
  const theirsTree = (await git.readCommit(commit))?.tree;
  if (!baseTree || !ontoTree || !theirsTree)
    throw new ApiError(405, 'Pull Request is not mergeable');
  const b = await git.commitTree({
    tree: baseTree,
    parents: [],
    message: 'base\n',
    author: sig,
    committer: sig,
  });
  const o = await git.commitTree({
    tree: ontoTree,
    parents: [b],
    message: 'ours\n',
    author: sig,
    committer: sig,
  });
  const t = await git.commitTree({
    tree: theirsTree,
    parents: [b],
    message: 'theirs\n',
    author: sig,
    committer: sig,
  });
  const merged = await git.mergeTree(o, t);
  if (!merged.clean) throw new ApiError(405, 'Pull Request is not mergeable');
  return write(merged.tree);
}

/** GraphQL's error for enabling auto-merge on a PR that needs nothing more (GitHub's wording). */
function statusError(state: MergeableState): ApiError {
  return new ApiError(422, `Pull request Pull request is in ${state} status`, {
    gqlType: 'UNPROCESSABLE',
  });
}

/** Enables auto-merge; it fires once required checks pass (see recordStatus). */
export async function enableAutoMerge(
  repo: RepoState,
  pr: PullRequestRecord,
  actor: UserRecord,
  opts: {
    method: MergeMethod;
    expectedHeadSha?: string | null;
    commitHeadline?: string | null;
    commitBody?: string | null;
  },
): Promise<void> {
  if (!repo.allowAutoMerge) {
    throw new ApiError(422, 'Auto merge is not allowed for this repository', {
      gqlType: 'UNPROCESSABLE',
    });
  }
  if (!methodAllowed(repo, opts.method)) {
    throw new ApiError(422, methodNotAllowed(opts.method).message, { gqlType: 'UNPROCESSABLE' });
  }
  const view = await viewPull(repo, pr);
  if (pr.state !== 'open') {
    throw new ApiError(422, 'Pull request is closed', { gqlType: 'UNPROCESSABLE' });
  }
  if (opts.expectedHeadSha && opts.expectedHeadSha !== view.headSha) {
    throw new ApiError(422, 'Head branch was modified. Review and try the merge again.', {
      gqlType: 'UNPROCESSABLE',
    });
  }
  if (view.mergeableState !== 'blocked') throw statusError(view.mergeableState);
  pr.autoMerge = {
    enabledAt: nowIso(),
    mergeMethod: opts.method,
    enabledBy: actor.login,
    ...(opts.commitHeadline ? { commitHeadline: opts.commitHeadline } : {}),
    ...(opts.commitBody ? { commitBody: opts.commitBody } : {}),
  };
  pr.updatedAt = nowIso();
}

/** Records a commit status and lets auto-merge fire for PRs whose checks are now green. */
export async function recordStatus(
  store: Store,
  repo: RepoState,
  sha: string,
  input: {
    state: StatusState;
    context?: string;
    description?: string | null;
    targetUrl?: string | null;
  },
  creator: string,
): Promise<StatusRecord> {
  if ((await repo.git.objectType(sha)) !== 'commit') {
    throw validationFailed([], `No commit found for SHA: ${sha}`);
  }
  const context = input.context ?? 'default';
  let perSha = repo.statuses.get(sha);
  if (!perSha) {
    perSha = new Map();
    repo.statuses.set(sha, perSha);
  }
  const id = store.id();
  const now = nowIso();
  const record: StatusRecord = {
    id,
    nodeId: encodeNodeId('SC', [repo.id, id]),
    state: input.state,
    context,
    description: input.description ?? null,
    targetUrl: input.targetUrl ?? null,
    createdAt: perSha.get(context)?.createdAt ?? now,
    updatedAt: now,
    creator,
  };
  perSha.set(context, record);
  await runAutoMerges(store, repo);
  return record;
}

/** Merges every PR with auto-merge enabled whose merge state became clean (or unstable). */
export async function runAutoMerges(store: Store, repo: RepoState): Promise<void> {
  for (const pr of repo.pulls) {
    if (pr.state !== 'open' || !pr.autoMerge) continue;
    const view = await viewPull(repo, pr);
    if (view.mergeableState !== 'clean' && view.mergeableState !== 'unstable') continue;
    const auto = pr.autoMerge;
    try {
      await mergePull(store, repo, pr, store.tokens.user(auto.enabledBy), {
        method: auto.mergeMethod,
        commitTitle: auto.commitHeadline ?? null,
        commitMessage: auto.commitBody ?? null,
      });
    } catch {
      // GitHub leaves auto-merge armed when a merge attempt fails; a later status retries it.
    }
  }
}

/** Adds labels by name, creating unknown ones like the REST endpoint does. */
export function addLabels(
  store: Store,
  repo: RepoState,
  pr: PullRequestRecord,
  names: string[],
): void {
  for (const name of names) {
    ensureLabel(store, repo, name);
    if (!pr.labels.includes(name)) pr.labels.push(name);
  }
  pr.updatedAt = nowIso();
}

/** The label with that name, created with GitHub's default grey when absent. */
export function ensureLabel(
  store: Store,
  repo: RepoState,
  name: string,
  color = 'ededed',
): LabelRecord {
  const key = name.toLowerCase();
  let label = repo.labels.get(key);
  if (!label) {
    const id = store.id();
    label = { id, nodeId: encodeNodeId('LA', [repo.id, id]), name, color, description: null };
    repo.labels.set(key, label);
  }
  return label;
}

/** Closes open PRs whose head branch was deleted, as GitHub does. */
export function closePullsForDeletedBranch(repo: RepoState, branch: string): void {
  for (const pr of repo.pulls) {
    if (pr.state === 'open' && pr.headRef === branch) {
      pr.state = 'closed';
      pr.closedAt = nowIso();
      pr.autoMerge = null;
    }
  }
}
