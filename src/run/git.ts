// The write-back flow for GitOps repositories on any git host: clone the remote as a Store
// (src/stores/git), bump the files of its work tree with the engine, and write one commit with a
// push that is never forced, through the run's one retry loop (./retry.ts): a push that lost a
// race re-reads the fetched branch, re-applies the bump and pushes again.

import { type BumpOptions, type BumpReport, noChangeReason } from '../engine/bump-files.js';
import type { FileSpec } from '../engine/file-specs.js';
import type { Bump } from '../engine/types.js';
import { GitError, type GitRemote, openGitRemote } from '../stores/git/repository.js';
import type { WriteMessage } from '../stores/store.js';
import { realSleep, retryRounds, type Sleep, waitWords } from './retry.js';
import { changes, noChangeOperation, readAndBump } from './store-bump.js';

/** Everything a bump in a git repository needs. */
export interface GitRequest {
  /** https://…, http://…, ssh://…, git@host:path, file:///…, or a local path. */
  url: string;
  /** The branch to write; the remote's default branch (its HEAD) when absent. */
  branch?: string;
  files: readonly FileSpec[];
  bumps: readonly Bump[];
  options: BumpOptions;
  commitMessage: WriteMessage | ((report: BumpReport) => WriteMessage);
  /** Author and committer of the commit, e.g. gitops-bump[bot]. */
  author: { name: string; email: string };
  /** How many times the bump is applied and pushed before giving up on a moving branch. */
  maxAttempts: number;
  /** Clone, edit and report; commit and push nothing. */
  dryRun: boolean;
  /** A token for http(s) remotes (see GitRemoteOptions.token: it never reaches a log). */
  token?: string;
  /** The user name sent with the token: `x-access-token` (default), `oauth2`, `x-token-auth`. */
  tokenUser?: string;
  /** Where to clone: a fresh, empty (or not yet existing) directory that the caller removes. */
  workDir: string;
  log: { info(m: string): void; warning(m: string): void };
  /** For tests: replace the wait between attempts. */
  sleep?: Sleep;
}

/** What a bump in a git repository did. */
export interface GitOutcome {
  /** The edit as last applied (against the branch head the commit was built on). */
  report: BumpReport;
  operation: 'committed' | 'refused' | 'none';
  /** The branch written (resolved when the request named none). */
  branch: string;
  /** The pushed commit; `url` is '' unless the host is github.com, gitlab.com or bitbucket.org. */
  commit?: { oid: string; url: string };
  /** How many edit-commit-push rounds it took. */
  attempts: number;
}

/**
 * Clones the repository, bumps the files, commits and pushes; retries a push that lost a race by
 * fetching, re-applying and pushing again, never forcing.
 */
export async function bumpGitRepository(request: GitRequest): Promise<GitOutcome> {
  if (!Number.isInteger(request.maxAttempts) || request.maxAttempts < 1)
    throw new GitError(
      `max-attempts must be a whole number of at least 1 (got ${request.maxAttempts}).`,
    );
  const remote = await openGitRemote(request);
  const { branch } = remote;
  const log = {
    info: (m: string) => request.log.info(remote.redact(m)),
    warning: (m: string) => request.log.warning(remote.redact(m)),
  };
  try {
    return await retryRounds(
      {
        maxAttempts: request.maxAttempts,
        sleep: request.sleep ?? realSleep,
        onRetry: (error, attempt, wait) =>
          log.info(
            `${branch} moved while this bump was being pushed (attempt ${attempt}: ${error.message}); fetching it and applying the bump again ${waitWords(wait)}.`,
          ),
        giveUp: (error, attempts) =>
          new GitError(
            `The push to ${remote.shown} (branch ${branch}) was rejected ${attempts} ${attempts === 1 ? 'time' : 'times'}: other writers moved the branch first each time (${error.message}); nothing was overwritten. Raise max-attempts (now ${request.maxAttempts}), or bump these images together in one job.`,
          ),
      },
      (attempt) => pushRound(request, remote, log, attempt),
    );
  } catch (error) {
    if (error instanceof Error) error.message = remote.redact(error.message);
    throw error;
  }
}

/** One round: list and read the work tree, bump, and commit and push what changed. */
async function pushRound(
  request: GitRequest,
  remote: GitRemote,
  log: GitRequest['log'],
  attempt: number,
): Promise<GitOutcome> {
  const { branch } = remote;
  const { read, report } = await readAndBump(remote, request.files, request.bumps, request.options);
  const outcome = { report, branch, attempts: attempt };
  if (!report.changed) {
    log.info(`Nothing to commit: ${noChangeReason(report, branch)}.`);
    return { ...outcome, operation: noChangeOperation(report) };
  }
  const changed = report.files.filter((f) => f.changed);
  if (request.dryRun) {
    log.info(
      `Dry run: would commit ${changed.map((f) => f.path).join(', ')} on ${branch} of ${remote.shown}.`,
    );
    return { ...outcome, operation: 'none' };
  }
  const message =
    typeof request.commitMessage === 'function'
      ? request.commitMessage(report)
      : request.commitMessage;
  const commit = await remote.write(read.head, changes(report), message);
  log.info(`Pushed ${commit.oid} to ${branch} of ${remote.shown} (attempt ${attempt}).`);
  return { ...outcome, operation: 'committed', commit };
}
