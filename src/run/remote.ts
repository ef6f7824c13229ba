// The write-back flows, shared by the action and the CLI: read the files at the branch head
// through GitHubPort, edit them with the engine, and write one atomic commit guarded by the head
// it was built on (through the branch as a Store and the run's one retry loop, ./retry.ts), or a
// pull request (GitHub's own flow); when another writer moved the branch first, re-read,
// re-apply and retry with jittered backoff. Nothing here knows HTTP: see src/stores/github.

import scan from 'picomatch/lib/scan.js';
import {
  type BumpOptions,
  type BumpReport,
  bumpFiles,
  PolicyViolationError,
  type SourceFile,
} from '../engine/bump-files.js';
import { expandFileSpecs } from '../engine/file-globs.js';
import {
  describeKind,
  type FileSpec,
  FileSpecError,
  type FileTarget,
} from '../engine/file-specs.js';
import type { Bump } from '../engine/types.js';
import { GitHubError, type StaleHeadError, UncertainWriteError } from '../stores/github/errors.js';
import type {
  BranchState,
  CommitRef,
  FileWrite,
  GitHubPort,
  PullState,
  Snapshot,
  SnapshotQuery,
} from '../stores/github/port.js';
import { GitHubBranch } from '../stores/github/store.js';
import { namedPaths, pullReadQuery, readPaths } from './first-read.js';
import {
  commitMessage,
  defaultPullBody,
  placeholderValues,
  pullMarker,
  render,
} from './messages.js';
import {
  closeOnPolicyFailure,
  closeUnneededPull,
  nothingToDeployMessage,
  pullDrift,
  supersede,
  WrittenError,
  waitForMerge,
} from './pull-lifecycle.js';
import {
  CROWD,
  isRetryable,
  type Pacing,
  type RetryPolicy,
  type RetryWait,
  type RoundDeferred,
  realSleep,
  retryRounds,
  type Sleep,
  waitWords,
} from './retry.js';
import type { GitHubSettings } from './settings.js';
import { noChangeOperation } from './store-bump.js';

/** What the write did; the action's `operation` output. */
export type Operation =
  | 'committed'
  | 'pr-created'
  | 'pr-updated'
  | 'pr-merged'
  | 'auto-merge-enabled'
  /** Pull-request mode: the open PR's change is refused by policy or already deployed. */
  | 'pr-closed'
  /** Nothing written: the version policy refused every change still to make. */
  | 'refused'
  /** Workspace mode: the changed files were written to disk. */
  | 'written'
  | 'none';

/**
 * Everything a remote bump needs: where and how to write (the GitHub settings, less the
 * connection's token and timeout), what to bump, and whether to write at all.
 */
export type RemoteRequest = Omit<GitHubSettings, 'kind' | 'token' | 'timeoutMs'> & {
  files: readonly FileSpec[];
  bumps: readonly Bump[];
  options: BumpOptions;
  dryRun: boolean;
  /** A link to the workflow run, for the PR body. */
  runUrl?: string;
};

/** What a remote bump did. */
export interface RemoteOutcome {
  /** The edit, relative to the target branch (what is deployed now → what will be). */
  report: BumpReport;
  operation: Operation;
  /** The branch written: the target branch, or the PR branch in pull-request mode. */
  branch: string;
  /** The target branch. */
  base: string;
  commit?: CommitRef;
  pull?: { number: number; url: string };
  /** How many read-edit-write rounds it took. */
  attempts: number;
  /** Pull-request mode: whether the PR is merged (at once, or while waiting for it). */
  merged?: boolean;
  /** The merge commit, when the PR was merged in this run. */
  mergeCommit?: CommitRef;
  /** Older pull requests of this action for the same images, closed by this run. */
  superseded?: number[];
}

/** Where progress goes. */
export interface FlowLog {
  info(message: string): void;
  warning(message: string): void;
  /** A new phase begins (the action opens a log group per phase). */
  phase?(title: string): void;
}

function readPhase(log: FlowLog, attempt: number): void {
  log.phase?.(
    attempt === 1
      ? 'Read and edit the files'
      : `Read and edit the files again (attempt ${attempt})`,
  );
}

export type { Sleep };

/** Thrown when other writers kept moving the branch for every attempt. */
export class ContentionError extends GitHubError {}

interface Context {
  github: GitHubPort;
  request: RemoteRequest;
  log: FlowLog;
  sleep: Sleep;
  now: () => number;
  /** What an earlier round of this run wrote, when a later step's answer was lost. */
  written?: RemoteOutcome;
}

/** Runs a remote bump. */
export async function bumpRemote(
  github: GitHubPort,
  request: RemoteRequest,
  log: FlowLog,
  sleep: Sleep = realSleep,
  now: () => number = Date.now,
): Promise<RemoteOutcome> {
  const ctx: Context = { github, request, log, sleep, now };
  const targets = await resolveTargets(ctx);
  return request.mode === 'pull-request' ? pullFlow(ctx, targets) : commitFlow(ctx, targets);
}

/**
 * Explicit paths are read directly; globs need one listing of the tree, or, when GitHub truncates
 * it, a listing of the folders the globs can match (each glob's static prefix).
 */
async function resolveTargets(ctx: Context): Promise<FileTarget[]> {
  const { request } = ctx;
  const paths = new Set<string>();
  // Whether the named paths exist is checked on the snapshot.
  const named = () => {
    for (const path of namedPaths(request.files)) paths.add(path);
  };
  const globs = request.files.filter((s) => s.isGlob && !s.exclude);
  if (globs.length === 0) {
    named();
    return expandFileSpecs(request.files, [...paths]);
  }
  const bases = globs.map((s) => scan(s.pattern).base);
  const listed = await ctx.github.listPaths(request.repo, request.branch ?? 'HEAD', bases);
  for (const path of listed.paths) paths.add(path);
  if (!listed.complete) named();
  return expandFileSpecs(request.files, [...paths].sort());
}

/** Turns the files read into the engine's input; a path missing at the head is an error. */
function sourceFiles(
  targets: readonly FileTarget[],
  files: ReadonlyMap<string, { text: string } | undefined>,
  where: string,
  kinds?: BranchState['kinds'],
): SourceFile[] {
  return targets.map((t) => {
    const file = files.get(t.path);
    if (!file) {
      const other = kinds?.get(t.path);
      if (other)
        throw new FileSpecError(
          `files: '${t.path}' in ${where} ${describeKind(t.path, other.kind, other.target)}.`,
        );
      throw new FileSpecError(
        `files: '${t.path}' does not exist in ${where}. Check the path (it is relative to the repository root) and the branch.`,
      );
    }
    return { path: t.path, text: file.text };
  });
}

/**
 * Targets named as `file#key` whose literal path was also read (a file name that contains '#'):
 * keep the reading that exists.
 */
function existingTargets(
  targets: readonly FileTarget[],
  files: ReadonlyMap<string, { text: string } | undefined>,
  specs: readonly FileSpec[],
): FileTarget[] {
  if (!specs.some((s) => s.keyPath && !s.isGlob)) return [...targets];
  const present = [...files.entries()].filter(([, f]) => f).map(([p]) => p);
  return expandFileSpecs(specs, present);
}

function edit(ctx: Context, snapshot: Snapshot, targets: readonly FileTarget[]): BumpReport {
  const where = `${snapshot.nameWithOwner} at ${snapshot.base.name} (${snapshot.base.headOid.slice(0, 7)})`;
  const mine = existingTargets(targets, snapshot.base.files, ctx.request.files);
  return bumpFiles(
    sourceFiles(mine, snapshot.base.files, where, snapshot.base.kinds),
    mine,
    ctx.request.bumps,
    ctx.request.options,
  );
}

function changedFiles(report: BumpReport): Array<{ path: string; text: string }> {
  return report.files.filter((f) => f.changed).map((f) => ({ path: f.path, text: f.after }));
}

/** The start of a round: a new log phase and one read of the repository. */
async function readRound(
  ctx: Context,
  attempt: number,
  query: Omit<SnapshotQuery, 'repo' | 'branch'>,
): Promise<Snapshot> {
  readPhase(ctx.log, attempt);
  return ctx.github.snapshot({
    repo: ctx.request.repo,
    ...(ctx.request.branch !== undefined && { branch: ctx.request.branch }),
    ...query,
  });
}

/**
 * The retry loop's reports for one flow (retry.ts, retryRounds): a lost answer or a moved
 * branch, with the wait before the next round; `onLost` is told first of a lost answer.
 */
function retryPolicy(
  ctx: Context,
  branch: () => string,
  onLost: () => void = () => {},
): RetryPolicy {
  const lost = (error: StaleHeadError | UncertainWriteError, attempt: number, wait?: RetryWait) => {
    const next = wait ? ` ${waitWords(wait)}` : '';
    if (error instanceof UncertainWriteError) {
      onLost();
      ctx.log.warning(
        `The write's answer was lost (${error.message}); checking whether it landed${next}.`,
      );
    } else
      ctx.log.info(
        `${branch()} moved while this bump was being written (attempt ${attempt}); re-reading${next}.`,
      );
  };
  return {
    maxAttempts: ctx.request.maxAttempts,
    sleep: ctx.sleep,
    now: ctx.now,
    onRetry: lost,
    // The last round's failure is the run's error, with nothing logged as if a round followed.
    giveUp: (error, attempts) =>
      error instanceof UncertainWriteError
        ? lostAtTheEnd(ctx.request, branch(), attempts, error)
        : contention(ctx.request, branch(), attempts),
    onDefer: (deferred: RoundDeferred) => ctx.log.info(deferMessage(deferred, branch())),
  };
}

async function commitFlow(ctx: Context, targets: FileTarget[]): Promise<RemoteOutcome> {
  const { request } = ctx;
  const store = new GitHubBranch(ctx.github, {
    repo: request.repo,
    ...(request.branch !== undefined && { branch: request.branch }),
    commitApi: request.commitApi,
  });
  // Every read also asks the token's rate-limit count: the first one's is what a retry's is
  // compared with (retry.ts, `unexplained`).
  store.usage = true;
  const paths = readPaths(targets, request.files);
  const round: CommitRoundState = {};
  const policy = retryPolicy(
    ctx,
    () => store.branch,
    () => {
      round.uncertain = round.sent;
    },
  );
  return retryRounds(policy, (attempt, pacing) =>
    commitRound(ctx, store, targets, paths, attempt, round, pacing),
  );
}

/** Why a retry waits for a crowd of writers, and how long. */
function deferMessage(deferred: RoundDeferred, branch: string): string {
  const seen =
    deferred.crowd >= CROWD || deferred.others === undefined
      ? `${deferred.crowd} commits landed on ${branch} within the last minute`
      : `${deferred.others} requests made with this token since this run's first read were not commits that landed on ${branch} (${deferred.crowd} did, within the last minute)`;
  return `${seen}: many jobs are writing it at once. Waiting ${Math.round(deferred.waitMs / 1000)} s (until this run's refused write is a minute old, plus a random spread so that the jobs do not come back together) before reading again, so that together they stay within GitHub's limit on content-creating requests.`;
}

/** What the commit rounds share: the commit last sent, and the one whose answer was lost. */
interface CommitRoundState {
  sent?: LostWrite;
  uncertain?: LostWrite;
}

/** One round of the commit flow: read at the head, edit, one commit guarded by that head. */
async function commitRound(
  ctx: Context,
  store: GitHubBranch,
  targets: readonly FileTarget[],
  paths: readonly string[],
  attempt: number,
  round: CommitRoundState,
  pacing: Pacing,
): Promise<RemoteOutcome> {
  const { request, log } = ctx;
  readPhase(log, attempt);
  // After a lost answer the read also fetches the head's lineage, to recognise this run's commit;
  // a retry's read also fetches when the newest commits landed, to see a crowd of writers.
  store.lineage = round.uncertain !== undefined;
  store.landed = attempt > 1 ? CROWD : 0;
  const read = await store.read(paths);
  const snapshot = store.snapshot!;
  const report = edit(ctx, snapshot, targets);
  const base = store.branch;
  const outcome = { report, branch: base, base, attempts: attempt };
  if (!report.changed) {
    if (round.uncertain) return lostWriteOutcome(ctx, snapshot, round.uncertain, outcome);
    log.info(`Nothing to commit: ${nothingToDeployMessage(report, base)}.`);
    return { ...outcome, operation: noChangeOperation(report) };
  }
  if (request.dryRun) return { ...outcome, operation: 'none' };
  pacing.beforeWrite(snapshot.base.landed, snapshot.usage);
  log.phase?.(`Write: one commit on ${base}`);
  const message = commitMessage(request.commitMessage, report, request.bumps);
  round.sent = { ...message, parentOid: read.head };
  const commit = await store.write(read.head, changedFiles(report), message);
  log.info(`Committed ${commit.oid} on ${base} (attempt ${attempt}).`);
  return { ...outcome, operation: 'committed', commit };
}

/** A commit whose answer was lost: what was sent, to recognise it on the branch later. */
interface LostWrite {
  headline: string;
  body: string;
  parentOid: string;
}

/**
 * The re-read after a lost answer finds the change on the branch: it is reported as this run's
 * commit only when the head (or its parent) has this run's message and the parent it was sent
 * on; otherwise the change is there but not provably this run's, and commit-sha stays empty.
 */
function lostWriteOutcome(
  ctx: Context,
  snapshot: Snapshot,
  sent: LostWrite,
  outcome: Omit<RemoteOutcome, 'operation'>,
): RemoteOutcome {
  const base = snapshot.base.name;
  const mine = snapshot.base.lineage?.find(
    (c) =>
      c.parentOid === sent.parentOid &&
      c.headline === sent.headline &&
      c.body.trim() === sent.body.trim(),
  );
  if (mine) {
    ctx.log.info(`The earlier write reached GitHub: ${mine.oid} on ${base} is this run's commit.`);
    return {
      ...outcome,
      operation: 'committed',
      commit: { oid: mine.oid, url: commitUrl(snapshot, mine.oid) },
    };
  }
  ctx.log.warning(
    `The earlier write's answer was lost, and ${base} now holds the change, but its head ${snapshot.base.headOid.slice(0, 7)} is not this run's commit (another message or parent): another writer made the same change. Nothing was committed by this run, so commit-sha is empty.`,
  );
  return { ...outcome, operation: 'none' };
}

function commitUrl(snapshot: Snapshot, oid: string): string {
  return `${snapshot.url}/commit/${oid}`;
}

/** The last round's write lost its answer: whether it landed is not known. */
function lostAtTheEnd(
  request: RemoteRequest,
  branch: string,
  attempts: number,
  error: UncertainWriteError,
): GitHubError {
  return new GitHubError(
    `${request.repo.owner}/${request.repo.name}@${branch}: GitHub's answer to the write of attempt ${attempts}, the last max-attempts allows (now ${request.maxAttempts}), was lost (${error.message}), so whether it landed is not known; nothing was overwritten. Run again: a new run reads what landed.`,
  );
}

function contention(request: RemoteRequest, branch: string, attempts: number): ContentionError {
  return new ContentionError(
    `${request.repo.owner}/${request.repo.name}@${branch} was moved by other writers ${attempts} times in a row while this bump was being written; nothing was overwritten. Raise max-attempts (now ${request.maxAttempts}), or bump these images together with images: in one job.`,
  );
}

function checkMergeMethod(ctx: Context, snapshot: Snapshot): void {
  const { request } = ctx;
  if (request.merge === 'none') return;
  const allowed = snapshot.allows[request.mergeMethod];
  if (!allowed) {
    const others = (['squash', 'merge', 'rebase'] as const).filter((m) => snapshot.allows[m]);
    throw new GitHubError(
      `merge-method: '${request.mergeMethod}' is not allowed in ${snapshot.nameWithOwner}; use ${others.join(' or ') || 'a method the repository allows'}, or allow it in the repository settings.`,
    );
  }
}

async function pullFlow(ctx: Context, targets: FileTarget[]): Promise<RemoteOutcome> {
  const { request } = ctx;
  const paths = readPaths(targets, request.files);
  // One retry loop for every flow: a lost answer waits the least, a lost race in proportion to
  // its round. The crowd pacing is the commit flow's (one branch that every job writes).
  return retryRounds(
    retryPolicy(ctx, () => request.prBranch),
    (attempt) => pullRound(ctx, targets, paths, attempt),
  );
}

/** One round of the pull-request flow: read the base and the PR, then open, update or close. */
async function pullRound(
  ctx: Context,
  targets: FileTarget[],
  paths: readonly string[],
  attempt: number,
): Promise<RemoteOutcome> {
  const { request, log } = ctx;
  const snapshot = await readRound(ctx, attempt, {
    paths,
    ...pullReadQuery(request, request.dryRun),
  });
  const base = snapshot.base.name;
  if (base === request.prBranch) {
    throw new GitHubError(
      `pr-branch: '${request.prBranch}' is the target branch itself; give another pr-branch.`,
    );
  }
  const report = await editOrClose(ctx, snapshot, targets);
  const pull = snapshot.pull ?? null;
  const outcome = { report, branch: request.prBranch, base, attempts: attempt };
  if (!report.changed) {
    if (pull)
      return notRetried(`Closing pull request #${pull.number}`, () =>
        closeUnneededPull(ctx, snapshot, report, outcome),
      );
    log.info(`Nothing to deploy: ${nothingToDeployMessage(report, base)}; no pull request needed.`);
    return { ...outcome, branch: '', operation: noChangeOperation(report) };
  }
  // The PR must hold exactly the base plus this bump: each place is judged against the base.
  const drift = pull ? pullDrift(report, snapshot) : [];
  if (pull && drift.length === 0) {
    const info = { number: pull.number, url: pull.url };
    log.info(`Pull request #${pull.number} already holds this bump against ${base}.`);
    if (request.dryRun) return { ...outcome, operation: 'none', pull: info };
    log.phase?.(`Write: pull request #${pull.number}`);
    return keepPull(ctx, snapshot, pull, false, {
      ...heldBefore(ctx, pull, outcome),
      pull: info,
    });
  }
  if (request.dryRun)
    return {
      ...outcome,
      operation: 'none',
      ...(pull && { pull: { number: pull.number, url: pull.url } }),
    };
  checkMergeMethod(ctx, snapshot);
  return writePull(ctx, snapshot, report, drift, outcome);
}

/**
 * A close outside the guarded write: a new round after its lost answer would find the pull
 * request closed and could not tell that this run closed it, so the run fails and says so.
 */
async function notRetried<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!isRetryable(error)) throw error;
    throw new GitHubError(
      `${what}: GitHub's answer was lost (${error.message}), so whether it happened is not known. Run again: a new run reads what landed.`,
    );
  }
}

/** The edit against the base; a policy failure also closes the open PR that carries it. */
async function editOrClose(
  ctx: Context,
  snapshot: Snapshot,
  targets: FileTarget[],
): Promise<BumpReport> {
  try {
    return edit(ctx, snapshot, targets);
  } catch (error) {
    if (error instanceof PolicyViolationError)
      throw await notRetried('Closing the pull request that carries the refused change', () =>
        closeOnPolicyFailure(ctx, snapshot, error),
      );
    throw error;
  }
}

/**
 * The PR already holds the change: written by an earlier round of this run whose later answer
 * was lost (reported as that round's write), or before this run (`none`).
 */
function heldBefore(
  ctx: Context,
  pull: PullState,
  outcome: Omit<RemoteOutcome, 'operation'>,
): RemoteOutcome {
  const earlier = ctx.written;
  if (!earlier?.commit) return { ...outcome, operation: 'none' };
  const operation = pull.autoMergeEnabled ? 'auto-merge-enabled' : earlier.operation;
  return { ...outcome, operation, commit: earlier.commit };
}

/** Updates the open pull request with the files that drifted, or opens a new one. */
async function writePull(
  ctx: Context,
  snapshot: Snapshot,
  report: BumpReport,
  drift: FileWrite[],
  outcome: Omit<RemoteOutcome, 'operation'>,
): Promise<RemoteOutcome> {
  const { github, request, log } = ctx;
  const base = snapshot.base.name;
  const pull = snapshot.pull ?? null;
  log.phase?.(`Write: pull request from ${request.prBranch} into ${base}`);
  const message = commitMessage(request.commitMessage, report, request.bumps);
  const values = placeholderValues(report, request.bumps);
  const title = render(request.prTitle, values).split('\n')[0]!.trim() || message.headline;
  const body = `${request.prBody ? render(request.prBody, values) : defaultPullBody(report, request.runUrl)}\n${pullMarker(request.bumps)}\n`;
  const headline = message.headline;
  if (pull) {
    const commitInput = { headline, body: message.body, files: drift };
    const { commit } = await github.updatePull({
      repo: request.repo,
      pull,
      head: request.prBranch,
      expectedHeadOid: snapshot.head?.headOid ?? pull.headOid,
      commit: commitInput,
      title,
      body,
    });
    log.info(`Updated pull request #${pull.number} with ${commit.oid}.`);
    const info = { number: pull.number, url: pull.url };
    const updated = { ...pull, headOid: commit.oid };
    return keepPull(ctx, snapshot, updated, false, {
      ...outcome,
      commit,
      operation: 'pr-updated',
      pull: info,
    });
  }
  if (snapshot.head) {
    log.info(
      `The branch ${request.prBranch} exists without an open pull request (closed or merged before); it is reset to ${base}.`,
    );
  }
  const opened = await github.openPull({
    repo: request.repo,
    repositoryId: snapshot.repositoryId,
    base,
    baseOid: snapshot.base.headOid,
    head: request.prBranch,
    ...(snapshot.head && { staleHeadRefId: snapshot.head.refId }),
    commit: { headline, body: message.body, files: changedFiles(report) },
    title,
    body,
  });
  log.info(`Opened pull request #${opened.pull.number}: ${opened.pull.url}`);
  const info = { number: opened.pull.number, url: opened.pull.url };
  return keepPull(ctx, snapshot, opened.pull, true, {
    ...outcome,
    commit: opened.commit,
    operation: 'pr-created',
    pull: info,
  });
}

/**
 * After the PR holds the change: supersede older PRs for the same images, add labels and
 * reviewers, merge or enable auto-merge, and wait for the merge when asked.
 */
async function keepPull(
  ctx: Context,
  snapshot: Snapshot,
  pull: PullState,
  isNew: boolean,
  written: RemoteOutcome & { pull: { number: number; url: string } },
): Promise<RemoteOutcome> {
  if (written.commit) ctx.written = written;
  const superseded = await supersede(ctx, snapshot, written.pull, ctx.request.bumps);
  let outcome: RemoteOutcome = superseded.length > 0 ? { ...written, superseded } : written;
  let finished: Awaited<ReturnType<typeof finish>>;
  try {
    finished = await finish(ctx, snapshot, pull, isNew);
  } catch (error) {
    // A lost answer or a moved head: the round is read and tried again.
    if (isRetryable(error)) throw error;
    // The PR exists: say which, so that the outputs still name it.
    if (error instanceof WrittenError) throw error;
    throw new WrittenError(error instanceof Error ? error.message : String(error), outcome);
  }
  outcome = {
    ...outcome,
    ...(finished.commit && { commit: finished.commit }),
    operation: finished.operation ?? outcome.operation,
  };
  if (outcome.operation === 'pr-merged')
    return { ...outcome, merged: true, ...(finished.commit && { mergeCommit: finished.commit }) };
  const autoMerging = finished.operation === 'auto-merge-enabled' || pull.autoMergeEnabled;
  if (ctx.request.waitForMergeMs > 0 && autoMerging) {
    const mergeCommit = await waitForMerge(ctx, pull, outcome);
    return { ...outcome, merged: true, mergeCommit };
  }
  return { ...outcome, merged: false };
}

/** Labels and reviewers (new PRs), then auto-merge or merge. */
async function finish(
  ctx: Context,
  snapshot: Snapshot,
  pull: PullState,
  isNew: boolean,
): Promise<{ operation?: Operation; commit?: CommitRef }> {
  const { github, request, log } = ctx;
  const labels = isNew ? request.prLabels : [];
  const users = isNew ? reviewersFor(ctx, snapshot, pull) : [];
  let merge = request.merge;
  if (merge === 'auto' && pull.autoMergeEnabled) merge = 'none';
  if (merge === 'auto' && !snapshot.allows.autoMerge) {
    log.warning(
      `Auto-merge is not allowed in ${snapshot.nameWithOwner} (Settings → General → "Allow auto-merge"); merging the pull request now if GitHub allows it.`,
    );
    merge = 'now';
  }
  const common = {
    repo: request.repo,
    pullId: pull.id,
    pullNumber: pull.number,
    expectedHeadOid: pull.headOid,
    labelIds: labels.filter((l) => snapshot.labelIds.has(l)).map((l) => snapshot.labelIds.get(l)!),
    newLabels: labels.filter((l) => !snapshot.labelIds.has(l)),
    userIds: users.map((u) => snapshot.userIds.get(u)!),
    teams: isNew ? request.prReviewers.filter((r) => r.includes('/')) : [],
    method: request.mergeMethod,
  };
  let result: Awaited<ReturnType<GitHubPort['finishPull']>>;
  try {
    result = await github.finishPull({ ...common, merge });
  } catch (error) {
    if (merge !== 'now') throw error;
    return mergeLater(ctx, pull, error, request.merge === 'auto');
  }
  for (const problem of result.problems ?? []) log.warning(problem);
  if (result.kind === 'clean') {
    log.info(`GitHub says pull request #${pull.number} is already mergeable: merging it now.`);
    try {
      return { operation: 'pr-merged', commit: await mergeNow(ctx, pull) };
    } catch (error) {
      return mergeLater(ctx, pull, error, true);
    }
  }
  if (result.kind === 'merged') {
    log.info(`Merged pull request #${pull.number}: ${result.mergeCommit.oid}.`);
    return { operation: 'pr-merged', commit: result.mergeCommit };
  }
  if (result.kind === 'auto-merge-enabled') {
    log.info(`Auto-merge enabled on pull request #${pull.number} (${request.mergeMethod}).`);
    return { operation: 'auto-merge-enabled' };
  }
  return {};
}

/** The user reviewers to request: those that exist, and not the PR's author (GitHub refuses). */
function reviewersFor(ctx: Context, snapshot: Snapshot, pull: PullState): string[] {
  const users = ctx.request.prReviewers.filter((r) => !r.includes('/'));
  const missing = users.filter((u) => !snapshot.userIds.has(u));
  if (missing.length > 0)
    ctx.log.warning(
      `pr-reviewers: no GitHub user ${missing.map((u) => `'${u}'`).join(', ')}; not requested.`,
    );
  const author = pull.author?.replace(/\[bot\]$/, '').toLowerCase();
  return users.filter((u) => {
    if (!snapshot.userIds.has(u)) return false;
    if (author && u.replace(/\[bot\]$/, '').toLowerCase() === author) {
      ctx.log.warning(
        `pr-reviewers: '${u}' opened pull request #${pull.number}, and GitHub does not let an author review their own pull request; not requested.`,
      );
      return false;
    }
    return true;
  });
}

/** Merges the pull request at the head this run saw. */
function mergeNow(ctx: Context, pull: PullState): Promise<CommitRef> {
  return ctx.github.mergePull({
    repo: ctx.request.repo,
    pullNumber: pull.number,
    pullId: pull.id,
    expectedHeadOid: pull.headOid,
    method: ctx.request.mergeMethod,
  });
}

const TRANSIENT_MERGE = /Base branch was modified|mergeability|try the merge again/i;

/** A merge that GitHub refused: retried when GitHub is still computing, else explained. */
async function mergeLater(
  ctx: Context,
  pull: PullState,
  error: unknown,
  mayStayOpen: boolean,
): Promise<{ operation?: Operation; commit?: CommitRef }> {
  const { log } = ctx;
  let last = error;
  for (let retry = 1; retry <= 3 && TRANSIENT_MERGE.test(messageOf(last)); retry++) {
    await ctx.sleep(1000 * retry);
    try {
      return { operation: 'pr-merged', commit: await mergeNow(ctx, pull) };
    } catch (again) {
      last = again;
    }
  }
  const why = messageOf(last).split('\n').filter(Boolean).join(' ');
  if (mayStayOpen) {
    log.warning(
      `Pull request #${pull.number} is open but could not be merged yet: ${why}. It merges when it can only if auto-merge is allowed in the repository settings.`,
    );
    return {};
  }
  throw new GitHubError(
    `Pull request #${pull.number} (${pull.url}) was opened but could not be merged: ${why}. Use merge: auto to let GitHub merge it once the required checks pass.`,
  );
}

function messageOf(error: unknown): string {
  const issues = (error as { errors?: Array<{ message: string }> })?.errors;
  if (Array.isArray(issues)) return issues.map((i) => i.message).join('; ');
  return error instanceof Error ? error.message : String(error);
}
