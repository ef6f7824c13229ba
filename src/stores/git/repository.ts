// The write-back flow for GitOps repositories on any git host (GitLab, Bitbucket, a self-hosted
// server, a path on disk): a shallow clone, the same edit as the GitHub flow, one commit of the
// changed files, and a push that is never forced. When another writer moved the branch first,
// the push is rejected; the branch is fetched again, the bump re-applied to the files now there,
// and the push retried with jittered backoff. git runs through @actions/exec with an argument
// array (no shell); a token reaches git only through environment variables, and every message
// and log line is scrubbed of it and of any credentials in the URL.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { getExecOutput } from '@actions/exec';
import {
  type BumpOptions,
  type BumpReport,
  bumpFiles,
  noChangeReason,
} from '../../engine/bump-files.js';
import { expandFileSpecs, type FileSpec } from '../../engine/file-specs.js';
import type { Bump } from '../../engine/types.js';
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

/** Everything a bump in a git repository needs. */
export interface GitRequest {
  /** https://…, http://…, ssh://…, git@host:path, file:///…, or a local path. */
  url: string;
  /** The branch to write; the remote's default branch (its HEAD) when absent. */
  branch?: string;
  files: readonly FileSpec[];
  bumps: readonly Bump[];
  options: BumpOptions;
  commitMessage:
    | { headline: string; body: string }
    | ((report: BumpReport) => { headline: string; body: string });
  /** Author and committer of the commit, e.g. gitops-bump[bot]. */
  author: { name: string; email: string };
  /** How many times the bump is applied and pushed before giving up on a moving branch. */
  maxAttempts: number;
  /** Clone, edit and report; commit and push nothing. */
  dryRun: boolean;
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
  /** For tests: replace the wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

/** What a bump in a git repository did. */
export interface GitOutcome {
  /** The edit as last applied (against the branch head the commit was built on). */
  report: BumpReport;
  operation: 'committed' | 'none';
  /** The branch written (resolved when the request named none). */
  branch: string;
  /** The pushed commit; `url` is '' unless the host is github.com, gitlab.com or bitbucket.org. */
  commit?: { oid: string; url: string };
  /** How many edit-commit-push rounds it took. */
  attempts: number;
}

/** A git command failed; the message names the repository (without credentials) and the fix. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/**
 * Full-jitter exponential backoff between push attempts: a random wait up to
 * 200 ms × 2^(attempt − 1), capped at 5 s.
 */
export function pushBackoffMs(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(5000, 200 * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * cap);
}

/** git's answer when a push lost a race with another writer (as opposed to being refused). */
const LOST_RACE =
  /\((?:fetch first|non-fast-forward|stale info)\)|\[rejected\]|cannot lock ref|failed to update ref|failed to lock|incorrect old value provided/i;

const realSleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

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
  request: GitRequest;
  git: Git;
  log: GitRequest['log'];
  /** The URL given to git (local paths made absolute). */
  remote: string;
  /** The URL as shown. */
  shown: string;
  dir: string;
}

/**
 * Clones the repository, bumps the files, commits and pushes; retries a push that lost a race by
 * fetching, re-applying and pushing again, never forcing.
 */
export async function bumpGitRepository(request: GitRequest): Promise<GitOutcome> {
  const url = request.url.trim();
  const header =
    request.token !== undefined && request.token !== ''
      ? tokenHeader(url, request.token, request.tokenUser || 'x-access-token')
      : undefined;
  const dir = resolve(request.workDir);
  const git = new Git(url, header, dirname(dir));
  const log = {
    info: (m: string) => request.log.info(git.redact(m)),
    warning: (m: string) => request.log.warning(git.redact(m)),
  };
  const ctx: Context = {
    request,
    git,
    log,
    remote: isLocalPath(url) ? resolve(url) : url,
    shown: safeUrl(url),
    dir,
  };
  try {
    if (request.token && !header)
      log.info(
        `The token is used for http(s) remotes only; ${ctx.shown} uses its own credentials.`,
      );
    if (header && isInsecureRemote(url))
      log.warning(`${ctx.shown} is plain http: the token travels unencrypted. Use https.`);
    return await run(ctx);
  } catch (error) {
    // Nothing leaves this function carrying a secret: not the message, not the stack.
    if (error instanceof Error) {
      error.message = git.redact(error.message);
      if (error.stack) error.stack = git.redact(error.stack);
    }
    throw error;
  }
}

async function run(ctx: Context): Promise<GitOutcome> {
  const { request, log } = ctx;
  if (!Number.isInteger(request.maxAttempts) || request.maxAttempts < 1)
    throw new GitError(
      `max-attempts must be a whole number of at least 1 (got ${request.maxAttempts}).`,
    );
  mkdirSync(ctx.dir, { recursive: true });
  if (request.branch !== undefined) await checkBranchName(ctx, request.branch);
  let branch = request.branch ?? (await defaultBranch(ctx));
  log.info(`Cloning ${ctx.shown} (${branch ? `branch ${branch}` : 'its default branch'}).`);
  await clone(ctx, branch);
  branch ??= await currentBranch(ctx);
  const sleep = request.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    const report = await edit(ctx);
    const outcome = { report, branch, attempts: attempt };
    if (!report.changed) {
      log.info(`Nothing to commit: ${noChangeReason(report, branch)}.`);
      return { ...outcome, operation: 'none' };
    }
    const changed = report.files.filter((f) => f.changed);
    if (request.dryRun) {
      log.info(
        `Dry run: would commit ${changed.map((f) => f.path).join(', ')} on ${branch} of ${ctx.shown}.`,
      );
      return { ...outcome, operation: 'none' };
    }
    writeFiles(
      ctx.dir,
      changed.map((f) => ({ path: f.path, text: f.after })),
    );
    await commit(
      ctx,
      report,
      changed.map((f) => f.path),
    );
    const push = await ctx.git.run(
      ['push', '--no-verify', 'origin', `HEAD:refs/heads/${branch}`],
      ctx.dir,
    );
    if (push.code === 0) {
      const oid = (await expectOk(ctx, ['rev-parse', 'HEAD'], 'read the new commit')).stdout.trim();
      log.info(`Pushed ${oid} to ${branch} of ${ctx.shown} (attempt ${attempt}).`);
      return {
        ...outcome,
        operation: 'committed',
        commit: { oid, url: webCommitUrl(ctx.remote, oid) },
      };
    }
    const line = gitLine(push, true);
    if (!LOST_RACE.test(`${push.stderr}\n${push.stdout}`)) {
      throw new GitError(
        `The push to ${ctx.shown} (branch ${branch}) was refused: ${line}. Check that the token or SSH key may push to ${branch}, and whether the branch is protected against this user.`,
      );
    }
    if (attempt >= request.maxAttempts) {
      throw new GitError(
        `The push to ${ctx.shown} (branch ${branch}) was rejected ${attempt} ${attempt === 1 ? 'time' : 'times'}: other writers moved the branch first each time (${line}); nothing was overwritten. Raise max-attempts (now ${request.maxAttempts}), or bump these images together in one job.`,
      );
    }
    log.info(
      `${branch} moved while this bump was being pushed (attempt ${attempt}: ${line}); fetching it and applying the bump again.`,
    );
    await sleep(pushBackoffMs(attempt));
    await expectOk(
      ctx,
      ['fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', `refs/heads/${branch}`],
      `fetch ${branch} again`,
    );
    await expectOk(ctx, ['reset', '--quiet', '--hard', 'FETCH_HEAD'], `reset to the new ${branch}`);
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

/** Regular files tracked at HEAD; symbolic links and submodules are never edited. */
async function trackedFiles(ctx: Context): Promise<string[]> {
  const result = await expectOk(ctx, ['ls-files', '--stage', '-z'], 'list the files');
  const paths: string[] = [];
  for (const entry of result.stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const mode = entry.slice(0, entry.indexOf(' '));
    if (mode === '100644' || mode === '100755') paths.push(entry.slice(tab + 1));
  }
  return paths.sort();
}

/** Lists, reads and bumps the files as they are in the work tree now. */
async function edit(ctx: Context): Promise<BumpReport> {
  const { request } = ctx;
  const targets = expandFileSpecs(request.files, await trackedFiles(ctx));
  const files = readFiles(
    ctx.dir,
    targets.map((t) => t.path),
  );
  return bumpFiles(files, targets, request.bumps, request.options);
}

async function commit(ctx: Context, report: BumpReport, paths: string[]): Promise<void> {
  const { request } = ctx;
  const message =
    typeof request.commitMessage === 'function'
      ? request.commitMessage(report)
      : request.commitMessage;
  const headline = message.headline.trim() || 'Bump images';
  const body = message.body.trim();
  const { name, email } = request.author;
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
