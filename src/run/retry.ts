// The one retry loop of the run, and its one backoff: a round reads a store at its head, edits,
// and writes guarded by that head; when another writer moved the head first (StaleHeadError),
// or the write's answer was lost (UncertainWriteError), the loop waits and runs the round again,
// up to max-attempts. The GitHub commit path and the git push path both go through it.

import { StaleHeadError, UncertainWriteError } from '../stores/store.js';

/** Waits; replaced in tests. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many rounds of one writer's own duration the first wait spreads over. */
const SPREAD = 32;
/** The first window is at least this (a round of a fast server is mostly noise). */
const MIN_FIRST_MS = 1000;
/** No single wait is longer than this. */
const MAX_WINDOW_MS = 60_000;

/**
 * Full-jitter exponential backoff scaled by how long one read-and-write round took (`roundMs`):
 * the wait is uniform in [0, window); the first window is 32 rounds (at least 1 s) and it
 * doubles at each retry after, up to a minute.
 *
 * Why: a retry loses only to another writer whose write lands inside its own round (from its
 * read being answered to its write being answered), so with k writers retrying over a window of
 * W rounds about 2k/W of the retries collide. A GitHub write cannot be retried without a fresh
 * read (GitHub's STALE_DATA answer does not carry the new head, and the new head's files are
 * needed to re-apply the bump), so a collision costs two requests; waiting costs none. 32 rounds
 * lets a burst of 16-32 writers land mostly on their second try (about 2 requests a job more
 * than the 2 of an uncontended run, the least any scheme without coordination between jobs can
 * do, since all but one job of a synchronized burst lose the first round), the doubling finds the
 * width for a larger burst in one or two more, and scaling by the measured round keeps the
 * window right on a slow server or a busy runner, where each round is longer.
 */
export function backoffMs(
  attempt: number,
  roundMs: number,
  random: () => number = Math.random,
): number {
  const first = Math.max(MIN_FIRST_MS, SPREAD * roundMs);
  const window = Math.min(MAX_WINDOW_MS, first * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * window);
}

/** How the loop reports and gives up; the messages belong to each caller. */
export interface RetryPolicy {
  maxAttempts: number;
  sleep: Sleep;
  /** Called after a round lost a race (or lost its answer), before the wait for the next. */
  onRetry(error: StaleHeadError | UncertainWriteError, attempt: number): void;
  /** The error thrown when the last allowed round lost too (onRetry is not called then). */
  giveUp(error: StaleHeadError | UncertainWriteError, attempts: number): Error;
}

/** True for the failures a new round answers: a moved head, a lost answer. */
export function isRetryable(error: unknown): error is StaleHeadError | UncertainWriteError {
  return error instanceof StaleHeadError || error instanceof UncertainWriteError;
}

/**
 * Runs `round(attempt)` until it returns; a retryable failure waits the backoff (scaled by that
 * round's duration) and runs it again, up to `maxAttempts` rounds. Anything else is rethrown.
 */
export async function retryRounds<T>(
  policy: RetryPolicy,
  round: (attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    try {
      return await round(attempt);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= policy.maxAttempts) throw policy.giveUp(error, attempt);
      policy.onRetry(error, attempt);
      // A lost race waits in proportion to the round it lost; a lost answer (a timeout, a 5xx)
      // says nothing about other writers, and its round is mostly the timeout: the least wait.
      const roundMs = error instanceof StaleHeadError ? Date.now() - started : 0;
      await policy.sleep(backoffMs(attempt, roundMs));
    }
  }
}
