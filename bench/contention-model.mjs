// A discrete-event model of the contention bench (bench/github.mjs, "contention"): N jobs bump
// one file of one branch; each round is one read (answered after the latency, showing the head
// and the commits that landed before it) and one write guarded by that head, refused when another
// write landed in between. It compares retry policies on what the targets of issue 12 count:
// requests per job, every write request (landed or refused) in any 60 s, and wall time.
//
//   node bench/contention-model.mjs [--runs 200] [--timeline dir]
//
// Start times and the time from a read's arrival to its write's arrival are those measured on this
// machine (2 cores, the jobs are processes starting at once; see "MACHINE"), or taken from the
// dumps of `GITOPS_BUMP_BENCH_TIMELINE=dir npm run bench -- --only github` with --timeline.
// The server answers every request after LATENCY ms and handles writes in arrival order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, mostInAMinute, mulberry32 } from './stats.mjs';

const LATENCY = 100;
/** How long the server works on a write before its head check commits it (git, on a busy machine). */
const WRITE_WORK = Number(process.env.MODEL_WRITE_WORK ?? 100);

/**
 * Measured with 100 ms latency (load 1.6-2 on 2 cores): the first request of each job arrives
 * spread evenly over [from, to] s; the first round's read-to-write time is lognormal with the
 * median and 90th percentile given (processes still starting slow each other); later rounds
 * take ~130 ms from read to write (100 ms latency + ~30 ms of the job's own work).
 */
const MACHINE = {
  16: { from: 0.67, to: 1.83, first: [393, 506] },
  32: { from: 1.05, to: 4.73, first: [488, 1022] },
  64: { from: 4.15, to: 20.98, first: [1207, 1934] },
};
const LATER_GAP = [130, 147];

function lognormal(random, [median, p90]) {
  const sigma = Math.log(p90 / median) / 1.2816;
  const u = Math.max(1e-9, random());
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

/** The jobs' first read arrivals (ms) and first-round read-to-write times. */
function machineStarts(n, random, timeline) {
  if (timeline) {
    const d = JSON.parse(readFileSync(join(timeline, `contention-${n}-100.json`), 'utf8'));
    const starts = [];
    for (let i = 0; i < n; i++) {
      const mine = d.requests.filter((r) => r.job === i).sort((a, b) => a.at - b.at);
      starts.push({ read: mine[0].at, gap: mine[1].at - mine[0].at });
    }
    return starts;
  }
  const m = MACHINE[n] ?? MACHINE[64];
  return Array.from({ length: n }, (_, i) => ({
    read: 1000 * (m.from + ((m.to - m.from) * i) / Math.max(1, n - 1)),
    gap: lognormal(random, m.first),
  }));
}

/**
 * One run. A policy is { afterLoss(job, ctx) -> ms to wait before the re-read,
 * beforeWrite(job, ctx) -> 0 to write now, or ms to wait and read again }; ctx holds the time,
 * the commits' dates seen by the job's last read (whole seconds, as committedDate), random.
 */
export function simulate(policy, n, seed, timeline) {
  const random = mulberry32(seed); // so that each policy meets the same starts
  const events = [];
  const push = (at, kind, job) => {
    events.push({ at, kind, job });
  };
  const starts = machineStarts(n, random, timeline);
  const jobs = starts.map((s, i) => ({
    id: i,
    requests: 0,
    writes: 0,
    losses: 0,
    attempt: 1,
    firstGap: s.gap,
    readAt: 0,
    seenHead: 0,
    seen: [],
    roundStart: 0,
    done: undefined,
    firstRead: s.read,
  }));
  for (const j of jobs) push(starts[j.id].read, 'read', j.id);
  let head = 0;
  // Every request the server answered (GitHub's x-ratelimit-used / rateLimit.used of the token).
  let served = 0;
  // The file's own commit, made just before the burst (the bench creates the repository then).
  const landed = [-2000];
  const writes = [];
  let nextSeq = 0;
  while (events.length > 0) {
    events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const e = events.shift();
    const j = jobs[e.job];
    e.seq = nextSeq++;
    if (e.kind === 'read') {
      j.requests++;
      served++;
      j.usedFirst ??= served;
      // Others' requests since this job's first read: the token's count less this job's own.
      j.others = served - j.usedFirst - (j.requests - 1);
      j.readAt = e.at;
      j.seenHead = head;
      j.seen = landed.map((t) => Math.floor(t / 1000) * 1000);
      j.roundStart = e.at;
      const gap = j.writes === 0 ? j.firstGap : lognormal(random, LATER_GAP);
      const ctx = { now: e.at + LATENCY, seen: j.seen, random, attempt: j.attempt, job: j };
      const wait = j.writes === 0 ? 0 : policy.beforeWrite(j, ctx);
      if (wait > 0) {
        j.deferred = (j.deferred ?? 0) + 1;
        push(e.at + LATENCY + wait, 'read', j.id);
      } else push(e.at + gap + WRITE_WORK, 'write', j.id);
    } else {
      j.requests++;
      served++;
      j.writes++;
      writes.push(e.at);
      if (head === j.seenHead) {
        head++;
        landed.push(e.at);
        j.done = e.at + LATENCY;
      } else {
        j.losses++;
        const roundMs = e.at + LATENCY - j.roundStart;
        const ctx = {
          now: e.at + LATENCY,
          seen: j.seen,
          random,
          roundMs,
          attempt: j.attempt,
          // The token's count at this refused write, and others' requests since the first read.
          refused: served,
          othersSinceFirst: served - j.usedFirst - (j.requests - 1),
        };
        const wait = policy.afterLoss(j, ctx);
        j.attempt++;
        push(e.at + LATENCY + wait, 'read', j.id);
      }
    }
  }
  const begin = Math.min(...jobs.map((j) => j.firstRead));
  return {
    requestsPerJob: jobs.reduce((s, j) => s + j.requests, 0) / n,
    writesPerMinute: mostInAMinute(writes),
    landedPerMinute: mostInAMinute(landed.slice(1)),
    wallS: (Math.max(...jobs.map((j) => j.done)) - begin) / 1000,
    jobWallS: median(jobs.map((j) => j.done - begin)) / 1000,
    attemptsMax: Math.max(...jobs.map((j) => j.writes)),
  };
}

// ---- The candidate policies -------------------------------------------------------------------

const MINUTE = 60_000;
const uniform = (random, window) => Math.round(random() * window);
/** The loop's backoff (src/run/retry.ts backoffMs): full jitter over `spread` rounds (≥1 s), doubling, ≤60 s. */
const jitterOver =
  (spread, cap = MINUTE) =>
  (_j, c) =>
    uniform(c.random, Math.min(cap, Math.max(1000, spread * c.roundMs) * 2 ** (c.attempt - 1)));
const roundJitter = jitterOver(32);
const inMinute = (c, since = -Infinity) =>
  c.seen.filter((t) => t >= since && c.now - t < MINUTE).sort((a, b) => a - b);
/** The first refused write of a job: its first read plus that round's read-to-write time. */
const firstWrite = (j) => j.firstRead + j.firstGap + WRITE_WORK;
const untilMinuteOld = (j, c, jitter) => {
  const left = firstWrite(j) + MINUTE - c.now;
  return left > 0 ? left + uniform(c.random, jitter) : 0;
};

export const POLICIES = [
  {
    name: 'full jitter, 32 rounds, doubling (before)',
    afterLoss: roundJitter,
    beforeWrite: () => 0,
  },
  {
    name: 'full jitter, 60 s, doubling',
    afterLoss: (_j, c) => uniform(c.random, Math.min(2 * MINUTE, MINUTE * 2 ** (c.attempt - 1))),
    beforeWrite: () => 0,
  },
  {
    name: 'every loser waits out the minute + 0-20 s',
    afterLoss: (j, c) => (c.attempt === 1 ? untilMinuteOld(j, c, 20_000) : roundJitter(j, c)),
    beforeWrite: () => 0,
  },
  {
    name: 'landing budget: <16 landed in the minute',
    afterLoss: roundJitter,
    beforeWrite: (_j, c) => {
      const seen = inMinute(c);
      if (seen.length < 16) return 0;
      return seen[seen.length - 16] + MINUTE - c.now + uniform(c.random, 20_000);
    },
  },
  ...[
    { crowd: 17, twice: false },
    { crowd: 17, twice: false, spread: 48, before: true },
    { crowd: 16, twice: false, sinceFirstRead: true },
    { crowd: 12, twice: true },
    { crowd: 16, twice: true },
    { crowd: 16, twice: true, spread: 64 },
    { crowd: 16, twice: true, spread: 64, cap: 2 * MINUTE },
  ].map(({ crowd, twice, sinceFirstRead, spread = 32, cap = MINUTE, before }) => {
    const backoff = jitterOver(spread, cap);
    return {
      name: `crowd ≥${crowd}${sinceFirstRead ? ' since 1st read' : ''}${twice ? ', ≤2 writes/min' : ''}, ${spread} rounds${cap > MINUTE ? ' ≤2 min' : ''}${before ? ' (stop 10)' : ''}`,
      // After a second loss, a job waits until its first refused write is a minute old.
      afterLoss: (j, c) =>
        twice && c.attempt >= 2
          ? Math.max(backoff(j, c), untilMinuteOld(j, c, 20_000))
          : backoff(j, c),
      beforeWrite: (j, c) =>
        j.deferred || inMinute(c, sinceFirstRead ? j.firstRead : -Infinity).length < crowd
          ? 0
          : untilMinuteOld(j, c, 20_000),
    };
  }),
  ...[
    { unexplained: 56, spreadS: 20 },
    { unexplained: 56, spreadS: 60 },
    { unexplained: 56, spreadS: 90 },
    { unexplained: 56, perOther: 1000, before: true },
    { unexplained: 56, perOther: 1000, tickets: true, chosen: true },
    { unexplained: 56, perOther: 1000, cap: 90_000 },
    { unexplained: 56, perOther: 1000, cap: 120_000 },
    { unexplained: 56, perOther: 1000, spread: 96 },
  ].map(
    ({ unexplained, spreadS, perOther, chosen, before, tickets, cap = MINUTE, spread = 48 }) => {
      const backoff = jitterOver(spread, cap);
      // src/run/retry.ts ticketOf: a first retry that saw 5 or more others' requests in its round
      // waits frac(count x golden ratio) of a minute.
      const ticketed = (j, c) => {
        if (c.attempt !== 1 || c.othersSinceFirst < 5) return backoff(j, c);
        const x = c.refused * ((Math.sqrt(5) - 1) / 2);
        return Math.round((x - Math.floor(x)) * MINUTE);
      };
      return {
        name: `crowd ≥17 or unexplained ≥${unexplained}, wave ${spreadS ? `${spreadS} s` : `${perOther} ms/other`}${spread !== 48 ? `, ${spread} rounds` : ''}${cap !== MINUTE ? `, ≤${cap / 1000} s` : ''}${tickets ? ', tickets' : ''}${chosen ? ' (chosen)' : ''}${before ? ' (stop 13)' : ''}`,
        afterLoss: tickets ? ticketed : backoff,
        beforeWrite: (j, c) => {
          if (j.deferred) return 0;
          const landed = inMinute(c).length;
          const recent = c.now - j.firstRead <= MINUTE;
          const crowd = recent ? j.others - 2 * landed : 0;
          if (crowd < unexplained && landed < 17) return 0;
          const many = crowd >= unexplained;
          const spread = !many
            ? 20_000
            : spreadS
              ? spreadS * 1000
              : Math.min(2 * MINUTE, Math.max(20_000, perOther * crowd));
          return untilMinuteOld(j, c, spread);
        },
      };
    },
  ),
];

function main() {
  const argv = process.argv.slice(2);
  const at = (flag) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const runs = Number(at('--runs') ?? 100);
  const timeline = at('--timeline');
  console.log(
    `${runs} seeded runs per cell; ${LATENCY} ms per request; a write is checked ${WRITE_WORK} ms after it arrives;` +
      ` starts ${timeline ? `from ${timeline}` : 'as measured on this machine'}.`,
  );
  console.log(
    'req/job: average; writes/min: every write request (landed or refused) in the busiest 60 s, mean (max over runs); wall: first request to last landing, mean',
  );
  const header = [
    'policy',
    ...[16, 32, 64].map((n) => `${n} jobs: req/job  writes/min  wall s  job s`),
  ];
  console.log(header.join(' | '));
  for (const policy of POLICIES) {
    const cells = [policy.name.padEnd(50)];
    for (const n of [16, 32, 64]) {
      const rs = Array.from({ length: runs }, (_, seed) => simulate(policy, n, seed + 1, timeline));
      const mean = (k) => rs.reduce((a, r) => a + r[k], 0) / runs;
      const most = (k) => Math.max(...rs.map((r) => r[k]));
      cells.push(
        `${mean('requestsPerJob').toFixed(2).padStart(14)}  ${`${mean('writesPerMinute').toFixed(0)} (${most('writesPerMinute')})`.padStart(10)}  ${mean('wallS').toFixed(0).padStart(6)}  ${mean('jobWallS').toFixed(0).padStart(4)}`,
      );
    }
    console.log(cells.join(' | '));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
