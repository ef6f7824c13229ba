// The retry loop's policy (src/run/retry.ts): the crowd rule on its own, the loop's bookkeeping
// (a wait for a crowd is not an attempt, happens once, never before a run's first write), and the
// policy as a whole: jobs of a burst run the real retryRounds in virtual time against a branch
// that refuses a write whose head moved, with the start spread and round times measured by the
// contention bench on this machine (bench/contention-model.mjs): 64 jobs keep every write
// request (landed or refused) within GitHub's 80 a minute, 16 jobs cost at most 4 requests each.
import {
  CROWD,
  crowdWaitMs,
  MINUTE_MS,
  type RetryPolicy,
  retryRounds,
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
const MACHINE: Record<number, { from: number; to: number; first: [number, number] }> = {
  1: { from: 670, to: 670, first: [393, 506] },
  16: { from: 670, to: 1830, first: [393, 506] },
  64: { from: 4150, to: 20_980, first: [1207, 1934] },
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

/** N jobs at once on one branch, each through the real retryRounds; what the server saw. */
async function burst(n: number, seed: number) {
  const random = seeded(seed);
  const machine = MACHINE[n]!;
  const time = new VirtualTime();
  const branch = { head: 0, landed: [] as number[] };
  const writes: number[] = [];
  let requests = 0;
  let finished = 0;
  let backoffSleeps = 0;
  let defers = 0;
  const job = async (i: number) => {
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
      const seen = branch.head;
      const landed = branch.landed
        .slice(-CROWD)
        .reverse()
        .map((at) => Math.floor(at / 1000) * 1000);
      await time.sleep(LATENCY);
      pacing.beforeWrite(attempt > 1 ? landed : undefined);
      const gap = attempt === 1 ? lognormal(random, machine.first) : lognormal(random, [130, 147]);
      await time.sleep(gap - LATENCY);
      requests++; // the write
      writes.push(time.now);
      await time.sleep(WRITE_WORK);
      const landedNow = branch.head === seen;
      if (landedNow) {
        branch.head++;
        branch.landed.push(time.now);
      }
      await time.sleep(LATENCY);
      if (!landedNow) throw new StaleHeadError('moved');
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
});
