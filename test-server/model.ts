import type { GitRepo } from './git-store.js';

/** Access level of a fine-grained permission. */
export type Level = 'read' | 'write';
/** The merge methods GitHub knows, in REST spelling. */
export type MergeMethod = 'merge' | 'squash' | 'rebase';
/** Commit status states accepted by `setStatus`/POST statuses. */
export type StatusState = 'success' | 'failure' | 'pending' | 'error';

/** What a token may do, per repository. */
export interface TokenGrant {
  login: string;
  kind: 'app' | 'actions' | 'pat';
  repos: Record<string, { contents?: Level; pullRequests?: Level }>;
}

/** An authenticated caller. */
export interface Caller extends TokenGrant {
  token: string;
  user: UserRecord;
}

/** A user or bot that appears as author, PR opener or reviewer. */
export interface UserRecord {
  id: number;
  login: string;
  nodeId: string;
  type: 'User' | 'Bot';
}

/** A pending auto-merge request on a pull request. */
export interface AutoMerge {
  enabledAt: string;
  mergeMethod: MergeMethod;
  enabledBy: string;
  commitHeadline?: string;
  commitBody?: string;
}

/** Server-side record of a pull request; head/base shas of open PRs are read live from git. */
export interface PullRequestRecord {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  headRef: string;
  baseRef: string;
  /** Last known head/base shas; frozen when the PR closes. */
  headSha: string;
  baseSha: string;
  user: string;
  labels: string[];
  requestedReviewers: string[];
  /** Team slugs asked to review. */
  requestedTeams: string[];
  autoMerge: AutoMerge | null;
  /** Conversation comments (addComment, POST issues/{n}/comments), oldest first. */
  comments: Array<{ user: string; body: string }>;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** A repository label. */
export interface LabelRecord {
  id: number;
  nodeId: string;
  name: string;
  color: string;
  description: string | null;
}

/** One commit status (latest per context wins, as on GitHub). */
export interface StatusRecord {
  id: number;
  nodeId: string;
  state: StatusState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  createdAt: string;
  updatedAt: string;
  creator: string;
}

/** Repository settings the server enforces. */
export interface RepoSettings {
  defaultBranch: string;
  allowAutoMerge: boolean;
  allowSquash: boolean;
  allowMerge: boolean;
  allowRebase: boolean;
  requiredChecks: string[];
  protectedBranch: boolean;
  /** Slugs of the teams with access to the repository. */
  teams: string[];
}

/** Everything the server knows about one repository besides its git objects. */
export interface RepoState extends RepoSettings {
  id: number;
  nodeId: string;
  owner: string;
  name: string;
  fullName: string;
  git: GitRepo;
  lock: Mutex;
  pulls: PullRequestRecord[];
  /** Issue/PR numbers are shared on GitHub; the counter mimics that. */
  nextNumber: number;
  statuses: Map<string, Map<string, StatusRecord>>;
  labels: Map<string, LabelRecord>;
  /** Commits GitHub would have signed, with the time of "verification". */
  verified: Map<string, string>;
  createdAt: string;
  pushedAt: string;
}

/** Serialises async critical sections, so that git never sees two ref updates of one repo at once. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every previously queued section has finished. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** Current time in GitHub's second-precision ISO format. */
export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Opaque global node ids in GitHub's "next" format (`PR_kwDO…`); the payload is readable by the
 * server so that no registry is needed.
 */
export function encodeNodeId(prefix: string, parts: readonly (string | number)[]): string {
  const payload = Buffer.from(parts.join('\u0000'), 'utf8').toString('base64url');
  return `${prefix}_kwDO${payload}`;
}

/** Inverse of encodeNodeId; undefined when the id was not made by this server. */
export function decodeNodeId(id: string): { prefix: string; parts: string[] } | undefined {
  const m = /^([A-Z]+)_kwDO([A-Za-z0-9_-]*)$/.exec(id);
  if (!m) return undefined;
  return {
    prefix: m[1] ?? '',
    parts: Buffer.from(m[2] ?? '', 'base64url')
      .toString('utf8')
      .split('\u0000'),
  };
}
