// The one bump both doors run: settings in, report and what was written out. Chooses where
// the files live: on disk (workspace), in a GitHub repository (the API), or on any git host.
// Each store is imported when a run needs it (the GitHub client only for GitHub, git only for
// git remotes): the bundles load them as separate chunks, so a start pays only for its own store.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BumpOptions, BumpReport } from '../engine/bump-files.js';
import type { Bump } from '../engine/types.js';
import type { ImageResolution } from '../registry/resolve.js';
import { safeUrl } from '../stores/git/url.js';
import type { EarlyRead } from '../stores/github/early-read.js';
import type { Endpoints } from '../stores/github/endpoints.js';
import { commitMessage } from './messages.js';
import { askRegistry, type RegistryContext } from './registry.js';
import type { FlowLog, Operation, RemoteOutcome, Sleep } from './remote.js';
import type { Settings } from './settings.js';
import { noChangeOperation } from './store-bump.js';
import { warmEngine } from './warm-up.js';

/** Where a run is, and where its messages go. */
export interface RunContext {
  /** The folder files are relative to in workspace mode (before `working-directory`). */
  root: string;
  endpoints: Endpoints;
  /** GITHUB_REPOSITORY, for permission hints. */
  workflowRepository?: string;
  /** A link to the workflow run, for pull-request bodies. */
  runUrl?: string;
  /** Where a git remote is cloned (RUNNER_TEMP on a runner); the OS temp folder by default. */
  tempDir?: string;
  log: FlowLog & { debug(message: string): void };
  sleep?: Sleep;
  /** The clock for waiting (wait-for-merge); replaced in tests together with sleep. */
  now?: () => number;
  /** Masks secrets the registry step finds (credentials, tokens); core.setSecret in the action. */
  mask?: RegistryContext['mask'];
  /** The environment the registry step reads (DOCKER_CONFIG, HOME); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** How the user logs in to a registry, in the door's words, for 401 messages. */
  registryLoginHint?: string;
  /** The snapshot question the door sent at start-up, if any (stores/github/early-read.ts). */
  early?: EarlyRead;
}

/** Who commits to a plain git remote. */
const GIT_AUTHOR = { name: 'gitops-bump[bot]', email: 'gitops-bump[bot]@users.noreply.github.com' };

/** What a run did. */
export interface RunResult {
  report: BumpReport;
  /** Absent in workspace mode. */
  outcome?: RemoteOutcome;
  /** The bumps written: with the tags and digests the registry gave. */
  bumps: Bump[];
  /** What the registry said, per image; absent when it was not asked. */
  resolutions?: ImageResolution[];
}

/**
 * The one word for what a run did, the same in the action's `operation` output and the CLI's
 * --json: the remote write's operation; in workspace mode `written` (files written), `refused`
 * (the policy refused every change still to make) or `none`.
 */
export function operationOf(
  result: Pick<RunResult, 'report' | 'outcome'>,
  dryRun: boolean,
): Operation {
  if (result.outcome) return result.outcome.operation;
  if (result.report.changed) return dryRun ? 'none' : 'written';
  return noChangeOperation(result.report);
}

/**
 * Whether this run wrote the change (a dry run: would write it), the same in the action's
 * `changed` output and the CLI's --json: a rerun whose open PR already holds the change, or a
 * lost answer not proved to be this run's, wrote nothing.
 */
export function changedOf(result: Pick<RunResult, 'report' | 'outcome'>, dryRun: boolean): boolean {
  const { report, outcome } = result;
  if (dryRun || !outcome) return report.changed;
  return outcome.operation !== 'none' && outcome.commit !== undefined;
}

/** The engine options of a run. */
export function bumpOptions(settings: Settings): BumpOptions {
  return {
    ...(settings.container !== undefined && { container: settings.container }),
    pinDigest: settings.pinDigest,
    policy: settings.policy,
    onViolation: settings.onViolation,
    onMissed: settings.onMissed,
  };
}

/** Runs the bump the settings describe: the registry first, then the files. */
export async function runBump(asked: Settings, context: RunContext): Promise<RunResult> {
  const resolved = await askRegistry(asked, {
    log: context.log,
    ...(context.mask && { mask: context.mask }),
    ...(context.env && { env: context.env }),
    ...(context.registryLoginHint && { loginHint: context.registryLoginHint }),
  });
  const settings = resolved ? { ...asked, bumps: resolved.bumps } : asked;
  const extra = {
    bumps: settings.bumps,
    ...(resolved && { resolutions: resolved.resolutions }),
  };
  if (settings.bumps.length === 0) {
    context.log.info('No image has a tag to deploy: nothing to change.');
    return {
      report: { files: [], occurrences: [], skipped: [], missed: [], changed: false },
      ...extra,
    };
  }
  return { ...(await writeBump(settings, context)), ...extra };
}

/** Edits and writes the files where the settings say. */
async function writeBump(
  settings: Settings,
  context: RunContext,
): Promise<Omit<RunResult, 'bumps'>> {
  const remote = settings.remote;
  if (!remote) return writeWorkspace(settings, context);
  if (remote.kind === 'git') return writeGitRemote(settings, remote, context);
  return writeGitHub(settings, remote, context);
}

/** Files on disk, through the workspace store: read, bump, write all or none. */
async function writeWorkspace(
  settings: Settings,
  context: RunContext,
): Promise<Omit<RunResult, 'bumps'>> {
  const root = resolve(context.root, settings.workingDirectory);
  const [{ WorkspaceFolder }, { changes, readAndBump }] = await Promise.all([
    import('../stores/workspace.js'),
    import('./store-bump.js'),
  ]);
  context.log.phase?.('Read and edit the files');
  const folder = new WorkspaceFolder(root);
  const { read, report } = await readAndBump(
    folder,
    settings.files,
    settings.bumps,
    bumpOptions(settings),
  );
  context.log.phase?.(settings.dryRun ? 'Write (dry run: nothing written)' : 'Write');
  if (!settings.dryRun && report.changed)
    await folder.write(read.head, changes(report), { headline: '', body: '' });
  return { report };
}

type RemoteSettings = NonNullable<Settings['remote']>;

/** Any git remote: clone, bump, commit and push (./git.ts). */
async function writeGitRemote(
  settings: Settings,
  remote: Extract<RemoteSettings, { kind: 'git' }>,
  context: RunContext,
): Promise<Omit<RunResult, 'bumps'>> {
  const { bumpGitRepository } = await import('./git.js');
  const workDir = mkdtempSync(join(context.tempDir ?? tmpdir(), 'gitops-bump-clone-'));
  try {
    context.log.phase?.(`Clone, edit, commit and push: ${safeUrl(remote.url)}`);
    const git = await bumpGitRepository({
      url: remote.url,
      ...(remote.branch !== undefined && { branch: remote.branch }),
      files: settings.files,
      bumps: settings.bumps,
      options: bumpOptions(settings),
      commitMessage: (report) => commitMessage(remote.commitMessage, report, settings.bumps),
      author: GIT_AUTHOR,
      maxAttempts: remote.maxAttempts,
      dryRun: settings.dryRun,
      ...(remote.token !== undefined && { token: remote.token }),
      ...(remote.tokenUser !== undefined && { tokenUser: remote.tokenUser }),
      workDir,
      log: context.log,
      ...(context.sleep && { sleep: context.sleep }),
    });
    return {
      report: git.report,
      outcome: {
        report: git.report,
        operation: git.operation,
        branch: git.branch,
        base: git.branch,
        ...(git.commit && { commit: git.commit }),
        attempts: git.attempts,
      },
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** A GitHub repository through the API: a commit or a pull request (./remote.ts). */
async function writeGitHub(
  settings: Settings,
  remote: Extract<RemoteSettings, { kind: 'github' }>,
  context: RunContext,
): Promise<Omit<RunResult, 'bumps'>> {
  await (await import('../stores/github/proxy.js')).loadProxyFetch();
  const [{ connectGitHub }, { bumpRemote }] = await Promise.all([
    import('../stores/github/connect.js'),
    import('./remote.js'),
  ]);
  const github = connectGitHub({
    token: remote.token,
    endpoints: context.endpoints,
    timeoutMs: remote.timeoutMs,
    ...(context.workflowRepository && { workflowRepository: context.workflowRepository }),
    log: context.log,
    ...(context.early && { early: context.early }),
  });
  // The first read was sent at start and its answer is still on the way: the engine's first,
  // cold run on a stand-in fills that wait instead of the time between the answer and the write.
  const early = context.early;
  if (early && !early.answered)
    setImmediate(() => early.answered || warmEngine(settings, bumpOptions(settings)));
  const { kind: _kind, token: _token, timeoutMs: _timeout, ...where } = remote;
  const outcome = await bumpRemote(
    github,
    {
      ...where,
      files: settings.files,
      bumps: settings.bumps,
      options: bumpOptions(settings),
      dryRun: settings.dryRun,
      ...(context.runUrl && { runUrl: context.runUrl }),
    },
    context.log,
    context.sleep,
    context.now,
  );
  return { report: outcome.report, outcome };
}
