// A clone of any git remote (GitLab, Bitbucket, a self-hosted server, a path on disk) as a
// Store: a shallow clone, reads from its work tree, and a write that is one commit of the changed
// files and a push that is never forced. A push that lost a race throws StaleHeadError and the
// next read fetches the branch again. git runs through @actions/exec with an argument array (no
// shell); a token reaches git only through environment variables, and every message and log line
// is scrubbed of it and of any credentials in the URL.

import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { getExecOutput } from '@actions/exec';
import { describeKind } from '../../engine/file-specs.js';
import {
  type FileChange,
  type HeadRead,
  StaleHeadError,
  type Store,
  type WriteMessage,
  type Written,
} from '../store.js';
import { readFiles, writeFiles } from '../workspace.js';
import {
  isInsecureRemote,
  safeUrl,
  type TokenHeader,
  tokenHeader,
  urlSecrets,
  webCommitUrl,
} from './url.js';

export { isGitUrl } from './url.js';

/** Where the remote is and who writes to it. */
export interface GitRemoteOptions {
  /** https://…, http://…, ssh://…, git@host:path, file:///…, or a local path. */
  url: string;
  /** The branch to write; the remote's default branch (its HEAD) when absent. */
  branch?: string;
  /** Author and committer of the commits, e.g. gitops-bump[bot]. */
  author: { name: string; email: string };
  /**
   * A token for http(s) remotes, sent as `Authorization: Basic base64(tokenUser:token)` through an
   * `http.<origin>/.extraHeader` set in git's environment (GIT_CONFIG_COUNT/KEY/VALUE), so that
   * it never appears in a command line, a URL, the clone's configuration, a log or an error.
   * Ignored for ssh, file and path remotes.
   */
  token?: string;
  /** The user name sent with the token: `x-access-token` (default; GitHub), `oauth2` (GitLab), `x-token-auth` (Bitbucket). */
  tokenUser?: string;
  /** Where to clone: a fresh, empty (or not yet existing) directory that the caller removes. */
  workDir: string;
  log: { info(m: string): void; warning(m: string): void };
}

/** A git command failed; the message names the repository (without credentials) and the fix. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** git's answer when a push lost a race with another writer (as opposed to being refused). */
const LOST_RACE =
  /\((?:fetch first|non-fast-forward|stale info)\)|\[rejected\]|cannot lock ref|failed to update ref|failed to lock|incorrect old value provided/i;

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git with a fixed environment and scrubs secrets from everything it says. */
class Git {
  private readonly env: Record<string, string>;
  private readonly secrets: string[];

  constructor(
    private readonly url: string,
    header: TokenHeader | undefined,
    ceiling: string,
  ) {
    this.secrets = [...urlSecrets(url), ...(header?.secrets ?? [])]
      .filter((s) => s.length > 0)
      .sort((a, b) => b.length - a.length);
    this.env = gitEnvironment(header, ceiling);
  }

  /** The text with the raw URL replaced by its safe form and every secret replaced by ***. */
  redact(text: string): string {
    let out =
      this.url && this.url !== safeUrl(this.url)
        ? replaceAll(text, this.url, safeUrl(this.url))
        : text;
    for (const secret of this.secrets) out = replaceAll(out, secret, '***');
    return out;
  }

  async run(
    args: string[],
    cwd: string,
    extraEnv: Record<string, string> = {},
  ): Promise<GitResult> {
    let result: { exitCode: number; stdout: string; stderr: string };
    try {
      result = await getExecOutput('git', args, {
        cwd,
        env: { ...this.env, ...extraEnv },
        silent: true,
        ignoreReturnCode: true,
      });
    } catch (error) {
      throw new GitError(
        `git could not be run (${this.redact(error instanceof Error ? error.message : String(error))}); install git on the runner.`,
      );
    }
    return {
      code: result.exitCode,
      stdout: this.redact(result.stdout),
      stderr: this.redact(result.stderr),
    };
  }
}

function replaceAll(text: string, search: string, replacement: string): string {
  return search ? text.split(search).join(replacement) : text;
}

/** Variables that would point git at another repository, or make it print what it sends. */
const DROPPED_VARIABLES =
  /^(?:GIT_(?:DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|PREFIX|TRACE\w*|CURL_VERBOSE|REDACT_COOKIES|AUTHOR_\w+|COMMITTER_\w+))$/;

function gitEnvironment(header: TokenHeader | undefined, ceiling: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !DROPPED_VARIABLES.test(key)) env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  env.GCM_INTERACTIVE = 'never';
  env.LC_ALL = 'C';
  // Manifests are not kept in LFS; never download large files to edit a YAML file.
  env.GIT_LFS_SKIP_SMUDGE = '1';
  // Paths are file names, never globs (`git commit -- 'a*.yaml'` would match others).
  env.GIT_LITERAL_PATHSPECS = '1';
  // Never read the configuration of a repository that happens to enclose the work directory
  // (a runner's checkout carries its own token in an extraHeader).
  env.GIT_CEILING_DIRECTORIES = ceiling;
  if (header) {
    const count = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
    const index = Number.isInteger(count) && count > 0 ? count : 0;
    env[`GIT_CONFIG_KEY_${index}`] = header.key;
    env[`GIT_CONFIG_VALUE_${index}`] = header.value;
    env.GIT_CONFIG_COUNT = String(index + 1);
  }
  return env;
}

/** The line of git's output that says what went wrong (for a push: the refused ref's line). */
function gitLine(result: GitResult, push = false): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');
  const find = (pattern: RegExp): string | undefined => lines.find((l) => pattern.test(l));
  let pick: string | undefined;
  if (push) {
    const refused = find(/^! /);
    const remote = find(/^remote: (?:error|fatal|GitLab|\S+: )/i);
    pick = [refused, remote].filter(Boolean).join('; ') || undefined;
  }
  pick ??=
    find(/^fatal:/i) ??
    find(/^error:/i) ??
    find(/^remote:\s*\S/i) ??
    find(/^(?!warning:|Cloning into|To |hint:)/i) ??
    `git exited with code ${result.code}`;
  return pick.length > 300 ? `${pick.slice(0, 300)}…` : pick;
}

/** git's own rule: `scheme://` is a URL, `host:path` (colon before any slash) is ssh, else a path. */
function isLocalPath(url: string): boolean {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url)) return false;
  if (/^[A-Za-z]:[\\/]/.test(url)) return true;
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  return colon < 0 || (slash >= 0 && slash < colon);
}

interface Context {
  git: Git;
  log: GitRemoteOptions['log'];
  /** The URL given to git (local paths made absolute). */
  remote: string;
  /** The URL as shown. */
  shown: string;
  dir: string;
}

/**
 * Clones the remote (its branch, or its default branch) and returns it as a Store. Errors and
 * log lines never carry the token or the URL's credentials.
 */
export async function openGitRemote(options: GitRemoteOptions): Promise<GitRemote> {
  const url = options.url.trim();
  const header =
    options.token !== undefined && options.token !== ''
      ? tokenHeader(url, options.token, options.tokenUser || 'x-access-token')
      : undefined;
  const dir = resolve(options.workDir);
  const git = new Git(url, header, dirname(dir));
  const log = {
    info: (m: string) => options.log.info(git.redact(m)),
    warning: (m: string) => options.log.warning(git.redact(m)),
  };
  const ctx: Context = {
    git,
    log,
    remote: isLocalPath(url) ? resolve(url) : url,
    shown: safeUrl(url),
    dir,
  };
  return redacting(git, async () => {
    if (options.token && !header)
      log.info(
        `The token is used for http(s) remotes only; ${ctx.shown} uses its own credentials.`,
      );
    if (header && isInsecureRemote(url))
      log.warning(`${ctx.shown} is plain http: the token travels unencrypted. Use https.`);
    mkdirSync(ctx.dir, { recursive: true });
    if (options.branch !== undefined) await checkBranchName(ctx, options.branch);
    let branch = options.branch ?? (await defaultBranch(ctx));
    log.info(`Cloning ${ctx.shown} (${branch ? `branch ${branch}` : 'its default branch'}).`);
    await clone(ctx, branch);
    branch ??= await currentBranch(ctx);
    return new GitRemote(ctx, branch, options.author);
  });
}

/** Runs `fn`; nothing leaves it carrying a secret: not the message, not the stack. */
async function redacting<T>(git: Git, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Error) {
      error.message = git.redact(error.message);
      if (error.stack) error.stack = git.redact(error.stack);
    }
    throw error;
  }
}

/** A clone of one branch of a remote, read from its work tree, written by commit and push. */
export class GitRemote implements Store {
  /** The last push lost a race: the next read fetches the branch first. */
  private behind = false;
  /** What the last `list` saw at the head besides regular files (folders, links, submodules). */
  private others = new Map<string, OtherKind>();

  constructor(
    private readonly ctx: Context,
    /** The branch written. */
    readonly branch: string,
    private readonly author: { name: string; email: string },
  ) {}

  get where(): string {
    return `${this.ctx.shown} (branch ${this.branch})`;
  }

  /** The remote's URL without credentials. */
  get shown(): string {
    return this.ctx.shown;
  }

  /** The text with the URL's credentials and the token replaced. */
  redact(text: string): string {
    return this.ctx.git.redact(text);
  }

  /** Regular files tracked at the head; symbolic links and submodules are never edited. */
  list(): Promise<string[]> {
    return redacting(this.ctx.git, async () => {
      if (this.behind) await this.fetch();
      const tree = await headTree(this.ctx);
      this.others = tree.others;
      return tree.files;
    });
  }

  /**
   * Says what a path the last `list` found at the head is when it is not a regular file: a
   * directory, a symbolic link (and where it points) or a submodule.
   */
  describe(path: string): string | undefined {
    const kind = this.others.get(path);
    if (kind === undefined) return undefined;
    if (kind !== 'symlink') return describeKind(path, kind);
    return describeKind(path, kind, linkTarget(join(this.ctx.dir, path)));
  }

  read(paths: readonly string[]): Promise<HeadRead> {
    return redacting(this.ctx.git, async () => {
      if (this.behind) await this.fetch();
      const head = await this.head();
      const files = new Map<string, string | undefined>();
      const present = paths.filter((p) => existsSync(join(this.ctx.dir, p)));
      for (const p of paths) files.set(p, undefined);
      for (const file of readFiles(this.ctx.dir, present)) files.set(file.path, file.text);
      return { head, files };
    });
  }

  write(head: string, changes: readonly FileChange[], message: WriteMessage): Promise<Written> {
    return redacting(this.ctx.git, () => this.commitAndPush(head, changes, message));
  }

  private async commitAndPush(
    head: string,
    changes: readonly FileChange[],
    message: WriteMessage,
  ): Promise<Written> {
    const { ctx, branch } = this;
    if ((await this.head()) !== head)
      throw new StaleHeadError(`the clone is no longer at ${head.slice(0, 7)}`);
    writeFiles(ctx.dir, changes);
    await commit(
      ctx,
      this.author,
      message,
      changes.map((c) => c.path),
    );
    const push = await ctx.git.run(
      ['push', '--no-verify', 'origin', `HEAD:refs/heads/${branch}`],
      ctx.dir,
    );
    if (push.code === 0) {
      const oid = await this.head();
      return { oid, url: webCommitUrl(ctx.remote, oid) };
    }
    const line = gitLine(push, true);
    if (!LOST_RACE.test(`${push.stderr}\n${push.stdout}`)) {
      throw new GitError(
        `The push to ${ctx.shown} (branch ${branch}) was refused: ${line}. Check that the token or SSH key may push to ${branch}, and whether the branch is protected against this user.`,
      );
    }
    this.behind = true;
    throw new StaleHeadError(line);
  }

  private async head(): Promise<string> {
    return (await expectOk(this.ctx, ['rev-parse', 'HEAD'], 'read the head')).stdout.trim();
  }

  private async fetch(): Promise<void> {
    const { branch } = this;
    await expectOk(
      this.ctx,
      ['fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', `refs/heads/${branch}`],
      `fetch ${branch} again`,
    );
    await expectOk(
      this.ctx,
      ['reset', '--quiet', '--hard', 'FETCH_HEAD'],
      `reset to the new ${branch}`,
    );
    this.behind = false;
  }
}

async function expectOk(ctx: Context, args: string[], what: string): Promise<GitResult> {
  const result = await ctx.git.run(args, ctx.dir);
  if (result.code !== 0) {
    throw new GitError(
      `Could not ${what} in the clone of ${ctx.shown}: ${gitLine(result)}. Check that the token or SSH key can still read the repository.`,
    );
  }
  return result;
}

async function checkBranchName(ctx: Context, branch: string): Promise<void> {
  const ok =
    branch !== '' &&
    !branch.startsWith('-') &&
    (await ctx.git.run(['check-ref-format', `refs/heads/${branch}`], ctx.dir)).code === 0;
  if (!ok)
    throw new GitError(
      `branch: '${branch}' is not a valid branch name; give a branch such as main, or none for the default branch of ${ctx.shown}.`,
    );
}

function readFailure(ctx: Context, branch: string | undefined, result: GitResult): GitError {
  const which = branch === undefined ? 'its default branch' : `branch '${branch}'`;
  return new GitError(
    `Could not clone ${ctx.shown} (${which}): ${gitLine(result)}. Check the repository URL, that the branch exists, and that the token (https) or SSH key (ssh) may read the repository.`,
  );
}

/** The remote's default branch, from `git ls-remote --symref`; undefined when it does not say. */
async function defaultBranch(ctx: Context): Promise<string | undefined> {
  const result = await ctx.git.run(['ls-remote', '--symref', '--', ctx.remote, 'HEAD'], ctx.dir);
  if (result.code !== 0) throw readFailure(ctx, undefined, result);
  const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(result.stdout)?.[1];
  if (symref) return symref;
  if (result.stdout.trim() === '') {
    throw new GitError(
      `${ctx.shown} has no branches yet (it is empty); push the GitOps files to it first, or give the branch.`,
    );
  }
  return undefined;
}

async function clone(ctx: Context, branch: string | undefined): Promise<void> {
  const args = [
    'clone',
    '--quiet',
    '--depth',
    '1',
    '--single-branch',
    '--no-tags',
    // The bytes on disk are the bytes in the repository, whatever the runner's settings.
    '--config',
    'core.autocrlf=false',
    ...(branch !== undefined ? ['--branch', branch] : []),
    '--',
    ctx.remote,
    ctx.dir,
  ];
  const result = await ctx.git.run(args, ctx.dir);
  if (result.code !== 0) throw readFailure(ctx, branch, result);
}

async function currentBranch(ctx: Context): Promise<string> {
  const result = await ctx.git.run(['symbolic-ref', '--short', 'HEAD'], ctx.dir);
  const name = result.stdout.trim();
  if (result.code !== 0 || name === '')
    throw new GitError(
      `Could not tell the default branch of ${ctx.shown} (${gitLine(result)}); give the branch.`,
    );
  return name;
}

type OtherKind = 'directory' | 'symlink' | 'submodule';

/** `git ls-tree` modes of what is not a regular file. */
const OTHER_MODES: Record<string, OtherKind> = {
  '040000': 'directory',
  '120000': 'symlink',
  '160000': 'submodule',
};

/** Regular files at HEAD, sorted; and every folder, symbolic link and submodule by path. */
async function headTree(
  ctx: Context,
): Promise<{ files: string[]; others: Map<string, OtherKind> }> {
  const result = await expectOk(
    ctx,
    ['ls-tree', '-r', '-t', '-z', '--full-tree', 'HEAD'],
    'list the files',
  );
  const files: string[] = [];
  const others = new Map<string, OtherKind>();
  for (const entry of result.stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const mode = entry.slice(0, entry.indexOf(' '));
    const path = entry.slice(tab + 1);
    if (mode === '100644' || mode === '100755') files.push(path);
    else if (OTHER_MODES[mode]) others.set(path, OTHER_MODES[mode]);
  }
  return { files: files.sort(), others };
}

/** Where a checked-out symbolic link points (with core.symlinks off, git writes it as a file). */
function linkTarget(full: string): string | undefined {
  try {
    return lstatSync(full).isSymbolicLink() ? readlinkSync(full) : readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

async function commit(
  ctx: Context,
  author: { name: string; email: string },
  message: WriteMessage,
  paths: string[],
): Promise<void> {
  const headline = message.headline.trim() || 'Bump images';
  const body = message.body.trim();
  const { name, email } = author;
  const result = await ctx.git.run(
    [
      '-c',
      `user.name=${name}`,
      '-c',
      `user.email=${email}`,
      'commit',
      '--quiet',
      '--no-verify',
      '-m',
      headline,
      ...(body ? ['-m', body] : []),
      '--',
      ...paths,
    ],
    ctx.dir,
    {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
    },
  );
  if (result.code !== 0) {
    throw new GitError(
      `Could not commit in the clone of ${ctx.shown}: ${gitLine(result)}. Check the author name and email, and the runner's git configuration (commit signing).`,
    );
  }
}
