// The pull request's life around the write: judging an open PR against what the base branch
// holds, closing one whose change is refused or already deployed, superseding this action's
// older PRs for the same images, and waiting for the merge. Speaks only GitHubPort.

import { type BumpReport, noChangeReason, refusedOccurrences } from '../engine/bump-files.js';
import type { Bump } from '../engine/types.js';
import { GitHubError } from '../stores/github/errors.js';
import type {
  CommitRef,
  FileWrite,
  GitHubPort,
  PullStatus,
  Snapshot,
} from '../stores/github/port.js';
import { markedImages } from './messages.js';
import type { FlowLog, RemoteOutcome, RemoteRequest, Sleep } from './remote.js';

/** What the lifecycle steps need from a run. */
export interface LifecycleContext {
  github: GitHubPort;
  request: RemoteRequest;
  log: FlowLog;
  sleep: Sleep;
  /** The time in ms; replaced in tests, with sleep, so that waiting costs no wall time. */
  now: () => number;
}

/** A failure after something was written: the outcome says what was, for outputs and summary. */
export class WrittenError extends GitHubError {
  constructor(
    message: string,
    readonly outcome: RemoteOutcome,
  ) {
    super(message);
  }
}

/**
 * The files an open pull request must change so that it holds exactly the base branch plus this
 * bump: each place is judged against the base (what is deployed), never against the PR's head.
 * Empty when the PR already holds that.
 */
export function pullDrift(report: BumpReport, snapshot: Snapshot): FileWrite[] {
  const head = snapshot.head;
  return report.files
    .filter((f) => head?.files.get(f.path)?.text !== f.after)
    .map((f) => ({ path: f.path, text: f.after }));
}

/** Says why nothing is deployed: refused by policy (with the reasons), or already there. */
export const nothingToDeployMessage = noChangeReason;

/**
 * Nothing to deploy against the base, yet a pull request of this image set is open: its change is
 * refused by the policy now, or the base already holds it. It is closed with a comment that says
 * why (and its branch deleted), so it is neither merged nor left to auto-merge.
 */
export async function closeUnneededPull(
  ctx: LifecycleContext,
  snapshot: Snapshot,
  report: BumpReport,
  outcome: Omit<RemoteOutcome, 'operation'>,
): Promise<RemoteOutcome> {
  const pull = snapshot.pull!;
  const base = snapshot.base.name;
  const why = nothingToDeployMessage(report, base);
  const info = { number: pull.number, url: pull.url };
  const refused = refusedOccurrences(report).length > 0;
  if (ctx.request.dryRun) {
    ctx.log.info(`Dry run: pull request #${pull.number} would be closed: ${why}.`);
    return { ...outcome, operation: refused ? 'refused' : 'none', pull: info };
  }
  ctx.log.phase?.(`Write: close pull request #${pull.number}`);
  const comment = refused
    ? `gitops-bump closed this pull request: its change is ${why}. Nothing was merged. To roll back on purpose, run again with allow-downgrade: true.`
    : `gitops-bump closed this pull request: ${why}, so it is no longer needed.`;
  const result = await ctx.github.closePulls({
    repo: ctx.request.repo,
    pulls: [
      {
        id: pull.id,
        number: pull.number,
        comment,
        ...(snapshot.head && { headRefId: snapshot.head.refId }),
      },
    ],
  });
  for (const problem of result.problems) ctx.log.warning(problem);
  if (!result.closed.includes(pull.number)) {
    throw new WrittenError(
      `Pull request #${pull.number} (${pull.url}) must not be merged (${why}), but closing it failed: ${result.problems.join('; ')}. Close it by hand.`,
      { ...outcome, operation: 'none', pull: info },
    );
  }
  ctx.log.info(`Closed pull request #${pull.number}: ${why}.`);
  return { ...outcome, operation: 'pr-closed', pull: info, merged: false };
}

/**
 * on-policy-violation: fail refused the change while a pull request for it is open: the step
 * fails as asked, and the pull request (which would roll the base back if merged, perhaps by
 * auto-merge) is closed with the policy's message. Returns the error to throw.
 */
export async function closeOnPolicyFailure(
  ctx: LifecycleContext,
  snapshot: Snapshot,
  error: Error,
): Promise<Error> {
  const pull = snapshot.pull;
  if (!pull || ctx.request.dryRun) return error;
  const result = await ctx.github.closePulls({
    repo: ctx.request.repo,
    pulls: [
      {
        id: pull.id,
        number: pull.number,
        comment: `gitops-bump closed this pull request: against ${snapshot.base.name} (what is deployed), ${error.message.replace(/^The version policy/, 'the version policy')} Nothing was merged.`,
        ...(snapshot.head && { headRefId: snapshot.head.refId }),
      },
    ],
  });
  for (const problem of result.problems) ctx.log.warning(problem);
  if (!result.closed.includes(pull.number))
    return new GitHubError(
      `${error.message}\nPull request #${pull.number} (${pull.url}) carries that change and could not be closed: close it by hand.`,
    );
  const report = { files: [], occurrences: [], skipped: [], missed: [], changed: false };
  return new WrittenError(
    `${error.message}\nPull request #${pull.number} (${pull.url}), which carried that change, was closed.`,
    {
      report,
      operation: 'pr-closed',
      branch: ctx.request.prBranch,
      base: snapshot.base.name,
      attempts: 1,
      pull: { number: pull.number, url: pull.url },
      merged: false,
    },
  );
}

/**
 * Closes this action's other open pull requests on the same base whose images are this run's
 * images or a subset of them: one request for all of them (none when there are none).
 */
export async function supersede(
  ctx: LifecycleContext,
  snapshot: Snapshot,
  current: { number: number; url: string },
  bumps: readonly Bump[],
): Promise<number[]> {
  if (!ctx.request.closeSuperseded || !snapshot.bumpPulls) return [];
  const mine = new Set(bumps.map((b) => b.image.name));
  const older = snapshot.bumpPulls.filter((p) => {
    if (p.number === current.number || p.baseRefName !== snapshot.base.name) return false;
    const images = markedImages(p.body);
    return images !== undefined && images.length > 0 && images.every((i) => mine.has(i));
  });
  if (older.length === 0) return [];
  const result = await ctx.github.closePulls({
    repo: ctx.request.repo,
    pulls: older.map((p) => ({
      id: p.id,
      number: p.number,
      comment: `Superseded by #${current.number} (${current.url}), which gitops-bump now keeps up to date for these images. Closed by gitops-bump.`,
      ...(p.headRefId && { headRefId: p.headRefId }),
    })),
  });
  for (const problem of result.problems) ctx.log.warning(`Superseding: ${problem}`);
  for (const n of result.closed) {
    const kept = result.branchesDeleted.includes(n) ? 'its branch deleted' : 'its branch kept';
    ctx.log.info(`Closed pull request #${n}, superseded by #${current.number} (${kept}).`);
  }
  return result.closed;
}

/** The first wait between polls, the longest, and how each wait grows. */
const FIRST_POLL_MS = 2000;
const MAX_POLL_MS = 30_000;

/**
 * Waits until GitHub merges the pull request (auto-merge is on), polling one small query with
 * backoff from 2 s to 30 s. Closed without a merge, or time up: a WrittenError that says which.
 */
export async function waitForMerge(
  ctx: LifecycleContext,
  pull: { id: string; number: number; url: string },
  outcome: RemoteOutcome,
): Promise<CommitRef> {
  const limit = ctx.request.waitForMergeMs;
  ctx.log.phase?.(`Wait for pull request #${pull.number} to merge (up to ${showMs(limit)})`);
  const deadline = ctx.now() + limit;
  let delay = FIRST_POLL_MS;
  for (let polls = 1; ; polls++) {
    let status: PullStatus;
    try {
      status = await ctx.github.pullStatus(ctx.request.repo, pull.id);
    } catch (error) {
      throw new WrittenError(
        `Waiting for pull request #${pull.number} (${pull.url}) to merge failed: ${error instanceof Error ? error.message : String(error)}`,
        { ...outcome, merged: false },
      );
    }
    if (status.state === 'MERGED' && status.mergeCommit) {
      ctx.log.info(
        `Pull request #${pull.number} was merged: ${status.mergeCommit.oid} (${polls} ${polls === 1 ? 'check' : 'checks'}).`,
      );
      return status.mergeCommit;
    }
    if (status.state === 'CLOSED') {
      throw new WrittenError(
        `Pull request #${pull.number} (${pull.url}) was closed without being merged while this step waited for it; nothing was deployed.`,
        { ...outcome, merged: false },
      );
    }
    const left = deadline - ctx.now();
    if (left <= 0) {
      throw new WrittenError(
        `Pull request #${pull.number} (${pull.url}) was not merged within wait-for-merge (${showMs(limit)}); it stays open with auto-merge enabled. Check its required checks, or raise wait-for-merge.`,
        { ...outcome, merged: false },
      );
    }
    await ctx.sleep(Math.min(delay, left));
    delay = Math.min(MAX_POLL_MS, delay * 2);
  }
}

function showMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
