// The one place that turns what the user asked for into typed settings, for both doors: the
// action reads its inputs, the CLI its flags, through an InputSource. Every message names the
// input as the user wrote it (`mode` or `--mode`), quotes the bad value (never a token) and
// says what is expected.

import { InputError, parseBumps } from '../engine/bumps.js';
import { type FileSpec, parseFileSpecs } from '../engine/file-specs.js';
import type { VersionPolicy } from '../engine/policy.js';
import type { Bump } from '../engine/types.js';
import { locate } from '../registry/location.js';
import { isGitUrl } from '../stores/git/url.js';
import type { MergeMethod, RepoName } from '../stores/github/port.js';
import {
  checkTemplate,
  DEFAULT_COMMIT_MESSAGE,
  DEFAULT_PR_TITLE,
  defaultPullBranch,
} from './messages.js';
import { parseRepository, parseToken } from './remote-inputs.js';

/** Where the values come from. Names are the action's input names. */
export interface InputSource {
  /** The value, '' when not given. */
  get(name: string): string;
  /** The non-empty lines of a multi-line input (or the values of a repeated flag). */
  lines(name: string): string[];
  /** The input as the user names it, for messages: `mode`, or `--mode`. */
  label(name: string): string;
}

/** Where and how the bump is written, for the GitHub API. */
export interface GitHubSettings {
  kind: 'github';
  repo: RepoName;
  /** The target branch; the default branch when absent. */
  branch?: string;
  token: string;
  mode: 'commit' | 'pull-request';
  /** `graphql`: createCommitOnBranch (any number of files); `contents`: the Contents API. */
  commitApi: 'graphql' | 'contents';
  merge: 'auto' | 'now' | 'none';
  mergeMethod: MergeMethod;
  /** The pull request's branch; empty in commit mode when `pr-branch` is not given. */
  prBranch: string;
  prTitle: string;
  /** Empty: the default body (a table of the changes). */
  prBody: string;
  prLabels: readonly string[];
  /** Logins, or `org/team` for teams. */
  prReviewers: readonly string[];
  commitMessage: string;
  maxAttempts: number;
  timeoutMs: number;
  /** Close this action's older open PRs for the same images (or a subset) on the same base. */
  closeSuperseded: boolean;
  /** How long to wait for an auto-merging PR to merge; 0: do not wait. */
  waitForMergeMs: number;
}

/** Where the bump is written, for any git host (clone, commit, push). */
export interface GitSettings {
  kind: 'git';
  url: string;
  branch?: string;
  /** For https URLs (input `git-token`); SSH keys and local paths need none. */
  token?: string;
  /** The user name sent with the token (`git-token-user`). */
  tokenUser?: string;
  commitMessage: string;
  maxAttempts: number;
}

/** What the container registry is asked before anything is written. */
export interface RegistrySettings {
  /** `verify-image`: every tag (and digest) must exist. */
  verify: boolean;
  /** `resolve-digest`: look up each tag's digest. */
  resolveDigest: boolean;
  /** `insecure-registries`: hosts spoken to over plain HTTP besides loopback ones. */
  insecure: string[];
  /** `registry-username` / `registry-password`, for the one registry the images live in. */
  credential?: { host: string; username: string; password: string };
}

/** Everything a run was asked to do. */
export interface Settings {
  bumps: Bump[];
  files: FileSpec[];
  container?: string;
  pinDigest: boolean;
  policy: VersionPolicy;
  onViolation: 'skip' | 'fail';
  /** A place that names the image and was not bumped: `warn` (default) or `fail` the run. */
  onMissed: 'warn' | 'fail';
  dryRun: boolean;
  /** `workspace`: files on disk (in `workingDirectory`); otherwise `remote` says where. */
  mode: 'commit' | 'pull-request' | 'workspace';
  workingDirectory: string;
  remote?: GitHubSettings | GitSettings;
  registry: RegistrySettings;
}

/** Reads and checks inputs, one kind each. */
class Reader {
  constructor(private readonly source: InputSource) {}

  text(name: string): string {
    return this.source.get(name).trim();
  }

  label(name: string): string {
    return this.source.label(name);
  }

  boolean(name: string): boolean {
    const value = this.text(name);
    if (value === '') return false;
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE'].includes(value)) return false;
    throw new InputError(`${this.label(name)}: '${value}' is not a boolean; use true or false.`);
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.text(name);
    if (value === '') return fallback;
    if ((choices as readonly string[]).includes(value)) return value as T;
    const near = choices.find((c) => c.toLowerCase() === value.toLowerCase());
    throw new InputError(
      `${this.label(name)}: '${value}' is not one of ${choices.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}.`,
    );
  }

  number(name: string, fallback: number, min: number, max: number): number {
    const value = this.text(name);
    if (value === '') return fallback;
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || n < min || n > max) {
      throw new InputError(
        `${this.label(name)}: '${value}' is not a number from ${min} to ${max}.`,
      );
    }
    return n;
  }

  /** A duration such as 10m, 90s or 1h (0: none), in ms. */
  duration(name: string, maxMs: number): number {
    const value = this.text(name);
    if (value === '' || value === '0') return 0;
    const match = /^(\d+)(s|m|h)$/.exec(value);
    const ms = match
      ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 's']
      : NaN;
    if (!match || ms > maxMs)
      throw new InputError(
        `${this.label(name)}: '${value}' is not a duration up to ${maxMs / 3_600_000}h; use a number with s, m or h, e.g. 10m (0: do not wait).`,
      );
    return ms;
  }

  /** A list written one per line or comma-separated. */
  list(name: string): string[] {
    return this.source
      .lines(name)
      .flatMap((line) => line.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
}

/**
 * The version policy, checked. The check (semver's range parser) loads only when a filter or a
 * pattern is given: semver is a quarter of the code the action's start would otherwise compile
 * and run before its first request.
 */
async function readPolicy(read: Reader): Promise<VersionPolicy> {
  const policy: VersionPolicy = { allowDowngrade: read.boolean('allow-downgrade') };
  const filter = read.text('version-filter');
  if (filter) policy.filter = filter;
  const pattern = read.text('tag-pattern');
  if (pattern) policy.tagPattern = pattern;
  if (!filter && !pattern) return policy;
  const { checkPolicy } = await import('../engine/policy.js');
  checkPolicy(policy, {
    filter: read.label('version-filter'),
    tagPattern: read.label('tag-pattern'),
  });
  return policy;
}

function checkBranchName(read: Reader, name: string, value: string): void {
  if (
    !/^[A-Za-z0-9._/-]+$/.test(value) ||
    value.includes('..') ||
    /^[/.-]|[/.]$|\/\/|\.lock$/.test(value)
  )
    throw new InputError(
      `${read.label(name)}: '${value}' is not a usable branch name; use letters, digits, '.', '_', '-' and '/', e.g. gitops-bump/web.`,
    );
}

/** What the run environment says: the workflow's repository and the GitHub web address. */
export interface RunEnvironment {
  /** GITHUB_REPOSITORY: the default for `repository`. */
  repository?: string;
  /** GITHUB_SERVER_URL: URLs on this host are GitHub repositories, not plain git remotes. */
  serverUrl?: string;
}

/** Reads and checks everything. */
export async function readSettings(
  source: InputSource,
  env: RunEnvironment = {},
): Promise<Settings> {
  const read = new Reader(source);
  const settings = await readBumpSettings(read, source);
  if (settings.mode === 'workspace') return settings;
  const target = readTarget(read, source, settings.mode, env);
  if (isGitUrl(target.repository) && !onGitHub(target.repository, env.serverUrl)) {
    settings.remote = readGitRemote(read, source, target);
  } else {
    settings.remote = readGitHubRemote(read, source, settings, target);
  }
  return settings;
}

/** The image references: one in `image`, or several in `images`, never both. */
function readReferences(read: Reader, source: InputSource): { references: string[]; one: boolean } {
  const image = read.text('image');
  const images = source.lines('images');
  if (image && images.length > 0)
    throw new InputError(
      `${read.label('image')} and ${read.label('images')} are both set; give one image in ${read.label('image')}, or several in ${read.label('images')}.`,
    );
  const references = image ? [image] : images;
  if (references.length === 0)
    throw new InputError(
      `${read.label('image')}: no image given. Set ${read.label('image')} (e.g. ghcr.io/org/app:1.4.2) or ${read.label('images')}.`,
    );
  return { references, one: image !== '' };
}

/** What to bump, where in the files, under which policy: everything but where to write. */
async function readBumpSettings(read: Reader, source: InputSource): Promise<Settings> {
  const { references, one } = readReferences(read, source);
  const container = read.text('container');
  const settings: Settings = {
    bumps: parseBumps(
      references,
      {
        image: read.label(one ? 'image' : 'images'),
        tag: read.label('tag'),
        digest: read.label('digest'),
        filter: read.label('version-filter'),
      },
      read.text('tag') || undefined,
      read.text('digest') || undefined,
      read.text('version-filter') !== '',
    ),
    files: parseFileSpecs(source.lines('files')),
    pinDigest: read.boolean('pin-digest'),
    policy: await readPolicy(read),
    onViolation: read.choice('on-policy-violation', ['skip', 'fail'] as const, 'skip'),
    onMissed: read.choice('on-missed', ['warn', 'fail'] as const, 'warn'),
    workingDirectory: read.text('working-directory') || '.',
    dryRun: read.boolean('dry-run'),
    mode: read.choice('mode', ['commit', 'pull-request', 'workspace'] as const, 'commit'),
    registry: { verify: false, resolveDigest: false, insecure: [] },
  };
  settings.registry = readRegistry(read, source, settings.bumps);
  if (container) settings.container = container;
  return settings;
}

/** The inputs every remote write shares: where, which branch, the message, how many tries. */
interface Target {
  mode: 'commit' | 'pull-request';
  repository: string;
  branch: string;
  commitMessage: string;
  maxAttempts: number;
  waitForMergeMs: number;
}

function readTarget(
  read: Reader,
  source: InputSource,
  mode: Target['mode'],
  env: RunEnvironment,
): Target {
  const repository = read.text('repository') || env.repository?.trim() || '';
  const branch = read.text('branch');
  if (branch) checkBranchName(read, 'branch', branch);
  const commitMessage = source.get('commit-message') || DEFAULT_COMMIT_MESSAGE;
  checkTemplate(read.label('commit-message'), commitMessage);
  const maxAttempts = read.number('max-attempts', 10, 1, 100);
  // Checked before the kind of repository: a plain git remote takes commits only.
  const waitForMergeMs = read.duration('wait-for-merge', 6 * 3_600_000);
  return { mode, repository, branch, commitMessage, maxAttempts, waitForMergeMs };
}

/** A plain git remote: direct commits only, with its own token. */
function readGitRemote(read: Reader, source: InputSource, target: Target): GitSettings {
  const { mode, repository, branch } = target;
  if (target.waitForMergeMs > 0) throw waitNeedsPull(read, mode, 'none');
  if (mode === 'pull-request') {
    throw new InputError(
      `${read.label('mode')}: 'pull-request' needs a GitHub repository; '${repository}' is a plain git remote, which gets direct commits (mode: commit).`,
    );
  }
  // The `token` input (by default the workflow's GITHUB_TOKEN) is never sent to another host:
  // a git remote takes its own token in `git-token`.
  const gitToken = source.get('git-token');
  const tokenUser = read.text('git-token-user');
  return {
    kind: 'git',
    url: repository,
    ...(branch && { branch }),
    ...(gitToken.trim() && { token: parseToken(gitToken, read.label('git-token')) }),
    ...(tokenUser && { tokenUser }),
    commitMessage: target.commitMessage,
    maxAttempts: target.maxAttempts,
  };
}

/** A GitHub repository: commit or pull request through the API. */
function readGitHubRemote(
  read: Reader,
  source: InputSource,
  settings: Settings,
  target: Target,
): GitHubSettings {
  const { branch } = target;
  const repo = parseRepository(target.repository, read.label('repository'));
  const token = parseToken(source.get('token'), read.label('token'));
  return {
    kind: 'github',
    repo,
    ...(branch && { branch }),
    token,
    mode: target.mode,
    commitApi: read.choice('commit-api', ['graphql', 'contents'] as const, 'graphql'),
    ...readPullSettings(read, source, settings, branch, target.waitForMergeMs),
    commitMessage: target.commitMessage,
    maxAttempts: target.maxAttempts,
    timeoutMs: read.number('request-timeout', 30, 1, 600) * 1000,
  };
}

type PullSettings = Pick<
  GitHubSettings,
  | 'merge'
  | 'mergeMethod'
  | 'prBranch'
  | 'prTitle'
  | 'prBody'
  | 'prLabels'
  | 'prReviewers'
  | 'closeSuperseded'
  | 'waitForMergeMs'
>;

/** The pull-request settings (read in commit mode too: their defaults are checked alike). */
function readPullSettings(
  read: Reader,
  source: InputSource,
  settings: Settings,
  branch: string,
  waitForMergeMs: number,
): PullSettings {
  const prTitle = read.text('pr-title') || DEFAULT_PR_TITLE;
  checkTemplate(read.label('pr-title'), prTitle);
  const prBody = source.get('pr-body');
  checkTemplate(read.label('pr-body'), prBody);
  // The default branch name (a hash of what is bumped) only where it is used: in commit mode
  // it would load node:crypto before the run's first request.
  const prBranch =
    read.text('pr-branch') ||
    (settings.mode === 'pull-request'
      ? defaultPullBranch(settings.bumps, {
          ...(branch && { branch }),
          files: settings.files.map((f) => f.raw),
          ...(settings.container && { container: settings.container }),
        })
      : '');
  if (prBranch) checkBranchName(read, 'pr-branch', prBranch);
  const merge = read.choice('merge', ['auto', 'now', 'none'] as const, 'auto');
  if (waitForMergeMs > 0 && (settings.mode !== 'pull-request' || merge === 'none'))
    throw waitNeedsPull(read, settings.mode, merge);
  return {
    merge,
    mergeMethod: read.choice('merge-method', ['squash', 'merge', 'rebase'] as const, 'squash'),
    prBranch,
    prTitle,
    prBody,
    prLabels: read.list('pr-labels'),
    prReviewers: read.list('pr-reviewers').map((r) => r.replace(/^@/, '')),
    closeSuperseded: read.text('close-superseded') === '' || read.boolean('close-superseded'),
    waitForMergeMs,
  };
}

function waitNeedsPull(read: Reader, mode: string, merge: string): InputError {
  return new InputError(
    `${read.label('wait-for-merge')}: waits for a pull request to merge, so it needs ${read.label('mode')} pull-request with ${read.label('merge')} auto or now on a GitHub repository (now: ${read.label('mode')} ${mode}, ${read.label('merge')} ${merge}).`,
  );
}

/** The registry inputs; the credential inputs belong to the one registry the images live in. */
function readRegistry(read: Reader, source: InputSource, bumps: readonly Bump[]): RegistrySettings {
  const registry: RegistrySettings = {
    verify: read.boolean('verify-image'),
    resolveDigest: read.boolean('resolve-digest'),
    insecure: read.list('insecure-registries'),
  };
  for (const host of registry.insecure)
    if (!/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d+)?$/.test(host))
      throw new InputError(
        `${read.label('insecure-registries')}: '${host}' is not a registry host; give host or host:port, e.g. registry.internal:5000.`,
      );
  const username = read.text('registry-username');
  const password = source.get('registry-password').trim();
  if (!username && !password) return registry;
  if (!username || !password)
    throw new InputError(
      `${read.label(username ? 'registry-password' : 'registry-username')} is empty while ${read.label(username ? 'registry-username' : 'registry-password')} is set; give both, or neither (then the Docker config of docker/login-action is used).`,
    );
  const hosts = [...new Set(bumps.map((b) => locate(b.image).host))];
  if (hosts.length > 1)
    throw new InputError(
      `${read.label('registry-username')}: the images live in ${hosts.length} registries (${hosts.join(', ')}), and the credential is sent to one registry only. Log in to each with docker/login-action instead.`,
    );
  registry.credential = { host: hosts[0]!, username, password };
  return registry;
}

/** True for an https URL on the GitHub server the run belongs to (github.com by default). */
function onGitHub(url: string, serverUrl: string | undefined): boolean {
  const host = /^https?:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(url)?.[1]?.toLowerCase();
  const server = /^https?:\/\/([^/:]+)/i.exec(serverUrl ?? '')?.[1]?.toLowerCase() ?? 'github.com';
  return host !== undefined && host === server;
}
