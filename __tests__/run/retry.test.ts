// The retry loop's policy (src/run/retry.ts): the crowd rule on its own, the loop's bookkeeping
// (a wait for a crowd is not an attempt, happens once, never before a run's first write), and the
// policy as a whole: jobs of a burst run the real retryRounds in virtual time against a branch
// that refuses a write whose head moved, with the start spread and round times measured by the
// contention bench on this machine (bench/contention-model.mjs): 64 jobs keep every write
// request (landed or refused) within GitHub's 80 a minute, 16 jobs cost at most 4 requests each.
import {
  backoffMs,
  CROWD,
  crowdWaitMs,
  MINUTE_MS,
  type RetryPolicy,
  retryRounds,
  ticketOf,
  ticketSpot,
  UNEXPLAINED,
  unexplained,
} from '../../src/run/retry.js';
import { StaleHeadError } from '../../src/stores/store.js';

/** A seeded generator (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('crowdWaitMs', () => {
  const now = 100_000;
  const landedAgo = (...ago: number[]) => ago.map((a) => now - a);
  const recent = (count: number) => landedAgo(...Array.from({ length: count }, (_, i) => i * 1000));

  it('lets a retry write while fewer than 17 commits landed within the minute', () => {
    expect(CROWD).toBe(17);
    // A burst of 16 jobs: the other 15, and one more commit made just before it.
    expect(crowdWaitMs(recent(16), now, now - 5000, () => 0.5)).toBe(0);
    // 17 landed, but one of them more than a minute ago.
    expect(crowdWaitMs([...recent(16), now - MINUTE_MS], now, now - 5000, () => 0.5)).toBe(0);
  });

  it('with 17 in the minute, waits until the first refused write is a minute old, plus 0-20 s', () => {
    expect(crowdWaitMs(recent(17), now, now - 5000, () => 0)).toBe(55_000);
    expect(crowdWaitMs(recent(17), now, now - 5000, () => 0.5)).toBe(65_000);
    expect(crowdWaitMs(recent(40), now, now - 5000, () => 0.999)).toBe(74_980);
  });

  it('does not wait when its first refused write is already a minute old', () => {
    expect(crowdWaitMs(recent(30), now, now - MINUTE_MS, () => 0.5)).toBe(0);
  });
});

describe("the token's count: others' requests no landing explains", () => {
  const first = { at: 10_000, used: 100, resetAt: 3_600_000 };

  it("is the count since the first read, less this run's own requests and two per landing", () => {
    // 64 jobs: 63 others' first writes and 40 reads after this one's; this run wrote once and
    // read again (2); 1 commit landed (its read and write).
    expect(unexplained(first, { used: 100 + 63 + 40 + 2, resetAt: 3_600_000 }, 20_000, 2, 1)).toBe(
      101,
    );
    // 16 jobs: 15 first writes and 5 reads after it, 4 landed retries (8 requests) before this.
    expect(unexplained(first, { used: 100 + 20 + 8 + 2, resetAt: 3_600_000 }, 20_000, 2, 5)).toBe(
      18,
    );
  });

  it('cannot be told when the hour started again, or the first read is over a minute old', () => {
    expect(unexplained(first, { used: 500, resetAt: 7_200_000 }, 20_000, 2, 0)).toBeUndefined();
    expect(unexplained(first, { used: 50, resetAt: 3_600_000 }, 20_000, 2, 0)).toBeUndefined();
    expect(
      unexplained(first, { used: 500, resetAt: 3_600_000 }, 10_000 + MINUTE_MS + 1, 2, 0),
    ).toBeUndefined();
  });

  it('from 56, a retry waits as for 17 landings, spread over a second per request (20 s-2 min)', () => {
    const now = 100_000;
    const lostAt = now - 5000;
    expect(UNEXPLAINED).toBe(56);
    expect(crowdWaitMs([now - 1000], now, lostAt, () => 0.5, 55)).toBe(0);
    // Until the refused write is a minute old (55 s), then half of a 90 s spread.
    expect(crowdWaitMs([now - 1000], now, lostAt, () => 0.5, 90)).toBe(55_000 + 45_000);
    expect(crowdWaitMs([now - 1000], now, lostAt, () => 1, 56)).toBe(55_000 + 56_000);
    expect(crowdWaitMs([now - 1000], now, lostAt, () => 1, 500)).toBe(55_000 + 120_000);
  });
});

describe("the first retry's ticket", () => {
  const first = { used: 100, resetAt: 3_600_000 };

  it('is the count at the refused write when others made 5 requests or more since the first read', () => {
    // Two requests of its own since the first read (a read and the write); others made 5.
    expect(ticketOf(first, { used: 107, resetAt: 3_600_000 }, 2)).toBe(107);
    // Others made 4: a crowd too small for a minute's window.
    expect(ticketOf(first, { used: 106, resetAt: 3_600_000 }, 2)).toBeUndefined();
    // Only its own requests: nobody else counted on this token.
    expect(ticketOf(first, { used: 101, resetAt: 3_600_000 }, 1)).toBeUndefined();
  });

  it('cannot be told without both counts, or across a reset of the count', () => {
    expect(ticketOf(undefined, { used: 120, resetAt: 3_600_000 }, 1)).toBeUndefined();
    expect(ticketOf(first, undefined, 1)).toBeUndefined();
    expect(ticketOf(first, { used: 120, resetAt: 7_200_000 }, 1)).toBeUndefined();
    expect(ticketOf(first, { used: 3, resetAt: 3_600_000 }, 1)).toBeUndefined();
  });

  it('puts tickets a few apart far apart in the window, where random draws collide', () => {
    // 15 tickets among 40 counts in a row (a burst's refused writes, with others' requests between):
    // every pair is at least 0.013 of the window apart (780 ms of a minute).
    for (let start = 1; start < 200; start += 7) {
      const tickets = Array.from({ length: 15 }, (_, i) => start + Math.floor((i * 40) / 15));
      const spots = tickets.map(ticketSpot).sort((a, b) => a - b);
      const gaps = spots.slice(1).map((s, i) => s - spots[i]!);
      expect(Math.min(...gaps)).toBeGreaterThan(0.013);
    }
    expect(ticketSpot(0)).toBe(0);
    expect(ticketSpot(1)).toBeCloseTo(0.618, 3);
  });

  it("places the first retry in a minute's window; later ones and runs without one draw", () => {
    expect(backoffMs(1, 1000, () => 0.5, 1)).toBe(Math.round(ticketSpot(1) * 60_000));
    expect(backoffMs(1, 200, () => 0.5, 1)).toBe(Math.round(ticketSpot(1) * 60_000));
    // Without: 48 rounds of 1 s, a 48 s window, doubled after (up to the minute).
    expect(backoffMs(1, 1000, () => 0.5)).toBe(24_000);
    expect(backoffMs(2, 1000, () => 0.5, 1)).toBe(30_000);
  });
});

describe('retryRounds', () => {
  /** A policy recording its waits, on a clock that only sleeping moves. */
  function recorder(maxAttempts: number) {
    const clock = { now: 1_000_000 };
    const waits: number[] = [];
    const events: string[] = [];
    const policy: RetryPolicy = {
      maxAttempts,
      sleep: async (ms) => {
        waits.push(ms);
        clock.now += ms;
      },
      now: () => clock.now,
      random: () => 0.5,
      onRetry: (_e, attempt) => events.push(`lost ${attempt}`),
      giveUp: (_e, attempts) => new Error(`gave up after ${attempts}`),
      onDefer: (d, attempt) => events.push(`crowd of ${d.crowd} at attempt ${attempt}`),
    };
    return { clock, waits, events, policy };
  }
  const crowd = (now: number) => Array.from({ length: 20 }, (_, i) => now - i * 500);

  it('never waits before a first write, even when the branch is crowded', async () => {
    const r = recorder(5);
    const result = await retryRounds(r.policy, async (attempt, pacing) => {
      pacing.beforeWrite(crowd(r.clock.now));
      return attempt;
    });
    expect(result).toBe(1);
    expect(r.waits).toEqual([]);
  });

  it('waits for a crowd once, after a lost race, and that wait is not an attempt', async () => {
    const r = recorder(3);
    const rounds: number[] = [];
    const result = await retryRounds(r.policy, async (attempt, pacing) => {
      rounds.push(attempt);
      r.clock.now += 200; // the read and the write
      if (attempt > 1) pacing.beforeWrite(crowd(r.clock.now));
      if (rounds.length < 4) throw new StaleHeadError('moved');
      return attempt;
    });
    // Round 1 lost (backoff: half of 48 rounds of 200 ms); round 2 met the crowd and waited until
    // the first loss was a minute old plus half of 20 s; it ran again as attempt 2 and lost; the
    // crowd is still there, but a run waits for it once; attempt 3 landed.
    expect(rounds).toEqual([1, 2, 2, 3]);
    expect(result).toBe(3);
    expect(r.events).toEqual(['lost 1', 'crowd of 20 at attempt 2', 'lost 2']);
    expect(r.waits[0]).toBe(4800);
    expect(r.waits[1]).toBe(MINUTE_MS - 4800 - 200 + 10_000);
    expect(r.waits).toHaveLength(3);
  });

  it("subtracts the run's own requests and the landed rounds from the token's count", async () => {
    // 30 lost rounds within a few seconds; the count grows by this run's read and write, and
    // (every other round) by another job's read and write that landed. Never a crowd.
    const r = recorder(40);
    r.policy.random = () => 0; // no backoff: every round within the minute
    let used = 100;
    const landed: number[] = [];
    const result = await retryRounds(r.policy, async (attempt, pacing) => {
      used += 1; // this read
      r.clock.now += 100;
      pacing.beforeWrite([...landed].reverse(), { used, resetAt: 9e12 });
      if (attempt === 31) return attempt;
      if (attempt % 2 === 0) {
        used += 2; // another job's read and write, which landed
        landed.push(r.clock.now);
      }
      used += 1; // this write, refused
      throw new StaleHeadError('moved');
    });
    expect(result).toBe(31);
    expect(r.events.filter((e) => e.startsWith('crowd'))).toEqual([]);
  });

  it('explains the count only by commits that landed since its own first read', async () => {
    // A job that read late in a burst: 10 commits landed in the seconds before its first read,
    // none after. Between its first read and its retry, others made 58 requests: all of them
    // unexplained. Subtracting the 10 earlier landings (20 requests) would hide the crowd.
    const r = recorder(6);
    let used = 100;
    const before = Array.from({ length: 10 }, (_, i) => r.clock.now - 5000 + i * 400).reverse();
    const result = await retryRounds(r.policy, async (attempt, pacing) => {
      used += 1; // this read
      r.clock.now += 100;
      pacing.beforeWrite(attempt > 1 ? before : undefined, { used, resetAt: 9e12 });
      if (attempt === 2) return attempt;
      used += 1 + 58; // this write, refused, and 58 requests of other jobs
      throw new StaleHeadError('moved');
    });
    expect(result).toBe(2);
    expect(r.events).toEqual(['lost 1', 'crowd of 10 at attempt 2']);
  });

  it('waits once the count shows 56 requests that no landing explains', async () => {
    const r = recorder(6);
    let used = 100;
    const result = await retryRounds(r.policy, async (attempt, pacing) => {
      used += 1;
      r.clock.now += 100;
      pacing.beforeWrite([], { used, resetAt: 9e12 });
      if (attempt === 3) return attempt;
      used += 1 + 30; // this write, refused, and 30 requests of other jobs
      throw new StaleHeadError('moved');
    });
    // After one loss 30 others: a retry; after two, 60: it waits (once), reads again, and writes.
    expect(result).toBe(3);
    expect(r.events).toEqual(['lost 1', 'lost 2', 'crowd of 0 at attempt 3']);
  });

  it("places its first retry by the refused write's count when others moved the count", async () => {
    const use = (used: number) => ({ used, resetAt: 3_600_000 });
    for (const [refused, wait] of [
      // 14 requests of others since its first read: the ticket, 25, places the wait in a minute.
      [25, Math.round(ticketSpot(25) * 60_000)],
      // 4 of others: a small crowd, the wait is drawn (0.5 here) over 48 rounds of 1 s.
      [15, 24_000],
      // Only its own write: the count says nothing of others.
      [11, 24_000],
    ]) {
      const r = recorder(3);
      const result = await retryRounds(r.policy, async (attempt, pacing) => {
        r.clock.now += 1000; // a round of 1 s: a window of 48 s
        pacing.beforeWrite(attempt > 1 ? [r.clock.now - 30_000] : undefined, use(10 * attempt));
        if (attempt === 1) throw new StaleHeadError('moved', use(refused!));
        return attempt;
      });
      expect(result).toBe(2);
      expect(r.waits).toEqual([wait]);
    }
  });

  it('on a quiet branch, each lost race waits the backoff only (no minute rule)', async () => {
    const r = recorder(4);
    const result = await retryRounds(r.policy, async (attempt, pacing) => {
      r.clock.now += 200;
      if (attempt > 1) pacing.beforeWrite([r.clock.now - 1000]); // a quiet branch: no crowd
      if (attempt < 4) throw new StaleHeadError('moved');
      return attempt;
    });
    expect(result).toBe(4);
    // Half of the window each time: 48 rounds of 200 ms, doubling.
    expect(r.waits).toEqual([4800, 9600, 19_200]);
  });

  it('counts only lost writes against max-attempts', async () => {
    const r = recorder(2);
    let rounds = 0;
    const run = retryRounds(r.policy, async (attempt, pacing) => {
      rounds++;
      if (attempt > 1) pacing.beforeWrite(crowd(r.clock.now));
      throw new StaleHeadError('moved');
    });
    await expect(run).rejects.toThrow('gave up after 2');
    expect(rounds).toBe(3);
  });

  it('leaves a round that does not pace (the git push path) to the backoff alone', async () => {
    const r = recorder(3);
    const result = await retryRounds(r.policy, async (attempt) => {
      if (attempt < 3) throw new StaleHeadError('rejected');
      return 'pushed';
    });
    expect(result).toBe('pushed');
    expect(r.waits).toEqual([500, 1000]);
  });
});

// ---- A burst of jobs in virtual time ------------------------------------------------------------

const LATENCY = 100;
/** The server's work on a write before its head check (git, on a busy machine). */
const WRITE_WORK = 100;

/** Measured by the contention bench (100 ms latency, 2 cores): see bench/contention-model.mjs. */
interface Machine {
  /** The first reads arrive evenly spread over [from, to] ms. */
  from: number;
  to: number;
  /** The first round's read-to-write time: lognormal, median and 90th percentile. */
  first: [number, number];
  /** Or: every first write arrives within [from, to] ms, whenever its read came. */
  bunched?: [number, number];
}

const MACHINE: Record<string, Machine> = {
  1: { from: 670, to: 670, first: [393, 506] },
  16: { from: 670, to: 1830, first: [393, 506] },
  64: { from: 4150, to: 20_980, first: [1207, 1934] },
  // The bench with this build (2026-12-02): 64 processes and the server on 2 cores; the server,
  // busy with the reads, takes every first write within 0.7 s (dumps of GITOPS_BUMP_BENCH_TIMELINE).
  'tight 16': { from: 220, to: 1850, first: [0, 0], bunched: [1960, 2370] },
  'tight 32': { from: 300, to: 3600, first: [0, 0], bunched: [3700, 4300] },
  'tight 64': { from: 300, to: 7000, first: [0, 0], bunched: [8700, 9400] },
  // The bench after node:http (stop 12): 64 first reads over 3.6 s, each job's first write about
  // 200 ms after its read, so most jobs read after other jobs' first writes (timeline dump).
  'interleaved 64': { from: 0, to: 3600, first: [200, 260] },
};

function lognormal(random: () => number, [median, p90]: [number, number]): number {
  const sigma = Math.log(p90 / median) / 1.2816;
  const z = Math.sqrt(-2 * Math.log(Math.max(1e-9, random()))) * Math.cos(2 * Math.PI * random());
  return median * Math.exp(sigma * z);
}

/** Timers on a virtual clock: time moves only when every job is waiting. */
class VirtualTime {
  now = 0;
  private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  private seq = 0;
  sleeps = 0;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, resolve });
    });

  async run(done: () => boolean): Promise<void> {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (done() || this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.now = next.at;
      next.resolve();
    }
  }
}

function mostInAMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= MINUTE_MS) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/**
 * N jobs at once on one branch, each through the real retryRounds; what the server saw.
 * `counts`: how the token's count goes: one count for every job (GitHub: one token, or one
 * installation), a count of its own for each job (all alike), or none.
 */
async function burst(
  n: number,
  seed: number,
  profile: string = String(n),
  counts: 'shared' | 'own' | 'none' = 'shared',
) {
  const random = seeded(seed);
  const machine = MACHINE[profile]!;
  /** Every request the server answered: the token's rate-limit count (rateLimit.used). */
  let served = 0;
  const resetAt = 3_600_000;
  const time = new VirtualTime();
  const branch = { head: 0, landed: [] as number[] };
  const writes: number[] = [];
  let requests = 0;
  let finished = 0;
  let backoffSleeps = 0;
  let defers = 0;
  const job = async (i: number) => {
    let ownCount = 0;
    const count = () => (counts === 'own' ? ++ownCount : ++served);
    await time.sleep(machine.from + ((machine.to - machine.from) * i) / Math.max(1, n - 1));
    const policy: RetryPolicy = {
      maxAttempts: 30,
      sleep: (ms) => {
        backoffSleeps++;
        return time.sleep(ms);
      },
      now: () => time.now,
      random,
      onRetry: () => {},
      onDefer: () => {
        defers++;
      },
      giveUp: (_e, attempts) => new Error(`job ${i} gave up after ${attempts}`),
    };
    await retryRounds(policy, async (attempt, pacing) => {
      requests++; // the read: the head, and (on a retry) when the newest commits landed
      const read = count();
      const use = counts === 'none' ? undefined : { used: read, resetAt };
      const seen = branch.head;
      const landed = branch.landed
        .slice(-CROWD)
        .reverse()
        .map((at) => Math.floor(at / 1000) * 1000);
      await time.sleep(LATENCY);
      pacing.beforeWrite(attempt > 1 ? landed : undefined, use);
      const [early, late] = machine.bunched ?? [0, 0];
      const gap =
        attempt > 1
          ? lognormal(random, [130, 147])
          : machine.bunched
            ? early + random() * (late - early) - (time.now - LATENCY)
            : lognormal(random, machine.first);
      await time.sleep(gap - LATENCY);
      requests++; // the write
      const written = count();
      writes.push(time.now);
      await time.sleep(WRITE_WORK);
      const landedNow = branch.head === seen;
      if (landedNow) {
        branch.head++;
        branch.landed.push(time.now);
      }
      await time.sleep(LATENCY);
      if (!landedNow) throw new StaleHeadError('moved', use && { used: written, resetAt });
    });
    finished++;
  };
  const jobs = Array.from({ length: n }, (_, i) => job(i));
  // The file's own commit, made just before the burst.
  branch.landed.push(-2000);
  await time.run(() => finished === n);
  await Promise.all(jobs);
  return {
    landed: branch.head,
    requestsPerJob: requests / n,
    writesPerMinute: mostInAMinute(writes),
    backoffSleeps,
    defers,
  };
}

describe('a burst of jobs on one branch (virtual time, real retry loop)', () => {
  it('one job alone: one read, one write, no wait', async () => {
    const alone = await burst(1, 1);
    expect(alone).toEqual({
      landed: 1,
      requestsPerJob: 2,
      writesPerMinute: 1,
      backoffSleeps: 0,
      defers: 0,
    });
  });

  it('64 jobs: all land, and every write request stays within 80 in any minute', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = await burst(64, seed);
      expect(r.landed).toBe(64);
      expect(r.writesPerMinute).toBeLessThanOrEqual(80);
    }
  });

  it('64 jobs whose first writes all come within 0.7 s: still within 80 in any minute', async () => {
    // The landings alone show this crowd only after 17 commits landed: 64 first writes and 16
    // retries later, and collisions among those make it 81-93 (bench/contention-model.mjs). The
    // token's count shows it at the first retry.
    for (let seed = 1; seed <= 12; seed++) {
      const r = await burst(64, seed, 'tight 64');
      expect(r.landed).toBe(64);
      expect(r.writesPerMinute).toBeLessThanOrEqual(80);
    }
  });

  it('64 jobs whose first reads and writes interleave: at most 76 in any minute (80 allowed)', async () => {
    // The jobs that read last do not see the first writes made before their read in the token's
    // count (see `unexplained`), so some retry within the first minute: 69-74 here, 76-79 on the
    // bench. The margin is what this test guards.
    for (let seed = 1; seed <= 12; seed++) {
      const r = await burst(64, seed, 'interleaved 64');
      expect(r.landed).toBe(64);
      expect(r.writesPerMinute).toBeLessThanOrEqual(76);
    }
  });

  it('16 and 32 jobs whose first writes come at once: under 4, at most 5 requests a job', async () => {
    // All but one of the first writes lose (3.875 requests a job for 16 jobs), and each retry
    // that collides with another adds 0.125: the tickets keep the first retries apart.
    for (const [n, most] of [
      [16, 3.95],
      [32, 4.6],
    ] as const) {
      let total = 0;
      let defers = 0;
      for (let seed = 1; seed <= 12; seed++) {
        const r = await burst(n, seed, `tight ${n}`);
        expect(r.landed).toBe(n);
        total += r.requestsPerJob;
        defers += r.defers;
      }
      expect(total / 12).toBeLessThanOrEqual(most);
      if (n === 16) expect(defers).toBe(0);
    }
  });

  it('16 jobs: all land, at most 4 requests a job on average, none waits for a crowd', async () => {
    let total = 0;
    const seeds = 12;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = await burst(16, seed);
      expect(r.landed).toBe(16);
      expect(r.defers).toBe(0);
      total += r.requestsPerJob;
    }
    expect(total / seeds).toBeLessThanOrEqual(4);
  });

  it('16 jobs whose first writes come at once: the tickets keep all but a few bursts within 4 a job', async () => {
    // With random first retries, 22 bursts of 100 collide twice or more (over 4 requests a job):
    // two jobs' retries within one round of each other, by chance, over a minute.
    const over = { shared: 0, none: 0 };
    for (let seed = 1; seed <= 40; seed++)
      for (const counts of ['shared', 'none'] as const) {
        const r = await burst(16, seed, 'tight 16', counts);
        expect(r.landed).toBe(16);
        if (r.requestsPerJob > 4) over[counts]++;
      }
    expect(over.shared).toBeLessThanOrEqual(2);
    expect(over.none).toBeGreaterThanOrEqual(5);
  });

  it('a count of its own for each job (alike for all) takes no ticket: the waits stay random', async () => {
    for (let seed = 1; seed <= 6; seed++)
      expect(await burst(16, seed, 'tight 16', 'own')).toEqual(
        await burst(16, seed, 'tight 16', 'none'),
      );
  });
});
