// The one retry loop of the run, and its one backoff: a round reads a store at its head, edits,
// and writes guarded by that head; when another writer moved the head first (StaleHeadError),
// or the write's answer was lost (UncertainWriteError), the loop waits and runs the round again,
// up to max-attempts. The GitHub commit path and the git push path both go through it. A store
// that can show when its recent commits landed (GitHub) also lets a retry wait for a crowd of
// writers to thin out before it writes again (`crowdWaitMs`), so that a burst of jobs stays
// within GitHub's limit on content-creating requests; so does the token's request count, where
// the store reads it (GitHub's GraphQL rateLimit.used: every request of every job with the token).
// That count also places the first retries of a burst apart (`ticketOf`).

import { StaleHeadError, type TokenUsage, UncertainWriteError } from '../stores/store.js';

/** Waits; replaced in tests. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many rounds of one writer's own duration the first wait spreads over. */
const SPREAD = 48;
/** The first window is at least this (a round of a fast server is mostly noise). */
const MIN_FIRST_MS = 1000;
/** No backoff window is longer than this. */
const MAX_WINDOW_MS = 60_000;

/**
 * Full-jitter exponential backoff scaled by how long one read-and-write round took (`roundMs`):
 * the wait is uniform in [0, window); the first window is 48 rounds (at least 1 s) and it
 * doubles at each retry after, up to a minute. A first retry with a `ticket` (see ticketOf)
 * waits the ticket's spot of the minute instead.
 *
 * Why: a retry loses only to another writer whose write lands inside its own round (from its
 * read being answered to its write being answered), so with k writers retrying over a window of
 * W rounds about 2k/W of the retries collide. A GitHub write cannot be retried without a fresh
 * read (GitHub's STALE_DATA answer does not carry the new head, and the new head's files are
 * needed to re-apply the bump), so a collision costs two requests; waiting costs none. 48 rounds
 * lets a burst of 16-32 writers land mostly on their second try (about 2 requests a job more
 * than the 2 of an uncontended run, the least any scheme without coordination between jobs can
 * do, since all but one job of a synchronized burst lose the first round), the doubling finds the
 * width for a larger burst in one or two more, and scaling by the measured round keeps the
 * window right on a slow server or a busy runner, where each round is longer. In
 * bench/contention-model.mjs (16 jobs: requests a job, last landing): 32 rounds 3.87, 28 s; 48
 * rounds 3.80, 38 s; 64 rounds 3.75, 47 s; the floor of a synchronised burst is 3.875 less the
 * few that land first, and each second loss among 16 jobs adds 0.125, so 48 keeps a margin under
 * 4 at a small cost in time. A two-minute cap and a rule of two writes a minute per run save a
 * 64-job burst a few writes, but its 16-job burst's last job then lands after about 73 s: left
 * out; the crowd rule below alone keeps 64 jobs within GitHub's minute limit.
 */
export function backoffMs(
  attempt: number,
  roundMs: number,
  random: () => number = Math.random,
  ticket?: number,
): number {
  // A ticket's place is in the one window every ticketed job of the burst uses (see ticketOf).
  if (attempt === 1 && ticket !== undefined) return Math.round(ticketSpot(ticket) * MAX_WINDOW_MS);
  const first = Math.max(MIN_FIRST_MS, SPREAD * roundMs);
  const window = Math.min(MAX_WINDOW_MS, first * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * window);
}

/** The golden ratio's fractional part. */
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Where a ticket puts its wait in the window, as a fraction of it: the fractional part of
 * ticket × golden ratio. Two tickets d apart land the distance from d × golden ratio to the
 * nearest whole number apart, at least 1 / (2.24 d) (Hurwitz): 0.38 of the window for d = 1,
 * over 0.05 for any d up to 8, over 0.013 up to 40 (the closest: d = 34, a Fibonacci number).
 */
export function ticketSpot(ticket: number): number {
  const x = ticket * GOLDEN;
  return x - Math.floor(x);
}

/** Others' requests within a run's first round from which its first retry takes a ticket. */
const TICKET_CROWD = 5;

/**
 * A run's ticket for its first retry: the token's count at its refused first write, when that
 * count shows a crowd on the same token: it grew since the run's first read by at least 5 more
 * than the run's own requests (reads and writes of at least 3 other jobs; on the bench the 15
 * losers of a 16-job burst saw 3 to 15 each, most 5 or more); undefined otherwise. A ticketed retry waits its ticket's spot of a one-minute window.
 *
 * Why: two retries collide when one lands within the other's round (from its read to its write
 * landing, about 230 ms on the bench), and independent uniform waits do so by chance: the 15
 * losers of a 16-job burst, over windows of a minute, make 105 pairs each about 2 × 0.23 / 60
 * likely to collide, about 0.8 collisions a burst and 2 or more in 1 burst of 5 (the target of 4
 * requests a job allows one: bench/README.md). GitHub counts every request of every job that
 * uses the token, one after another, so the refused writes of a burst got distinct counts a few
 * apart, and `ticketSpot` puts such numbers far apart, provided they share a window: the
 * random windows are 48 of each job's own rounds, which differ within a burst (a job that read
 * early waited longer for its write), so a ticket uses the minute that caps them, which the
 * rounds of a burst of that size reach anyway (48 rounds of 1.25 s; GitHub's own write takes
 * most of a second). Smaller crowds keep the random window, which is short for them. The check
 * keeps random waits where the count says nothing about the others: no count (GitHub
 * Enterprise Server with rate limits off), another hour's count, or a count no one else moved
 * (a token of its own for each job, whose counts may all be equal). Two jobs that did get the
 * same count collide once and then wait at random (only the first retry takes a ticket).
 * In the virtual-time burst of __tests__/run/retry.test.ts (100 seeds each), 16 jobs whose first
 * writes come at once cost more than 4 requests a job in 3 bursts of 100 (22 with random
 * waits), 16 jobs that start over 1.2 s in none (6); bursts of 3 to 8 jobs cost the same and
 * land as soon (8 jobs: 32 s against 29), 32 and 64 jobs are unchanged.
 */
export function ticketOf(
  first: TokenUsage | undefined,
  refused: TokenUsage | undefined,
  own: number,
): number | undefined {
  if (!first || !refused || refused.resetAt !== first.resetAt) return undefined;
  return refused.used - first.used - own >= TICKET_CROWD ? refused.used : undefined;
}

/** GitHub's secondary limit counts content-creating requests over a minute. */
export const MINUTE_MS = 60_000;
/** Commits landed on the branch within a minute that mark a crowd of writers (see crowdWaitMs). */
export const CROWD = 17;
/** Retries that wait out the minute are spread over this much after it (at least). */
const MINUTE_SPREAD_MS = 20_000;
/** ... and over this much a request the crowd made that no landing explains, up to 2 minutes. */
const SPREAD_PER_OTHER_MS = 1000;
const MAX_SPREAD_MS = 120_000;

/**
 * Before a retry writes: how long to wait (and then read again) instead of writing now; 0 to
 * write now. `landed`: when the branch's newest commits landed (ms, newest first, from the
 * round's read: at least the CROWD newest); `firstLossAt`: when this run's first write was
 * refused.
 *
 * Why: GitHub allows one token about 80 content-creating requests a minute, and a refused
 * write counts too. The first write of every job of a burst is sent at once (a run alone must
 * not wait), so a burst of N jobs makes N writes within its start-up spread, all but a few
 * refused, and leaves 80 - N for the rest of that minute: with N = 64, 16. A refused write is
 * invisible to the others, but a landed commit is not. So a retry goes ahead (after the backoff)
 * while fewer than CROWD (17) commits landed within the minute (a burst of 16 jobs shows each at
 * most the other 15, and 16 with a commit made just before it); once CROWD did, the retry
 * waits until its own refused first write is a minute old, plus 0-20 s, and then reads again and
 * writes: each such retry takes the place its own first write leaves in the minute, and the
 * jitter spreads them. A run waits so once (it is not an attempt: max-attempts counts writes
 * that lost).
 * The landings show a burst only after 16 retries landed; when its first writes all came within
 * a second, that is 64 + 16 writes and the collisions among them in one minute. `others` (see
 * `unexplained`, from the token's request count) shows it at the first retry: from UNEXPLAINED
 * (56) on, the retry waits the same way, spread over a second per such request (20 s to 2 min),
 * so that the 60-odd retries that come back after the minute do not make a burst of their own.
 */
export function crowdWaitMs(
  landed: readonly number[],
  now: number,
  firstLossAt: number,
  random: () => number = Math.random,
  others?: number,
): number {
  const many = others !== undefined && others >= UNEXPLAINED;
  if (crowdOf(landed, now) < CROWD && !many) return 0;
  const left = firstLossAt + MINUTE_MS - now;
  const spread = many
    ? Math.min(MAX_SPREAD_MS, Math.max(MINUTE_SPREAD_MS, others * SPREAD_PER_OTHER_MS))
    : MINUTE_SPREAD_MS;
  return left > 0 ? Math.round(left + random() * spread) : 0;
}

/** How many of `landed` are within the minute before `now`. */
function crowdOf(landed: readonly number[], now: number): number {
  return landedSince(landed, Number.NEGATIVE_INFINITY, now);
}

/**
 * How many of `landed` came at or after `from` (the run's first read) and within the minute
 * before `now`. Landing times are GitHub's commit dates (whole seconds, GitHub's clock): one
 * that came just after the first read may show as before it, and is then not subtracted from
 * the count, which can only make a retry wait, never write more.
 */
function landedSince(landed: readonly number[], from: number, now: number): number {
  return landed.filter((at) => at >= from && now - at < MINUTE_MS).length;
}

/**
 * Others' requests no landing explains at which a retry waits for the crowd (see `unexplained`):
 * a burst of N jobs shows each of its retries about N-3 to 2N-4 of them, so bursts of up to 16
 * jobs stay under 30 and of 32 under 61, and every retry of a 64-job burst is at 61 or more.
 */
export const UNEXPLAINED = 56;

/**
 * Requests made with the run's token since its first read that no commit landed since then
 * accounts for: the token's count now, less its count at the first read, less this run's own
 * requests since, less two (a read and a write) for each commit that landed since the first read
 * (within the minute). Undefined when it cannot be told: no count, the count's hour started
 * again, or the first read is more than a minute old (the count would then span more than
 * GitHub's minute).
 *
 * Why: a refused write is invisible on the branch, but it is counted against the token like
 * every request. In a synchronised burst of N jobs whose first reads all come before its first
 * writes, a retry sees the N-1 others' refused first writes and the reads that came after its
 * own, beside the read-and-write rounds of the commits that landed: about N-3 to 2N-4
 * unexplained requests. That tells a 64-job burst (61 or more) from one of 32 (at most about 60)
 * at its first retry, before its retries have spent the minute's writes; the landings rule alone
 * sees it only after 17 commits landed, 16 retry writes later. A job whose first read follows
 * others' first writes does not see those: when a burst's reads and writes interleave, its last
 * jobs see fewer and may retry within the minute (bench/README.md, stop 12: 76-79 writes in the
 * busiest minute of 64 jobs, against 64-66 when the first writes came after the reads).
 */
export function unexplained(
  first: { at: number } & TokenUsage,
  now: TokenUsage,
  at: number,
  own: number,
  landedSinceFirst: number,
): number | undefined {
  if (now.resetAt !== first.resetAt || now.used < first.used || at - first.at > MINUTE_MS)
    return undefined;
  return now.used - first.used - own - 2 * landedSinceFirst;
}

/** Thrown by `Pacing.beforeWrite` when the round should wait and read again instead of writing. */
export class RoundDeferred extends Error {
  constructor(
    readonly waitMs: number,
    /** Commits that landed within the minute. */
    readonly crowd: number,
    /** Others' requests since this run's first read that no landing explains, when known. */
    readonly others?: number,
  ) {
    super(`waiting ${waitMs} ms for a crowd of writers to thin out`);
    this.name = 'RoundDeferred';
  }
}

/** What a round may ask the loop between its read and its write. */
export interface Pacing {
  /**
   * Called after the read, before the write, with when the branch's newest commits landed (ms,
   * newest first) and the token's rate-limit use at that read: throws RoundDeferred when the
   * write should wait. Not called: no pacing.
   */
  beforeWrite(landed: readonly number[] | undefined, use?: TokenUsage): void;
}

/** How long a retry waits before its next round, and the ticket that placed the wait, if any. */
export interface RetryWait {
  waitMs: number;
  ticket?: number;
}

/** The wait in words, for a retry's log line: "in 23.4 s (…)". */
export function waitWords(wait: RetryWait): string {
  const s = `${(wait.waitMs / 1000).toFixed(1)} s`;
  return wait.ticket === undefined
    ? `in ${s} (a random wait)`
    : `in ${s} (this job's place among a burst's retries, from the token's request count ${wait.ticket})`;
}

/** How the loop reports and gives up; the messages belong to each caller. */
export interface RetryPolicy {
  maxAttempts: number;
  sleep: Sleep;
  /** Called after a round lost a race (or lost its answer), before the wait for the next. */
  onRetry(error: StaleHeadError | UncertainWriteError, attempt: number, wait: RetryWait): void;
  /** The error thrown when the last allowed round lost too (onRetry is not called then). */
  giveUp(error: StaleHeadError | UncertainWriteError, attempts: number): Error;
  /** Called when a round waits for a crowd instead of writing (see crowdWaitMs). */
  onDefer?(deferred: RoundDeferred, attempt: number): void;
  /** The clock (ms) and the random source; replaced in tests. */
  now?: () => number;
  random?: () => number;
}

/** True for the failures a new round answers: a moved head, a lost answer. */
export function isRetryable(error: unknown): error is StaleHeadError | UncertainWriteError {
  return error instanceof StaleHeadError || error instanceof UncertainWriteError;
}

/**
 * Runs `round(attempt, pacing)` until it returns; a retryable failure waits the backoff (scaled
 * by that round's duration) and runs it again, up to `maxAttempts` rounds. A round that defers
 * its write (RoundDeferred, from `pacing.beforeWrite`) waits and runs again as the same attempt.
 * Anything else is rethrown.
 */
export async function retryRounds<T>(
  policy: RetryPolicy,
  round: (attempt: number, pacing: Pacing) => Promise<T>,
): Promise<T> {
  const now = policy.now ?? Date.now;
  const random = policy.random ?? Math.random;
  /** When this run's first write lost a race, and whether it waited for a crowd. */
  let firstLossAt: number | undefined;
  let deferred = false;
  /** The token's use at this run's first read, and this run's own requests since. */
  let firstUse: ({ at: number } & TokenUsage) | undefined;
  let own = 0;
  const pacing: Pacing = {
    beforeWrite(landed, use) {
      const at = now();
      if (firstUse !== undefined) own++;
      else if (use) {
        // The first count this run sees; its own requests are counted from here.
        firstUse = { at, ...use };
        own = 0;
      }
      if (firstLossAt === undefined || !landed || deferred) return;
      const crowd = crowdOf(landed, at);
      // Only the commits that landed since the first read are in the count's growth since then.
      const others =
        firstUse &&
        use &&
        unexplained(firstUse, use, at, own, landedSince(landed, firstUse.at, at));
      const wait = crowdWaitMs(landed, at, firstLossAt, random, others);
      if (wait === 0) return;
      deferred = true;
      throw new RoundDeferred(wait, crowd, others);
    },
  };
  for (let attempt = 1; ; ) {
    const started = now();
    try {
      return await round(attempt, pacing);
    } catch (error) {
      if (error instanceof RoundDeferred) {
        policy.onDefer?.(error, attempt);
        await policy.sleep(error.waitMs);
        continue;
      }
      if (!isRetryable(error)) throw error;
      own++; // the write that lost
      if (attempt >= policy.maxAttempts) throw policy.giveUp(error, attempt);
      // A lost race waits in proportion to the round it lost; a lost answer (a timeout, a 5xx)
      // says nothing about other writers, and its round is mostly the timeout: the least wait.
      const stale = error instanceof StaleHeadError;
      if (stale) firstLossAt ??= now();
      const ticket = stale && attempt === 1 ? ticketOf(firstUse, error.usage, own) : undefined;
      const waitMs = backoffMs(attempt, stale ? now() - started : 0, random, ticket);
      policy.onRetry(error, attempt, { waitMs, ...(ticket !== undefined && { ticket }) });
      await policy.sleep(waitMs);
      attempt++;
    }
  }
}
