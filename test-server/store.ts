import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ApiError, type Area, notFound, requireAccess, TokenRegistry } from './auth.js';
import { type CommitInfo, GitRepo, type Signature, type TreeChange } from './git-store.js';
import {
  type Caller,
  decodeNodeId,
  encodeNodeId,
  type Level,
  Mutex,
  nowIso,
  type RepoSettings,
  type RepoState,
  type UserRecord,
} from './model.js';

/** Options of `createRepo`. */
export interface CreateRepoOptions {
  files: Record<string, string | Buffer>;
  defaultBranch?: string;
  allowAutoMerge?: boolean;
  allowSquash?: boolean;
  allowMerge?: boolean;
  allowRebase?: boolean;
  requiredChecks?: string[];
  protectedBranch?: boolean;
  /** Slugs of the organisation's teams that have access (team review requests need it). */
  teams?: string[];
}

/** A file change as the GraphQL FileChanges input describes it, already decoded. */
export interface FileWrite {
  additions: Array<{ path: string; content: Buffer }>;
  deletions: string[];
}

/** The committer GitHub uses for web-flow commits it signs. */
export function githubCommitter(): Signature {
  return { name: 'GitHub', email: 'noreply@github.com', date: nowIso() };
}

/** The author line GitHub writes for a user acting through the API. */
export function userSignature(user: UserRecord): Signature {
  return {
    name: user.login,
    email: `${user.id}+${user.login}@users.noreply.github.com`,
    date: nowIso(),
  };
}

/** All repositories, tokens and users of one server. */
export class Store {
  readonly repos = new Map<string, RepoState>();
  readonly tokens = new TokenRegistry();
  private nextId = 1;
  /** Base URLs, filled in once the server listens. */
  urls = { web: 'http://127.0.0.1', api: 'http://127.0.0.1' };

  /** GraphQL `Blob.text` is cut to this many bytes and `isTruncated` set (GitHub truncates large blobs). */
  blobTextLimit = 512 * 1024;

  /**
   * The REST tree endpoint answers at most this many entries, and at most `treeByteLimit` bytes
   * of them, and sets `truncated` (GitHub: 100,000 entries or 7 MB); lower in tests.
   */
  treeEntryLimit = 100_000;
  treeByteLimit = 7 * 1024 * 1024;

  constructor(readonly dir: string) {}

  /** A fresh numeric database id (shared across kinds, like GitHub's are per table). */
  id(): number {
    return this.nextId++;
  }

  /** Path of a repository's bare git directory. */
  gitDir(fullName: string): string {
    const [owner, name] = splitFullName(fullName);
    return join(this.dir, owner.toLowerCase(), `${name.toLowerCase()}.git`);
  }

  /** The repository, or undefined. */
  find(fullName: string): RepoState | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  /** The repository or an error suitable for tests that call the programmatic API. */
  must(fullName: string): RepoState {
    const repo = this.find(fullName);
    if (!repo) throw new Error(`unknown repository ${fullName}`);
    return repo;
  }

  /** Repository a node id refers to (repository ids, or ids that embed a repository id). */
  repoByNodeId(nodeId: string): RepoState | undefined {
    const decoded = decodeNodeId(nodeId);
    if (!decoded) return undefined;
    const repoId = Number(decoded.parts[0]);
    for (const r of this.repos.values()) if (r.id === repoId) return r;
    return undefined;
  }

  /** Looks up a repository for a caller, enforcing GitHub's 404/403 rules. */
  access(caller: Caller, fullName: string, area: Area, need: Level): RepoState {
    const repo = this.find(fullName);
    requireAccess(caller, fullName, 'metadata', 'read');
    if (!repo) throw notFound();
    requireAccess(caller, repo.fullName, area, need);
    return repo;
  }

  /** Creates a bare repository whose default branch holds `files` in one initial commit. */
  async createRepo(fullName: string, opts: CreateRepoOptions): Promise<void> {
    const [owner, name] = splitFullName(fullName);
    if (this.find(fullName)) throw new Error(`repository ${fullName} already exists`);
    const dir = this.gitDir(fullName);
    await mkdir(dirname(dir), { recursive: true });
    const git = new GitRepo(dir);
    const settings: RepoSettings = {
      defaultBranch: opts.defaultBranch ?? 'main',
      allowAutoMerge: opts.allowAutoMerge ?? false,
      allowSquash: opts.allowSquash ?? true,
      allowMerge: opts.allowMerge ?? true,
      allowRebase: opts.allowRebase ?? true,
      requiredChecks: [...(opts.requiredChecks ?? [])],
      protectedBranch: opts.protectedBranch ?? false,
      teams: [...(opts.teams ?? [])],
    };
    await git.init(settings.defaultBranch);
    const changes: TreeChange[] = [];
    for (const [path, content] of Object.entries(opts.files)) {
      const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      changes.push({ path, sha: await git.hashBlob(buf) });
    }
    const tree = await git.buildTree(undefined, changes);
    const ownerUser = this.tokens.user(owner, 'User');
    const sig = userSignature(ownerUser);
    const sha = await git.commitTree({
      tree,
      parents: [],
      message: 'Initial commit\n',
      author: sig,
      committer: sig,
    });
    await git.casBranch(settings.defaultBranch, sha, null);
    const id = this.id();
    const now = nowIso();
    this.repos.set(fullName.toLowerCase(), {
      ...settings,
      id,
      nodeId: `R_kgDO${Buffer.from(String(id)).toString('base64url')}`,
      owner,
      name,
      fullName: `${owner}/${name}`,
      git,
      lock: new Mutex(),
      pulls: [],
      nextNumber: 1,
      statuses: new Map(),
      labels: new Map(),
      verified: new Map(),
      createdAt: now,
      pushedAt: now,
    });
  }

  /** Node id of a ref, decodable back to repository and ref name. */
  refNodeId(repo: RepoState, qualifiedName: string): string {
    return encodeNodeId('REF', [repo.id, qualifiedName]);
  }

  /**
   * GitHub refuses direct writes to a protected default branch; returns the rule-violation text
   * to send, or undefined when the write is allowed.
   */
  protectionViolation(repo: RepoState, branch: string): string | undefined {
    if (branch !== repo.defaultBranch) return undefined;
    const lines: string[] = [];
    if (repo.protectedBranch) lines.push('- Changes must be made through a pull request.');
    for (const c of repo.requiredChecks) lines.push(`- Required status check "${c}" is expected.`);
    if (lines.length === 0) return undefined;
    return `Repository rule violations found\n\n${lines.join('\n')}\n`;
  }

  /** Compare-and-swap of a branch, serialised per repository; false when the branch moved. */
  async cas(repo: RepoState, branch: string, next: string, old: string | null): Promise<boolean> {
    return repo.lock.run(() => this.casLocked(repo, branch, next, old));
  }

  /** The CAS itself, for callers that already hold the repository lock. */
  async casLocked(
    repo: RepoState,
    branch: string,
    next: string,
    old: string | null,
  ): Promise<boolean> {
    const ok = await repo.git.casBranch(branch, next, old);
    if (ok) repo.pushedAt = nowIso();
    return ok;
  }

  /**
   * Writes a commit on top of `parent` with the given file changes; returns the commit without
   * moving any branch. Missing deletions are reported the way createCommitOnBranch does.
   */
  async buildCommit(
    repo: RepoState,
    parent: string,
    changes: FileWrite,
    message: string,
    author: Signature,
    committer: Signature,
  ): Promise<CommitInfo> {
    const git = repo.git;
    const base = await git.readCommit(parent);
    if (!base) throw new ApiError(404, `Could not resolve to a commit with the oid ${parent}`);
    const tree: TreeChange[] = [];
    for (const path of changes.deletions) {
      const entry = await git.entryAt(parent, path);
      if (!entry) {
        throw new ApiError(
          422,
          `A path was requested for deletion which does not exist as of commit oid \`${parent}\``,
        );
      }
      tree.push({ path, sha: null });
    }
    for (const a of changes.additions) {
      const existing = await git.entryAt(parent, a.path);
      const mode = existing?.type === 'blob' && existing.mode === '100755' ? '100755' : '100644';
      tree.push({ path: a.path, mode, sha: await git.hashBlob(a.content) });
    }
    const newTree = await git.buildTree(base.tree, tree);
    const sha = await git.commitTree({
      tree: newTree,
      parents: [parent],
      message,
      author,
      committer,
    });
    return { sha, tree: newTree, parents: [parent], message, author, committer };
  }

  /** Marks a commit as signed by GitHub (the server cannot sign, so it records the fact). */
  markVerified(repo: RepoState, sha: string): void {
    repo.verified.set(sha, nowIso());
  }

  /** A push that adds symbolic links and submodules (what the API cannot write). */
  async pushSpecial(
    fullName: string,
    branch: string,
    entries: Record<string, SpecialEntry>,
    message: string,
  ): Promise<string> {
    const repo = this.must(fullName);
    return repo.lock.run(async () => {
      const head = await repo.git.branchHead(branch);
      const base = head ? await repo.git.readCommit(head) : undefined;
      if (!head || !base) throw new Error(`unknown branch ${branch} in ${fullName}`);
      const changes: TreeChange[] = [];
      for (const [path, entry] of Object.entries(entries)) {
        if ('symlink' in entry)
          changes.push({
            path,
            mode: '120000',
            sha: await repo.git.hashBlob(Buffer.from(entry.symlink)),
          });
        else changes.push({ path, mode: '160000', sha: entry.submodule });
      }
      const tree = await repo.git.buildTree(base.tree, changes);
      const sig = userSignature(this.tokens.user('other-writer', 'User'));
      const sha = await repo.git.commitTree({
        tree,
        parents: [head],
        message: ensureNewline(message),
        author: sig,
        committer: sig,
      });
      if (!(await this.casLocked(repo, branch, sha, head)))
        throw new Error('branch moved under the lock');
      return sha;
    });
  }

  /** An "other writer" commit straight onto a branch, bypassing protection (like an admin push). */
  async pushCommit(
    fullName: string,
    branch: string,
    files: Record<string, string | null>,
    message: string,
  ): Promise<string> {
    const repo = this.must(fullName);
    const writes: FileWrite = { additions: [], deletions: [] };
    for (const [path, content] of Object.entries(files)) {
      if (content === null) writes.deletions.push(path);
      else writes.additions.push({ path, content: Buffer.from(content, 'utf8') });
    }
    return repo.lock.run(async () => {
      const head = await repo.git.branchHead(branch);
      if (!head) throw new Error(`unknown branch ${branch} in ${fullName}`);
      const sig = userSignature(this.tokens.user('other-writer', 'User'));
      const commit = await this.buildCommit(repo, head, writes, ensureNewline(message), sig, sig);
      if (!(await this.casLocked(repo, branch, commit.sha, head)))
        throw new Error('branch moved under the lock');
      return commit.sha;
    });
  }
}

/** A tree entry that is not a regular file: a symbolic link, or a submodule (gitlink). */
export type SpecialEntry = { symlink: string } | { submodule: string };

export function splitFullName(fullName: string): [string, string] {
  const parts = fullName.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1])
    throw new Error(`bad repository name ${fullName}`);
  return [parts[0], parts[1]];
}

/** git stores messages with a trailing newline; GitHub's API does the same. */
export function ensureNewline(message: string): string {
  return message.endsWith('\n') ? message : `${message}\n`;
}
