import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnGit } from './git-spawner.js';

const GIT = '/usr/bin/git';
/** The all-zero object id git uses for "ref must not exist" in compare-and-swap updates. */
export const ZERO_OID = '0000000000000000000000000000000000000000';

/** A failed git invocation, with its exit code and stderr kept for diagnosis. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} exited ${code}: ${stderr.trim()}`);
  }
}

interface RunOptions {
  input?: Buffer | string;
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. merge-tree's 1 = conflicts). */
  okCodes?: number[];
}

/**
 * Runs git against a bare repository with an argument array (never a shell), from the helper
 * process of git-spawner.ts.
 */
export async function runGit(
  gitDir: string,
  args: readonly string[],
  opts: RunOptions = {},
): Promise<{ stdout: Buffer; code: number }> {
  // A clean environment keeps the developer's global git config and hooks out of the server.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: tmpdir(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_DIR: gitDir,
    LC_ALL: 'C',
    ...opts.env,
  };
  const input = opts.input ?? '';
  const { code, stdout, stderr } = await spawnGit({
    file: GIT,
    args,
    env,
    input: Buffer.isBuffer(input) ? input : Buffer.from(input),
  });
  if (code === 0 || opts.okCodes?.includes(code)) return { stdout, code };
  throw new GitError(args, code, stderr);
}

/** One entry of `git ls-tree -l`. */
export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number | undefined;
  path: string;
}

/** A person line of a commit object. */
export interface Signature {
  name: string;
  email: string;
  /** ISO 8601, UTC. */
  date: string;
}

/** A parsed commit object. */
export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

/** A change to a tree: `sha: null` deletes the path. */
export interface TreeChange {
  path: string;
  mode?: string;
  sha: string | null;
}

function parseSignature(line: string): Signature {
  const m = /^(.*) <([^>]*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!m) return { name: line, email: '', date: new Date(0).toISOString() };
  return {
    name: m[1] ?? '',
    email: m[2] ?? '',
    date: new Date(Number(m[3]) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

function signatureEnv(prefix: 'AUTHOR' | 'COMMITTER', s: Signature): Record<string, string> {
  return {
    [`GIT_${prefix}_NAME`]: s.name,
    [`GIT_${prefix}_EMAIL`]: s.email,
    [`GIT_${prefix}_DATE`]: `${Math.floor(Date.parse(s.date) / 1000)} +0000`,
  };
}

function parseLsTree(buf: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const rec of buf.toString('utf8').split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, sha, size] = rec.slice(0, tab).split(/\s+/);
    entries.push({
      mode: mode ?? '',
      type: (type ?? 'blob') as TreeEntry['type'],
      sha: sha ?? '',
      size: size === '-' || size === undefined ? undefined : Number(size),
      path: rec.slice(tab + 1),
    });
  }
  return entries;
}

/** Plumbing over one bare repository; every method maps to a few git commands. */
export class GitRepo {
  constructor(readonly dir: string) {}

  private async out(args: string[], opts?: RunOptions): Promise<string> {
    return (await runGit(this.dir, args, opts)).stdout.toString('utf8');
  }

  /** Creates the bare repository with `defaultBranch` as HEAD. */
  async init(defaultBranch: string): Promise<void> {
    await runGit(this.dir, ['init', '--bare', '-q', '-b', defaultBranch, this.dir]);
    // Concurrent writers would otherwise trip over the reflog lock; the server keeps no reflog.
    await runGit(this.dir, ['config', 'core.logAllRefUpdates', 'false']);
    await runGit(this.dir, ['config', 'gc.auto', '0']);
  }

  /** Writes a blob and returns its sha. */
  async hashBlob(content: Buffer): Promise<string> {
    return (await this.out(['hash-object', '-w', '--stdin'], { input: content })).trim();
  }

  /** The object's type, or undefined when it does not exist. */
  async objectType(sha: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{4,40}$/.test(sha)) return undefined;
    const r = await runGit(this.dir, ['cat-file', '-t', sha], { okCodes: [1, 128] });
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /** A blob's bytes, or undefined when `sha` is not a blob. */
  async readBlob(sha: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{4,40}$/.test(sha)) return undefined;
    const r = await runGit(this.dir, ['cat-file', 'blob', sha], { okCodes: [1, 128] });
    return r.code === 0 ? r.stdout : undefined;
  }

  /** The commit a branch points to, or undefined when the branch does not exist. */
  async branchHead(branch: string): Promise<string | undefined> {
    const r = await runGit(
      this.dir,
      ['rev-parse', '--verify', '-q', `refs/heads/${branch}^{commit}`],
      {
        okCodes: [1, 128],
      },
    );
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /** Resolves a branch name or commit sha to a commit sha. */
  async resolveCommit(rev: string): Promise<string | undefined> {
    if (/^[0-9a-f]{40}$/.test(rev)) {
      return (await this.objectType(rev)) === 'commit' ? rev : undefined;
    }
    const head = await this.branchHead(rev);
    if (head) return head;
    const r = await runGit(this.dir, ['rev-parse', '--verify', '-q', `refs/tags/${rev}^{commit}`], {
      okCodes: [1, 128],
    });
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /** All branches with their heads. */
  async branches(): Promise<Map<string, string>> {
    const text = await this.out([
      'for-each-ref',
      '--format=%(refname:strip=2) %(objectname)',
      'refs/heads/',
    ]);
    const map = new Map<string, string>();
    for (const line of text.split('\n')) {
      const [name, sha] = line.split(' ');
      if (name && sha) map.set(name, sha);
    }
    return map;
  }

  /** The tree entry at `path` in a commit or tree; path '' is the root tree itself. */
  async entryAt(treeish: string, path: string): Promise<TreeEntry | undefined> {
    const clean = path.replace(/^\/+|\/+$/g, '');
    if (clean === '') {
      const sha = (await this.out(['rev-parse', `${treeish}^{tree}`])).trim();
      return { mode: '040000', type: 'tree', sha, size: undefined, path: '' };
    }
    const r = await runGit(this.dir, ['ls-tree', '-l', '-z', treeish, '--', clean], {
      okCodes: [128],
    });
    if (r.code !== 0) return undefined;
    return parseLsTree(r.stdout).find((e) => e.path === clean);
  }

  /** Lists a tree (optionally recursively, including subtrees). */
  async listTree(treeish: string, recursive = false): Promise<TreeEntry[]> {
    // Without -l (which looks up every blob's size one by one: seconds for 150,000 entries);
    // the sizes come from one cat-file batch over the distinct blobs.
    const args = ['ls-tree', '-z'];
    if (recursive) args.push('-r', '-t');
    args.push(treeish);
    const entries = parseLsTree((await runGit(this.dir, args)).stdout);
    const blobs = [...new Set(entries.filter((e) => e.type === 'blob').map((e) => e.sha))];
    if (blobs.length === 0) return entries;
    const sizes = new Map<string, number>();
    const batch = await runGit(
      this.dir,
      ['cat-file', '--batch-check=%(objectname) %(objectsize)'],
      {
        input: `${blobs.join('\n')}\n`,
      },
    );
    for (const line of batch.stdout.toString('utf8').split('\n')) {
      const [sha, size] = line.split(' ');
      if (sha && size) sizes.set(sha, Number(size));
    }
    for (const e of entries) if (e.type === 'blob') e.size = sizes.get(e.sha);
    return entries;
  }

  /** Builds a new tree from `base` (or empty) plus changes, using a private index file. */
  async buildTree(base: string | undefined, changes: readonly TreeChange[]): Promise<string> {
    const index = join(
      tmpdir(),
      `gitops-test-index-${process.pid}-${randomBytes(8).toString('hex')}`,
    );
    const env = { GIT_INDEX_FILE: index };
    try {
      if (base) await runGit(this.dir, ['read-tree', base], { env });
      else await runGit(this.dir, ['read-tree', '--empty'], { env });
      const lines: string[] = [];
      for (const c of changes) {
        const path = c.path.replace(/^\/+/, '');
        if (c.sha === null) {
          lines.push(`0 ${ZERO_OID}\t${path}`);
          // A deleted directory path must drop everything below it too.
          if (base) {
            const entry = await this.entryAt(base, path);
            if (entry?.type === 'tree') {
              for (const e of await this.listTree(entry.sha, true)) {
                if (e.type !== 'tree') lines.push(`0 ${ZERO_OID}\t${path}/${e.path}`);
              }
            }
          }
        } else {
          lines.push(`${c.mode ?? '100644'} ${c.sha}\t${path}`);
        }
      }
      if (lines.length > 0) {
        await runGit(this.dir, ['update-index', '--index-info'], {
          env,
          input: `${lines.join('\n')}\n`,
        });
      }
      return (await this.out(['write-tree'], { env })).trim();
    } finally {
      await rm(index, { force: true });
    }
  }

  /** Writes a commit object. */
  async commitTree(c: {
    tree: string;
    parents: readonly string[];
    message: string;
    author: Signature;
    committer: Signature;
  }): Promise<string> {
    const args = ['commit-tree', c.tree];
    for (const p of c.parents) args.push('-p', p);
    args.push('-F', '-');
    const env = { ...signatureEnv('AUTHOR', c.author), ...signatureEnv('COMMITTER', c.committer) };
    return (await this.out(args, { env, input: c.message })).trim();
  }

  /** Parses a commit, or undefined when `sha` is not a commit. */
  async readCommit(sha: string): Promise<CommitInfo | undefined> {
    if (!/^[0-9a-f]{4,40}$/.test(sha)) return undefined;
    const r = await runGit(this.dir, ['cat-file', 'commit', sha], { okCodes: [1, 128] });
    if (r.code !== 0) return undefined;
    const raw = r.stdout.toString('utf8');
    const split = raw.indexOf('\n\n');
    const header = split === -1 ? raw : raw.slice(0, split);
    const message = split === -1 ? '' : raw.slice(split + 2);
    const info: CommitInfo = {
      sha,
      tree: '',
      parents: [],
      author: parseSignature(''),
      committer: parseSignature(''),
      message,
    };
    for (const line of header.split('\n')) {
      const sp = line.indexOf(' ');
      const key = line.slice(0, sp);
      const value = line.slice(sp + 1);
      if (key === 'tree') info.tree = value;
      else if (key === 'parent') info.parents.push(value);
      else if (key === 'author') info.author = parseSignature(value);
      else if (key === 'committer') info.committer = parseSignature(value);
    }
    return info;
  }

  /** Compare-and-swap a branch: succeeds only if it currently points to `old` (null = must not exist). */
  async casBranch(branch: string, next: string, old: string | null): Promise<boolean> {
    const r = await runGit(
      this.dir,
      ['update-ref', `refs/heads/${branch}`, next, old ?? ZERO_OID],
      {
        okCodes: [1, 128],
      },
    );
    return r.code === 0;
  }

  /** Deletes a branch if it still points to `old`. */
  async deleteBranch(branch: string, old: string): Promise<boolean> {
    const r = await runGit(this.dir, ['update-ref', '-d', `refs/heads/${branch}`, old], {
      okCodes: [1, 128],
    });
    return r.code === 0;
  }

  /** True when `ancestor` is reachable from `descendant`. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const r = await runGit(this.dir, ['merge-base', '--is-ancestor', ancestor, descendant], {
      okCodes: [1],
    });
    return r.code === 0;
  }

  /** The best common ancestor, if any. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const r = await runGit(this.dir, ['merge-base', a, b], { okCodes: [1] });
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  /** A real three-way merge without a worktree (`git merge-tree --write-tree`). */
  async mergeTree(ours: string, theirs: string): Promise<{ clean: boolean; tree: string }> {
    const r = await runGit(
      this.dir,
      ['merge-tree', '--write-tree', '--no-messages', '--allow-unrelated-histories', ours, theirs],
      { okCodes: [1] },
    );
    const tree = r.stdout.toString('utf8').split('\n')[0]?.trim() ?? '';
    return { clean: r.code === 0, tree };
  }

  /** Commits reachable from `head` but not from `base`, oldest first. */
  async commitsBetween(base: string, head: string): Promise<string[]> {
    const text = await this.out(['rev-list', '--reverse', '--topo-order', head, `^${base}`]);
    return text.split('\n').filter(Boolean);
  }

  /** Per-file line counts between two commits (`git diff-tree --numstat`). */
  async diffStats(
    a: string,
    b: string,
  ): Promise<{ additions: number; deletions: number; files: number }> {
    const text = await this.out(['diff-tree', '-r', '--numstat', '--no-renames', a, b]);
    let additions = 0;
    let deletions = 0;
    let files = 0;
    for (const line of text.split('\n')) {
      const [add, del] = line.split('\t');
      if (add === undefined || del === undefined) continue;
      files++;
      additions += Number(add) || 0;
      deletions += Number(del) || 0;
    }
    return { additions, deletions, files };
  }

  /**
   * Commits reachable from `rev`, newest first, parsed from one `git log`; `options` are more
   * `git log` options (e.g. `-n5`, `--since=...`) and `paths` limit it to commits touching them.
   */
  async log(rev: string, options: string[] = [], paths: string[] = []): Promise<CommitInfo[]> {
    const fmt = '%H%x00%T%x00%P%x00%an%x00%ae%x00%at%x00%cn%x00%ce%x00%ct%x00%B%x1e';
    const text = await this.out(['log', `--format=${fmt}`, ...options, rev, '--', ...paths]);
    const iso = (t: string | undefined) =>
      new Date(Number(t) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return text
      .split('\x1e')
      .map((r) => r.replace(/^\n/, ''))
      .filter(Boolean)
      .map((r) => {
        const [sha, tree, parents, an, ae, at, cn, ce, ct, message] = r.split('\0');
        return {
          sha: sha ?? '',
          tree: tree ?? '',
          parents: parents ? parents.split(' ') : [],
          author: { name: an ?? '', email: ae ?? '', date: iso(at) },
          committer: { name: cn ?? '', email: ce ?? '', date: iso(ct) },
          message: message ?? '',
        };
      });
  }

  /** Every commit reachable from `head`, newest first. */
  async history(head: string): Promise<string[]> {
    return (await this.out(['rev-list', head])).split('\n').filter(Boolean);
  }
}
