import {
  type DocumentNode,
  execute,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  validate,
} from 'graphql';
import { ApiError, levelOf, notAccessible } from './auth.js';
import type { CommitInfo } from './git-store.js';
import { githubSchema } from './graphql-schema.js';
import {
  type Caller,
  decodeNodeId,
  encodeNodeId,
  type MergeMethod,
  nowIso,
  type PullRequestRecord,
  type RepoState,
} from './model.js';
import {
  addLabels,
  closePullsForDeletedBranch,
  createPull,
  enableAutoMerge,
  ensureLabel,
  findPullByNodeId,
  mergePull,
  updatePull,
  viewPull,
} from './pulls.js';
import type { Urls } from './rest-shapes.js';
import { ensureNewline, githubCommitter, type Store, userSignature } from './store.js';

/** Per-request state handed to every resolver. */
interface Ctx {
  store: Store;
  caller: Caller;
  urls: Urls;
  /** The token's rate-limit count with this request, and when it resets (s since the epoch). */
  usage?: { used: number; resetAt: number };
}

type Args = Record<string, unknown>;
type Obj = Record<string, unknown>;

/** What the HTTP layer needs back from a GraphQL request. */
export interface GraphqlOutcome {
  body: Obj;
  operationName?: string;
  fields: string[];
}

/** A GraphQL error with GitHub's top-level `type`. */
function gqlError(type: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } });
}

/** Converts server errors into GitHub-style GraphQL errors. */
function toGql(e: unknown): GraphQLError {
  if (e instanceof GraphQLError) return e;
  if (e instanceof ApiError) {
    const errors = e.extra.errors as
      | Array<{ message?: string; field?: string; code?: string }>
      | undefined;
    const detail = errors
      ?.map((x) => x.message ?? (x.field ? `${x.field} is ${x.code ?? 'invalid'}` : undefined))
      .filter(Boolean)
      .join(', ');
    return gqlError(e.gqlType(), detail || e.message);
  }
  return gqlError('INTERNAL', e instanceof Error ? e.message : String(e));
}

/** Wraps a resolver so every failure is reported with GitHub's error shape. */
function guard<T>(fn: () => Promise<T>): Promise<T> {
  return fn().catch((e: unknown) => {
    throw toGql(e);
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function input(args: Args): Obj {
  const i = args.input;
  return i && typeof i === 'object' ? (i as Obj) : {};
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fn();
    return p;
  };
}

/** Throws FORBIDDEN unless the caller has the level on the area. */
function requireLevel(
  ctx: Ctx,
  repo: RepoState,
  area: 'contents' | 'pullRequests',
  need: 'read' | 'write',
): void {
  const level = levelOf(ctx.caller, repo.fullName, area);
  if (level === undefined)
    throw gqlError(
      'NOT_FOUND',
      `Could not resolve to a Repository with the name '${repo.fullName}'.`,
    );
  if (level === 'none' || (need === 'write' && level !== 'write')) {
    throw gqlError('FORBIDDEN', notAccessible(ctx.caller).message);
  }
}

/** Resolves a repository visible to the caller by name, or throws NOT_FOUND. */
function repoByName(ctx: Ctx, nameWithOwner: string): RepoState {
  const repo = ctx.store.find(nameWithOwner);
  if (!repo || levelOf(ctx.caller, nameWithOwner, 'metadata') === undefined) {
    throw gqlError(
      'NOT_FOUND',
      `Could not resolve to a Repository with the name '${nameWithOwner}'.`,
    );
  }
  return repo;
}

function nodeNotFound(id: string): GraphQLError {
  return gqlError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
}

/** Resolves a repository node id visible to the caller. */
function repoById(ctx: Ctx, id: string): RepoState {
  const repo = [...ctx.store.repos.values()].find((r) => r.nodeId === id);
  if (!repo || levelOf(ctx.caller, repo.fullName, 'metadata') === undefined) throw nodeNotFound(id);
  return repo;
}

/** Resolves a PR node id visible to the caller. */
function pullById(ctx: Ctx, id: string): [RepoState, PullRequestRecord] {
  const found = findPullByNodeId(ctx.store, id);
  if (!found || levelOf(ctx.caller, found[0].fullName, 'metadata') === undefined)
    throw nodeNotFound(id);
  return found;
}

/** Resolves a ref node id to repository and branch name. */
function refById(ctx: Ctx, id: string): [RepoState, string] {
  const decoded = decodeNodeId(id);
  const repo = ctx.store.repoByNodeId(id);
  const name = decoded?.parts[1];
  if (decoded?.prefix !== 'REF' || !repo || !name?.startsWith('refs/heads/'))
    throw nodeNotFound(id);
  if (levelOf(ctx.caller, repo.fullName, 'metadata') === undefined) throw nodeNotFound(id);
  return [repo, name.slice('refs/heads/'.length)];
}

function mergeMethod(v: unknown): MergeMethod {
  const m = (str(v) ?? 'MERGE').toLowerCase();
  return m === 'squash' || m === 'rebase' ? m : 'merge';
}

function userNode(ctx: Ctx, login: string): Obj {
  const u = ctx.store.tokens.user(login);
  return {
    __typename: u.type === 'Bot' ? 'Bot' : 'User',
    id: u.nodeId,
    databaseId: u.id,
    login: u.login,
    url: `${ctx.urls.web}/${u.login}`,
    resourcePath: `/${u.login}`,
    avatarUrl: `${ctx.urls.web}/avatars/u/${u.id}?v=4`,
  };
}

function connection<T>(items: T[], args: Args): Obj {
  const first = typeof args.first === 'number' ? args.first : undefined;
  const last = typeof args.last === 'number' ? args.last : undefined;
  let slice = items;
  if (first !== undefined) slice = slice.slice(0, first);
  if (last !== undefined) slice = slice.slice(Math.max(0, slice.length - last));
  const cursor = (i: number) => Buffer.from(`cursor:${i}`).toString('base64');
  return {
    totalCount: items.length,
    nodes: slice,
    edges: slice.map((node, i) => ({ node, cursor: cursor(i) })),
    pageInfo: {
      hasNextPage: slice.length < items.length && first !== undefined,
      hasPreviousPage: slice.length < items.length && last !== undefined,
      startCursor: slice.length ? cursor(0) : null,
      endCursor: slice.length ? cursor(slice.length - 1) : null,
    },
  };
}

/** A GitActor; `user` stays null because commit emails are not mapped to accounts. */
function signatureNode(s: CommitInfo['author']): Obj {
  return { name: s.name, email: s.email, date: s.date, user: null };
}

/** GitHub's page limits on a connection: `first` or `last` is required, at most 100. */
function pageSize(args: Args, field: string): number {
  const n = typeof args.first === 'number' ? args.first : args.last;
  const which = typeof args.first === 'number' ? 'first' : 'last';
  if (typeof n !== 'number') {
    throw gqlError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
    );
  }
  if (n > 100) {
    throw gqlError(
      'EXCESSIVE_PAGINATION',
      `Requesting ${n} records on the \`${field}\` connection exceeds the \`${which}\` limit of 100 records.`,
    );
  }
  return n;
}

/**
 * Commit.history: the commits reachable from `sha`, newest first, from one `git log` (`first`,
 * `since`, `until`, `path`; `after`, `before`, `last` and `author` are not supported).
 */
async function historyConnection(ctx: Ctx, repo: RepoState, sha: string, args: Args): Promise<Obj> {
  for (const arg of ['after', 'before', 'last', 'author'] as const) {
    if (args[arg] !== undefined && args[arg] !== null)
      throw new Error(`the test server does not support history(${arg}:)`);
  }
  const first = pageSize(args, 'history');
  const filters: string[] = [];
  if (str(args.since)) filters.push(`--since=${str(args.since)}`);
  if (str(args.until)) filters.push(`--until=${str(args.until)}`);
  const paths = str(args.path) ? [str(args.path) ?? ''] : [];
  const commits = await repo.git.log(sha, [...filters, `-n${first + 1}`], paths);
  const page = commits.slice(0, first);
  const count = once(async () =>
    commits.length <= first ? commits.length : (await repo.git.log(sha, filters, paths)).length,
  );
  const cursor = (i: number) => Buffer.from(`${sha} ${i}`).toString('base64');
  const nodes = page.map((c) => commitNode(ctx, repo, c.sha, c));
  return {
    totalCount: count,
    nodes,
    edges: nodes.map((node, i) => ({ node, cursor: cursor(i) })),
    pageInfo: {
      hasNextPage: commits.length > first,
      hasPreviousPage: false,
      startCursor: page.length ? cursor(0) : null,
      endCursor: page.length ? cursor(page.length - 1) : null,
    },
  };
}

/** A lazily loaded Commit object (`known`: its info, when already read). */
function commitNode(ctx: Ctx, repo: RepoState, sha: string, known?: CommitInfo): Obj {
  const info = once(async () => {
    if (known) return known;
    const c = await repo.git.readCommit(sha);
    if (!c) throw gqlError('NOT_FOUND', `Could not resolve to a Commit with the oid ${sha}`);
    return c;
  });
  const url = `${ctx.urls.web}/${repo.fullName}/commit/${sha}`;
  const headline = async () => (await info()).message.split('\n')[0] ?? '';
  const body = async () =>
    (await info()).message
      .split('\n')
      .slice(1)
      .join('\n')
      .replace(/^\n+|\n+$/g, '');
  return {
    __typename: 'Commit',
    id: `C_kwDO${Buffer.from(`${repo.id}:${sha}`).toString('base64url')}`,
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    url,
    commitUrl: url,
    resourcePath: `/${repo.fullName}/commit/${sha}`,
    commitResourcePath: `/${repo.fullName}/commit/${sha}`,
    repository: () => repoNode(ctx, repo),
    message: async () => (await info()).message.replace(/\n$/, ''),
    messageHeadline: headline,
    messageBody: body,
    committedDate: async () => (await info()).committer.date,
    authoredDate: async () => (await info()).author.date,
    committedViaWeb: () => repo.verified.has(sha),
    author: async () => signatureNode((await info()).author),
    committer: async () => signatureNode((await info()).committer),
    tree: async () => treeNode(ctx, repo, (await info()).tree),
    file: async (args: Args) => {
      const path = (str(args.path) ?? '').replace(/^\/+|\/+$/g, '');
      const entry = await repo.git.entryAt(sha, path);
      if (!entry) return null;
      const name = path.split('/').pop() ?? path;
      return {
        name,
        path,
        oid: entry.sha,
        mode: Number.parseInt(entry.mode, 8),
        type: entry.type,
        size: entry.size ?? 0,
        extension: name.includes('.') ? `.${name.split('.').pop()}` : null,
        isGenerated: false,
        lineCount: null,
        object:
          entry.type === 'tree'
            ? treeNode(ctx, repo, entry.sha, path)
            : entry.type === 'blob'
              ? blobNode(ctx, repo, entry.sha, entry.size)
              : null,
      };
    },
    parents: async (args: Args) =>
      connection(
        (await info()).parents.map((p) => commitNode(ctx, repo, p)),
        args,
      ),
    history: (args: Args) => historyConnection(ctx, repo, sha, args),
    signature: () => {
      const at = repo.verified.get(sha);
      if (!at) return null;
      return {
        __typename: 'GpgSignature',
        isValid: true,
        state: 'VALID',
        wasSignedByGitHub: true,
        signature: '-----BEGIN PGP SIGNATURE-----\n-----END PGP SIGNATURE-----\n',
        payload: '',
        email: 'noreply@github.com',
        keyId: '4AEE18F83AFDEB23',
        verifiedAt: at,
        signer: null,
      };
    },
  };
}

function blobNode(ctx: Ctx, repo: RepoState, sha: string, size: number | undefined): Obj {
  const bytes = once(async () => (await repo.git.readBlob(sha)) ?? Buffer.alloc(0));
  const binary = once(async () => {
    const b = await bytes();
    if (b.subarray(0, 8000).includes(0)) return true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(b);
      return false;
    } catch {
      return true;
    }
  });
  return {
    __typename: 'Blob',
    id: `B_kwDO${Buffer.from(`${repo.id}:${sha}`).toString('base64url')}`,
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    commitUrl: `${ctx.urls.web}/${repo.fullName}`,
    commitResourcePath: `/${repo.fullName}`,
    repository: () => repoNode(ctx, repo),
    byteSize: async () => size ?? (await bytes()).length,
    isBinary: binary,
    isTruncated: async () => (await bytes()).length > ctx.store.blobTextLimit,
    text: async () =>
      (await binary())
        ? null
        : (await bytes()).subarray(0, ctx.store.blobTextLimit).toString('utf8'),
  };
}

function treeNode(ctx: Ctx, repo: RepoState, sha: string, prefix = ''): Obj {
  return {
    __typename: 'Tree',
    id: `T_kwDO${Buffer.from(`${repo.id}:${sha}`).toString('base64url')}`,
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    commitUrl: `${ctx.urls.web}/${repo.fullName}`,
    commitResourcePath: `/${repo.fullName}`,
    repository: () => repoNode(ctx, repo),
    entries: async () =>
      (await repo.git.listTree(sha)).map((e) => {
        const path = prefix ? `${prefix}/${e.path}` : e.path;
        return {
          name: e.path,
          path,
          oid: e.sha,
          mode: Number.parseInt(e.mode, 8),
          type: e.type,
          size: e.size ?? 0,
          extension: e.path.includes('.') ? `.${e.path.split('.').pop()}` : null,
          isGenerated: false,
          lineCount: null,
          object:
            e.type === 'tree'
              ? treeNode(ctx, repo, e.sha, path)
              : e.type === 'blob'
                ? blobNode(ctx, repo, e.sha, e.size)
                : null,
        };
      }),
  };
}

/** A Ref object for a branch, or null when the branch does not exist. */
async function refNode(ctx: Ctx, repo: RepoState, branch: string): Promise<Obj | null> {
  const head = await repo.git.branchHead(branch);
  if (!head) return null;
  return {
    __typename: 'Ref',
    id: ctx.store.refNodeId(repo, `refs/heads/${branch}`),
    name: branch,
    prefix: 'refs/heads/',
    target: commitNode(ctx, repo, head),
    repository: () => repoNode(ctx, repo),
    associatedPullRequests: (args: Args) =>
      pullConnection(ctx, repo, { ...args, headRefName: branch }),
  };
}

async function objectByExpression(ctx: Ctx, repo: RepoState, args: Args): Promise<Obj | null> {
  const git = repo.git;
  const oid = str(args.oid);
  if (oid) {
    const type = await git.objectType(oid);
    if (type === 'commit') return commitNode(ctx, repo, oid);
    if (type === 'blob') return blobNode(ctx, repo, oid, undefined);
    if (type === 'tree') return treeNode(ctx, repo, oid);
    return null;
  }
  const expression = str(args.expression) ?? '';
  const colon = expression.indexOf(':');
  const rev = colon === -1 ? expression : expression.slice(0, colon);
  const resolved =
    rev === 'HEAD' || rev === '' ? repo.defaultBranch : rev.replace(/^refs\/heads\//, '');
  const commit = await git.resolveCommit(resolved);
  if (!commit) return null;
  if (colon === -1) return commitNode(ctx, repo, commit);
  const path = expression.slice(colon + 1).replace(/^\/+|\/+$/g, '');
  const entry = await git.entryAt(commit, path);
  if (!entry) return null;
  if (entry.type === 'blob') return blobNode(ctx, repo, entry.sha, entry.size);
  if (entry.type === 'tree') return treeNode(ctx, repo, entry.sha, path);
  return null;
}

function graphqlState(pr: PullRequestRecord): 'OPEN' | 'CLOSED' | 'MERGED' {
  return pr.merged ? 'MERGED' : pr.state === 'open' ? 'OPEN' : 'CLOSED';
}

function pullConnection(ctx: Ctx, repo: RepoState, args: Args): Obj {
  requireLevel(ctx, repo, 'pullRequests', 'read');
  const states = Array.isArray(args.states) ? (args.states as string[]) : undefined;
  const labels = Array.isArray(args.labels) ? (args.labels as string[]) : undefined;
  let list = repo.pulls.filter(
    (pr) =>
      (!states || states.includes(graphqlState(pr))) &&
      (!args.headRefName || pr.headRef === args.headRefName) &&
      (!args.baseRefName || pr.baseRef === args.baseRefName) &&
      (!labels || labels.some((l) => pr.labels.includes(l))),
  );
  const order = args.orderBy as { direction?: string } | undefined;
  if (order?.direction === 'DESC') list = [...list].reverse();
  return connection(
    list.map((pr) => pullNode(ctx, repo, pr)),
    args,
  );
}

/** A PullRequest object whose mergeability is computed on first use. */
function pullNode(ctx: Ctx, repo: RepoState, pr: PullRequestRecord): Obj {
  const view = once(() => viewPull(repo, pr));
  const url = `${ctx.urls.web}/${repo.fullName}/pull/${pr.number}`;
  return {
    __typename: 'PullRequest',
    id: pr.nodeId,
    databaseId: pr.id,
    number: pr.number,
    title: () => pr.title,
    body: () => pr.body ?? '',
    url,
    permalink: url,
    resourcePath: `/${repo.fullName}/pull/${pr.number}`,
    state: async () => {
      await view();
      return graphqlState(pr);
    },
    closed: () => pr.state === 'closed',
    merged: () => pr.merged,
    mergedAt: () => pr.mergedAt,
    closedAt: () => pr.closedAt,
    createdAt: pr.createdAt,
    updatedAt: () => pr.updatedAt,
    isDraft: pr.draft,
    author: () => userNode(ctx, pr.user),
    mergedBy: () => (pr.mergedBy ? userNode(ctx, pr.mergedBy) : null),
    headRefName: () => pr.headRef,
    baseRefName: () => pr.baseRef,
    headRefOid: async () => (await view()).headSha,
    baseRefOid: async () => (await view()).baseSha,
    headRef: () => refNode(ctx, repo, pr.headRef),
    baseRef: () => refNode(ctx, repo, pr.baseRef),
    headRepository: () => repoNode(ctx, repo),
    baseRepository: () => repoNode(ctx, repo),
    repository: () => repoNode(ctx, repo),
    mergeable: async () => {
      const v = await view();
      return v.mergeable === null ? 'UNKNOWN' : v.mergeable ? 'MERGEABLE' : 'CONFLICTING';
    },
    mergeStateStatus: async () => (await view()).mergeableState.toUpperCase(),
    mergeCommit: () => (pr.mergeCommitSha ? commitNode(ctx, repo, pr.mergeCommitSha) : null),
    autoMergeRequest: () =>
      pr.autoMerge
        ? {
            enabledAt: pr.autoMerge.enabledAt,
            mergeMethod: pr.autoMerge.mergeMethod.toUpperCase(),
            enabledBy: userNode(ctx, pr.autoMerge.enabledBy),
            commitHeadline: pr.autoMerge.commitHeadline ?? null,
            commitBody: pr.autoMerge.commitBody ?? null,
            authorEmail: null,
            pullRequest: () => pullNode(ctx, repo, pr),
          }
        : null,
    labels: (args: Args) =>
      connection(
        pr.labels.flatMap((n) => {
          const l = repo.labels.get(n.toLowerCase());
          return l ? [labelNode(ctx, repo, l.name)] : [];
        }),
        args,
      ),
    comments: (args: Args) => commentConnection(ctx, repo, pr, args),
    reviewRequests: (args: Args) =>
      connection(
        pr.requestedReviewers.map((login) => ({
          requestedReviewer: userNode(ctx, login),
          asCodeOwner: false,
        })),
        args,
      ),
    viewerCanEnableAutoMerge: () => repo.allowAutoMerge && pr.state === 'open',
  };
}

/** A pull request's conversation comments, as an IssueCommentConnection. */
function commentConnection(ctx: Ctx, repo: RepoState, pr: PullRequestRecord, args: Args): Obj {
  return connection(
    pr.comments.map((c, i) => ({
      __typename: 'IssueComment',
      id: encodeNodeId('IC', [repo.id, pr.id, i + 1]),
      body: c.body,
      author: userNode(ctx, c.user),
    })),
    args,
  );
}

function labelNode(ctx: Ctx, repo: RepoState, name: string): Obj | null {
  const l = repo.labels.get(name.toLowerCase());
  if (!l) return null;
  return {
    __typename: 'Label',
    id: l.nodeId,
    name: l.name,
    color: l.color,
    description: l.description,
    isDefault: false,
    url: `${ctx.urls.web}/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
    repository: () => repoNode(ctx, repo),
  };
}

/** The Repository object; fields needing more permissions check them when resolved. */
function repoNode(ctx: Ctx, repo: RepoState): Obj {
  const write = levelOf(ctx.caller, repo.fullName, 'contents') === 'write';
  const contents = () => requireLevel(ctx, repo, 'contents', 'read');
  return {
    __typename: 'Repository',
    id: repo.nodeId,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    owner: { ...userNode(ctx, repo.owner), __typename: 'User' },
    url: `${ctx.urls.web}/${repo.fullName}`,
    resourcePath: `/${repo.fullName}`,
    isPrivate: true,
    isArchived: false,
    isFork: false,
    isEmpty: false,
    visibility: 'PRIVATE',
    createdAt: repo.createdAt,
    pushedAt: () => repo.pushedAt,
    updatedAt: () => repo.pushedAt,
    autoMergeAllowed: () => repo.allowAutoMerge,
    squashMergeAllowed: () => repo.allowSquash,
    mergeCommitAllowed: () => repo.allowMerge,
    rebaseMergeAllowed: () => repo.allowRebase,
    deleteBranchOnMerge: false,
    viewerPermission: write ? 'WRITE' : 'READ',
    viewerCanAdminister: false,
    defaultBranchRef: () => guard(async () => refNode(ctx, repo, repo.defaultBranch)),
    ref: (args: Args) =>
      guard(async () => {
        contents();
        const name = str(args.qualifiedName) ?? '';
        if (name.startsWith('refs/') && !name.startsWith('refs/heads/')) return null;
        return refNode(ctx, repo, name.replace(/^refs\/heads\//, ''));
      }),
    object: (args: Args) =>
      guard(async () => {
        contents();
        return objectByExpression(ctx, repo, args);
      }),
    pullRequests: (args: Args) => pullConnection(ctx, repo, args),
    pullRequest: (args: Args) => {
      requireLevel(ctx, repo, 'pullRequests', 'read');
      const pr = repo.pulls.find((p) => p.number === args.number);
      if (!pr)
        throw gqlError(
          'NOT_FOUND',
          `Could not resolve to a PullRequest with the number of ${String(args.number)}.`,
        );
      return pullNode(ctx, repo, pr);
    },
    label: (args: Args) => labelNode(ctx, repo, str(args.name) ?? ''),
    labels: (args: Args) => {
      const q = (str(args.query) ?? '').toLowerCase();
      return connection(
        [...repo.labels.values()]
          .filter((l) => l.name.toLowerCase().includes(q))
          .map((l) => labelNode(ctx, repo, l.name)),
        args,
      );
    },
  };
}

// --- root resolvers ---------------------------------------------------------------------

const query = {
  repository: (args: Args, ctx: Ctx) =>
    repoNode(ctx, repoByName(ctx, `${str(args.owner)}/${str(args.name)}`)),
  viewer: (_args: Args, ctx: Ctx) => userNode(ctx, ctx.caller.login),
  user: (args: Args, ctx: Ctx) => {
    const login = str(args.login) ?? '';
    if (!ctx.store.tokens.known(login))
      throw gqlError('NOT_FOUND', `Could not resolve to a User with the login of '${login}'.`);
    return userNode(ctx, login);
  },
  node: (args: Args, ctx: Ctx) => {
    const id = str(args.id) ?? '';
    const found = findPullByNodeId(ctx.store, id);
    if (found && levelOf(ctx.caller, found[0].fullName, 'metadata') !== undefined) {
      return pullNode(ctx, found[0], found[1]);
    }
    const repo = [...ctx.store.repos.values()].find((r) => r.nodeId === id);
    if (repo && levelOf(ctx.caller, repo.fullName, 'metadata') !== undefined)
      return repoNode(ctx, repo);
    throw nodeNotFound(id);
  },
  // The same count as the x-ratelimit-* headers: every request of the token, this one included.
  rateLimit: (_args: Args, ctx: Ctx) => {
    const used = ctx.usage?.used ?? 1;
    const resetAt = ctx.usage?.resetAt ?? Math.floor(Date.now() / 1000) + 3600;
    return {
      cost: 1,
      limit: 5000,
      remaining: Math.max(0, 5000 - used),
      used,
      nodeCount: 1,
      resetAt: new Date(resetAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  },
};

const mutation = {
  createCommitOnBranch: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const branchIn = (i.branch ?? {}) as Obj;
      let repo: RepoState;
      let branch: string;
      if (str(branchIn.id)) {
        [repo, branch] = refById(ctx, str(branchIn.id) ?? '');
      } else {
        repo = repoByName(ctx, str(branchIn.repositoryNameWithOwner) ?? '');
        branch = str(branchIn.branchName) ?? '';
      }
      requireLevel(ctx, repo, 'contents', 'write');
      const expected = str(i.expectedHeadOid) ?? '';
      const head = await repo.git.branchHead(branch);
      if (!head) {
        throw gqlError(
          'NOT_FOUND',
          `A ref named "refs/heads/${branch}" does not exist in ${repo.fullName}.`,
        );
      }
      const violation = ctx.store.protectionViolation(repo, branch);
      if (violation) throw gqlError('UNPROCESSABLE', violation);
      const stale = () =>
        gqlError(
          'STALE_DATA',
          `Expected branch to point to "${expected}" but it did not. Pull and try again.`,
        );
      if (head !== expected) throw stale();
      const msg = (i.message ?? {}) as Obj;
      const headline = str(msg.headline) ?? '';
      if (!headline.trim())
        throw gqlError('UNPROCESSABLE', 'A commit message headline is required.');
      const body = str(msg.body);
      const changes = (i.fileChanges ?? {}) as Obj;
      const additions = ((changes.additions as Obj[] | undefined) ?? []).map((a) => ({
        path: str(a.path) ?? '',
        content: Buffer.from(str(a.contents) ?? '', 'base64'),
      }));
      const deletions = ((changes.deletions as Obj[] | undefined) ?? []).map(
        (d) => str(d.path) ?? '',
      );
      const commit = await ctx.store.buildCommit(
        repo,
        head,
        { additions, deletions },
        ensureNewline(body ? `${headline}\n\n${body}` : headline),
        userSignature(ctx.caller.user),
        githubCommitter(),
      );
      if (!(await ctx.store.cas(repo, branch, commit.sha, head))) throw stale();
      ctx.store.markVerified(repo, commit.sha);
      return {
        clientMutationId: i.clientMutationId ?? null,
        commit: commitNode(ctx, repo, commit.sha),
        ref: await refNode(ctx, repo, branch),
      };
    }),

  createRef: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const repo = repoById(ctx, str(i.repositoryId) ?? '');
      requireLevel(ctx, repo, 'contents', 'write');
      const name = str(i.name) ?? '';
      const oid = str(i.oid) ?? '';
      if (!name.startsWith('refs/heads/'))
        throw gqlError('UNPROCESSABLE', `Invalid ref name: ${name}`);
      if ((await repo.git.objectType(oid)) !== 'commit') {
        throw gqlError('UNPROCESSABLE', `Could not resolve to a Commit with the oid ${oid}.`);
      }
      const branch = name.slice('refs/heads/'.length);
      if (!(await ctx.store.cas(repo, branch, oid, null))) {
        throw gqlError('UNPROCESSABLE', `A ref named "${name}" already exists in the repository.`);
      }
      return {
        clientMutationId: i.clientMutationId ?? null,
        ref: await refNode(ctx, repo, branch),
      };
    }),

  updateRef: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, branch] = refById(ctx, str(i.refId) ?? '');
      requireLevel(ctx, repo, 'contents', 'write');
      const oid = str(i.oid) ?? '';
      if ((await repo.git.objectType(oid)) !== 'commit') {
        throw gqlError('UNPROCESSABLE', `Could not resolve to a Commit with the oid ${oid}.`);
      }
      const violation = ctx.store.protectionViolation(repo, branch);
      if (violation) throw gqlError('UNPROCESSABLE', violation);
      await repo.lock.run(async () => {
        const head = await repo.git.branchHead(branch);
        if (!head) throw nodeNotFound(str(i.refId) ?? '');
        if (i.force !== true && !(await repo.git.isAncestor(head, oid))) {
          throw gqlError('UNPROCESSABLE', 'Update is not a fast forward');
        }
        if (!(await ctx.store.casLocked(repo, branch, oid, head))) {
          throw gqlError('STALE_DATA', 'Reference update failed');
        }
      });
      return {
        clientMutationId: i.clientMutationId ?? null,
        ref: await refNode(ctx, repo, branch),
      };
    }),

  deleteRef: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, branch] = refById(ctx, str(i.refId) ?? '');
      requireLevel(ctx, repo, 'contents', 'write');
      if (branch === repo.defaultBranch)
        throw gqlError('UNPROCESSABLE', 'Cannot delete the default branch');
      await repo.lock.run(async () => {
        const head = await repo.git.branchHead(branch);
        if (!head || !(await repo.git.deleteBranch(branch, head)))
          throw nodeNotFound(str(i.refId) ?? '');
      });
      closePullsForDeletedBranch(repo, branch);
      return { clientMutationId: i.clientMutationId ?? null };
    }),

  createPullRequest: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const repo = repoById(ctx, str(i.repositoryId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      const pr = await createPull(ctx.store, repo, ctx.caller.user, {
        title: str(i.title),
        body: str(i.body) ?? null,
        head: str(i.headRefName),
        base: str(i.baseRefName),
        draft: i.draft === true,
      });
      return { clientMutationId: i.clientMutationId ?? null, pullRequest: pullNode(ctx, repo, pr) };
    }),

  updatePullRequest: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.pullRequestId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      await updatePull(repo, pr, {
        title: str(i.title),
        body: i.body === null ? null : str(i.body),
        state: str(i.state),
        base: str(i.baseRefName),
      });
      if (Array.isArray(i.labelIds)) {
        pr.labels = [];
        addLabels(ctx.store, repo, pr, labelNames(repo, i.labelIds as string[]));
      }
      return {
        clientMutationId: i.clientMutationId ?? null,
        pullRequest: pullNode(ctx, repo, pr),
        actor: userNode(ctx, ctx.caller.login),
      };
    }),

  enablePullRequestAutoMerge: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.pullRequestId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      await enableAutoMerge(repo, pr, ctx.caller.user, {
        method: mergeMethod(i.mergeMethod),
        expectedHeadSha: str(i.expectedHeadOid) ?? null,
        commitHeadline: str(i.commitHeadline) ?? null,
        commitBody: str(i.commitBody) ?? null,
      });
      return {
        clientMutationId: i.clientMutationId ?? null,
        pullRequest: pullNode(ctx, repo, pr),
        actor: userNode(ctx, ctx.caller.login),
      };
    }),

  closePullRequest: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.pullRequestId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      if (pr.merged) throw gqlError('UNPROCESSABLE', 'Pull request is already merged');
      await updatePull(repo, pr, { state: 'closed' });
      return { clientMutationId: i.clientMutationId ?? null, pullRequest: pullNode(ctx, repo, pr) };
    }),

  addComment: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.subjectId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      const body = str(i.body) ?? '';
      if (!body.trim()) throw gqlError('UNPROCESSABLE', "Body can't be blank");
      pr.comments.push({ user: ctx.caller.login, body });
      pr.updatedAt = nowIso();
      return {
        clientMutationId: i.clientMutationId ?? null,
        subject: pullNode(ctx, repo, pr),
        commentEdge: {
          cursor: Buffer.from(`cursor:${pr.comments.length - 1}`).toString('base64'),
          node: {
            __typename: 'IssueComment',
            id: encodeNodeId('IC', [repo.id, pr.id, pr.comments.length]),
            body,
            author: userNode(ctx, ctx.caller.login),
            url: `${ctx.urls.web}/${repo.fullName}/pull/${pr.number}#issuecomment-${pr.comments.length}`,
          },
        },
      };
    }),

  disablePullRequestAutoMerge: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.pullRequestId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      pr.autoMerge = null;
      pr.updatedAt = nowIso();
      return {
        clientMutationId: i.clientMutationId ?? null,
        pullRequest: pullNode(ctx, repo, pr),
        actor: userNode(ctx, ctx.caller.login),
      };
    }),

  mergePullRequest: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.pullRequestId) ?? '');
      requireLevel(ctx, repo, 'contents', 'write');
      try {
        await mergePull(ctx.store, repo, pr, ctx.caller.user, {
          method: mergeMethod(i.mergeMethod),
          expectedHeadSha: str(i.expectedHeadOid) ?? null,
          commitTitle: str(i.commitHeadline) ?? null,
          commitMessage: str(i.commitBody) ?? null,
        });
      } catch (e) {
        // REST's 405/409 become plain UNPROCESSABLE errors with the same text in GraphQL.
        if (e instanceof ApiError) throw gqlError('UNPROCESSABLE', e.message);
        throw e;
      }
      return {
        clientMutationId: i.clientMutationId ?? null,
        pullRequest: pullNode(ctx, repo, pr),
        actor: userNode(ctx, ctx.caller.login),
      };
    }),

  addLabelsToLabelable: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.labelableId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      addLabels(ctx.store, repo, pr, labelNames(repo, (i.labelIds as string[] | undefined) ?? []));
      return { clientMutationId: i.clientMutationId ?? null, labelable: pullNode(ctx, repo, pr) };
    }),

  createLabel: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const repo = repoById(ctx, str(i.repositoryId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      const name = str(i.name) ?? '';
      if (repo.labels.has(name.toLowerCase()))
        throw gqlError('UNPROCESSABLE', 'Name has already been taken');
      const label = ensureLabel(ctx.store, repo, name, str(i.color) ?? 'ededed');
      label.description = str(i.description) ?? null;
      return { clientMutationId: i.clientMutationId ?? null, label: labelNode(ctx, repo, name) };
    }),

  requestReviews: (args: Args, ctx: Ctx) =>
    guard(async () => {
      const i = input(args);
      const [repo, pr] = pullById(ctx, str(i.pullRequestId) ?? '');
      requireLevel(ctx, repo, 'pullRequests', 'write');
      const logins: string[] = [];
      for (const id of (i.userIds as string[] | undefined) ?? []) {
        const u = ctx.store.tokens.userByNodeId(id);
        if (!u) throw nodeNotFound(id);
        if (u.login.toLowerCase() === pr.user.toLowerCase()) {
          throw gqlError('UNPROCESSABLE', 'Review cannot be requested from pull request author.');
        }
        logins.push(u.login);
      }
      if (i.union !== true) pr.requestedReviewers = [];
      for (const l of logins) if (!pr.requestedReviewers.includes(l)) pr.requestedReviewers.push(l);
      return {
        clientMutationId: i.clientMutationId ?? null,
        pullRequest: pullNode(ctx, repo, pr),
        actor: userNode(ctx, ctx.caller.login),
      };
    }),
};

function labelNames(repo: RepoState, ids: string[]): string[] {
  return ids.map((id) => {
    const l = [...repo.labels.values()].find((x) => x.nodeId === id);
    if (!l) throw nodeNotFound(id);
    return l.name;
  });
}

/** Names of the top-level fields an operation selects (aliases resolved to field names). */
function topLevelFields(
  doc: DocumentNode,
  operationName: string | undefined,
): { op?: OperationDefinitionNode; fields: string[] } {
  const ops = doc.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  const fields: string[] = [];
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) fields.push(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else {
        const frag = doc.definitions.find(
          (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value,
        );
        if (frag && frag.kind === Kind.FRAGMENT_DEFINITION) walk(frag.selectionSet);
      }
    }
  };
  if (op) walk(op.selectionSet);
  return { op, fields };
}

/** Operation name and top-level fields of a GraphQL request body, for the request log. */
export function describeGraphql(body: unknown): { operationName?: string; fields: string[] } {
  const b = (body && typeof body === 'object' ? body : {}) as Obj;
  const source = str(b.query);
  if (!source) return { fields: [] };
  try {
    const doc = parse(source);
    const { op, fields } = topLevelFields(doc, str(b.operationName));
    return { operationName: str(b.operationName) ?? op?.name?.value, fields };
  } catch {
    return { fields: [] };
  }
}

/** GitHub puts the error `type` at the top level of each error. */
function formatError(e: GraphQLError): Obj {
  const out: Obj = {};
  const type = e.extensions?.type;
  if (typeof type === 'string') out.type = type;
  if (e.path) out.path = e.path;
  if (e.locations) out.locations = e.locations;
  out.message = e.message;
  return out;
}

/** Executes one GraphQL request against GitHub's schema with this server's resolvers. */
export async function handleGraphql(
  store: Store,
  caller: Caller,
  urls: Urls,
  body: unknown,
  usage?: Ctx['usage'],
): Promise<GraphqlOutcome> {
  const b = (body && typeof body === 'object' ? body : {}) as Obj;
  const source = str(b.query);
  const operationName = str(b.operationName) ?? undefined;
  if (!source) {
    return {
      body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      fields: [],
    };
  }
  let doc: DocumentNode;
  try {
    doc = parse(source);
  } catch (e) {
    return { body: { errors: [formatError(e as GraphQLError)] }, fields: [], operationName };
  }
  const { op, fields } = topLevelFields(doc, operationName);
  const opName = operationName ?? op?.name?.value;
  const schema = githubSchema();
  const errors = validate(schema, doc);
  if (errors.length > 0) {
    return { body: { errors: errors.map(formatError) }, fields, operationName: opName };
  }
  const ctx: Ctx = { store, caller, urls, ...(usage && { usage }) };
  const result = await execute({
    schema,
    document: doc,
    rootValue: op?.operation === 'mutation' ? mutation : query,
    contextValue: ctx,
    variableValues: (b.variables as Obj | undefined) ?? undefined,
    operationName,
  });
  // Request errors (e.g. bad variables) have no data at all, as on GitHub.
  const out: Obj = result.data === undefined ? {} : { data: result.data };
  if (result.errors?.length) out.errors = result.errors.map(formatError);
  return { body: out, fields, operationName: opName };
}
