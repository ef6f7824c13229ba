// The one place that turns the action's inputs into typed settings. Every message names the
// input, quotes the bad value (never a token) and says what is expected.
import * as core from '@actions/core';
import { InputError, parseBumps } from '../core/bumps.js';
import { type FileSpec, parseFileSpecs } from '../core/file-specs.js';
import {
  checkTemplate,
  DEFAULT_COMMIT_MESSAGE,
  DEFAULT_PR_TITLE,
  defaultPullBranch,
} from '../core/messages.js';
import { parseRepository, parseToken } from '../core/remote-inputs.js';
import { checkPolicy, type VersionPolicy } from '../engine/policy.js';
import type { Bump } from '../engine/types.js';
import type { MergeMethod, RepoName } from '../github/port.js';

/** Where the bump is written. */
export interface RemoteSettings {
  repo: RepoName;
  branch?: string;
  token: string;
  mode: 'commit' | 'pull-request';
  commitApi: 'graphql' | 'contents';
  merge: 'auto' | 'now' | 'none';
  mergeMethod: MergeMethod;
  prBranch: string;
  prTitle: string;
  prBody: string;
  prLabels: string[];
  prReviewers: string[];
  commitMessage: string;
  maxAttempts: number;
  timeoutMs: number;
}

/** Everything the action was asked to do. */
export interface Settings {
  /** The images to bump, with their new tags and digests. */
  bumps: Bump[];
  /** The `files` lines, parsed. */
  files: FileSpec[];
  /** Only containers (and compose services) with this name. */
  container?: string;
  /** Give tag-only references the digest too. */
  pinDigest: boolean;
  /** Which bumps are allowed. */
  policy: VersionPolicy;
  /** What a refused bump does. */
  onViolation: 'skip' | 'fail';
  /** Report only; write nothing. */
  dryRun: boolean;
  /** `workspace`: files on disk; otherwise the GitHub repository in `remote`. */
  mode: 'commit' | 'pull-request' | 'workspace';
  /** In workspace mode: the folder the files are relative to. */
  workingDirectory: string;
  /** In commit and pull-request mode. */
  remote?: RemoteSettings;
}

/** Reads a boolean input, accepting what YAML 1.2 calls true and false. */
function booleanInput(name: string): boolean {
  const value = core.getInput(name).trim();
  if (value === '') return false;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`${name}: '${value}' is not a boolean; use true or false.`);
}

/** Reads an input that takes one of a few words. */
function choiceInput<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = core.getInput(name).trim();
  if (value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  const near = choices.find((c) => c.toLowerCase() === value.toLowerCase());
  throw new InputError(
    `${name}: '${value}' is not one of ${choices.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}.`,
  );
}

/** Reads a whole number within bounds. */
function numberInput(name: string, fallback: number, min: number, max: number): number {
  const value = core.getInput(name).trim();
  if (value === '') return fallback;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || n < min || n > max) {
    throw new InputError(`${name}: '${value}' is not a number from ${min} to ${max}.`);
  }
  return n;
}

/** Splits a list input written one per line or comma-separated. */
function listInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads the version policy; checks the range and the pattern. */
function readPolicy(): VersionPolicy {
  const policy: VersionPolicy = { allowDowngrade: booleanInput('allow-downgrade') };
  const filter = core.getInput('version-filter').trim();
  if (filter) policy.filter = filter;
  const pattern = core.getInput('tag-pattern').trim();
  if (pattern) policy.tagPattern = pattern;
  checkPolicy(policy);
  return policy;
}

/** Reads and checks every input. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  // Mask the token before anything else can print it.
  const rawToken = core.getInput('token');
  for (const part of rawToken.split(/\s+/)) if (part.length > 1) core.setSecret(part);

  const image = core.getInput('image').trim();
  const images = core.getMultilineInput('images');
  if (image && images.length > 0)
    throw new InputError(
      'image and images are both set; give one image in image, or several in images.',
    );
  const references = image ? [image] : images;
  if (references.length === 0)
    throw new InputError(
      'image: no image given. Set image (e.g. ghcr.io/org/app:1.4.2) or images.',
    );
  const tag = core.getInput('tag').trim() || undefined;
  const digest = core.getInput('digest').trim() || undefined;
  const mode = choiceInput('mode', ['commit', 'pull-request', 'workspace'] as const, 'commit');
  const settings: Settings = {
    bumps: parseBumps(
      references,
      { image: image ? 'image' : 'images', tag: 'tag', digest: 'digest' },
      tag,
      digest,
    ),
    files: parseFileSpecs(core.getMultilineInput('files')),
    pinDigest: booleanInput('pin-digest'),
    policy: readPolicy(),
    onViolation: choiceInput('on-policy-violation', ['skip', 'fail'] as const, 'skip'),
    workingDirectory: core.getInput('working-directory').trim() || '.',
    dryRun: booleanInput('dry-run'),
    mode,
  };
  const container = core.getInput('container').trim();
  if (container) settings.container = container;
  if (mode === 'workspace') return settings;

  const repoInput = core.getInput('repository').trim() || env.GITHUB_REPOSITORY?.trim() || '';
  const repo = parseRepository(repoInput, 'repository');
  const token = parseToken(rawToken, 'token');
  const branch = core.getInput('branch').trim();
  const commitMessage = core.getInput('commit-message') || DEFAULT_COMMIT_MESSAGE;
  checkTemplate('commit-message', commitMessage);
  const prTitle = core.getInput('pr-title').trim() || DEFAULT_PR_TITLE;
  checkTemplate('pr-title', prTitle);
  const prBody = core.getInput('pr-body');
  checkTemplate('pr-body', prBody);
  const prBranch =
    core.getInput('pr-branch').trim() ||
    defaultPullBranch(settings.bumps, {
      ...(branch && { branch }),
      files: settings.files.map((f) => f.raw),
      ...(container && { container }),
    });
  if (
    !/^[A-Za-z0-9._/-]+$/.test(prBranch) ||
    prBranch.includes('..') ||
    /^[/.-]|[/.]$|\/\/|\.lock$/.test(prBranch)
  )
    throw new InputError(
      `pr-branch: '${prBranch}' is not a usable branch name; use letters, digits, '.', '_', '-' and '/', e.g. gitops-bump/web.`,
    );
  settings.remote = {
    repo,
    ...(branch && { branch }),
    token,
    mode,
    commitApi: choiceInput('commit-api', ['graphql', 'contents'] as const, 'graphql'),
    merge: choiceInput('merge', ['auto', 'now', 'none'] as const, 'auto'),
    mergeMethod: choiceInput('merge-method', ['squash', 'merge', 'rebase'] as const, 'squash'),
    prBranch,
    prTitle,
    prBody,
    prLabels: listInput('pr-labels'),
    prReviewers: listInput('pr-reviewers').map((r) => r.replace(/^@/, '')),
    commitMessage,
    maxAttempts: numberInput('max-attempts', 10, 1, 100),
    timeoutMs: numberInput('request-timeout', 30, 1, 600) * 1000,
  };
  return settings;
}
