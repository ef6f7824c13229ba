// Matrix jobs: many action processes bump different images in the same file on one branch at
// the same moment. Every change must land, each in its own commit, nothing lost or overwritten,
// within a budget of requests per job, and every write request (landed or refused) within
// GitHub's 80 content-creating requests a minute. 3 jobs in a plain run; 6, 16 and 32 (issue
// 12's targets: at most 4 and 5 requests per job on average) with GITOPS_BUMP_HEAVY_TESTS=1, as
// .ci/run sets; the bench (`npm run bench -- --only github`) runs 16, 32 and 64 against a 100 ms
// server, and __tests__/run/retry.test.ts runs 64 through the retry loop in virtual time.
import { type TestServer, validateGraphqlDocument } from '../../test-server/index.js';
import { bump, contendedFile, gitopsServer } from './fixtures.js';

const FILE = 'clusters/prod/matrix.yaml';

let server: TestServer;
beforeAll(() => {
  // The server builds GitHub's GraphQL schema on its first GraphQL request (about a second);
  // built now, it does not lengthen the first jobs' first round (which scales their backoff).
  validateGraphqlDocument('query { viewer { login } }');
});
afterEach(async () => {
  await server.close();
});

const HEAVY = process.env.GITOPS_BUMP_HEAVY_TESTS === '1';
/**
 * Writers, and the most requests per job on average this test accepts: the targets (4 at 16
 * writers, 5 at 32) plus half a request for the spread of one run; the bench prints the medians.
 */
const RUNS: Array<[number, number]> = HEAVY
  ? [
      [6, 4.5],
      [16, 4.5],
      [32, 5.5],
    ]
  : // Three jobs see too few of the others' requests to take tickets (retry.ts, ticketOf): their
    // retries wait their own short random windows, where 6 wait spots of a whole minute.
    [[3, 4.5]];

it.each(RUNS)(
  '%i concurrent jobs each bump their own image in one file: all land, one commit each, at most %d requests a job',
  async (WRITERS, BUDGET) => {
    server = await gitopsServer();
    await server.pushCommit(
      'acme/gitops',
      'main',
      { [FILE]: contendedFile(WRITERS) },
      'matrix file',
    );
    const before = await server.log('acme/gitops', 'main');
    server.resetRequests();
    const runs = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        bump(server, { image: `ghcr.io/acme/svc-${i}:v2`, files: FILE, 'max-attempts': '30' }),
      ),
    );
    for (const run of runs) {
      if (run.status !== 0) throw new Error(run.stdout);
      expect(run.outputs.operation).toBe('committed');
    }
    const text = await server.readFile('acme/gitops', 'main', FILE);
    expect(text).toBe(contendedFile(WRITERS).replaceAll(':v1', ':v2'));
    const after = await server.log('acme/gitops', 'main');
    expect(after.length - before.length).toBe(WRITERS);
    const shas = new Set(runs.map((r) => r.outputs['commit-sha']));
    expect(shas.size).toBe(WRITERS);
    for (const commit of after.slice(0, WRITERS)) {
      expect(commit.verified).toBe(true);
      expect(shas.has(commit.sha)).toBe(true);
    }
    // The first retries of 16 and more jobs at once take their places from the token's count.
    const ticketed = runs.filter((r) =>
      /place among a burst's retries, from the token's request count \d+\)/.test(r.stdout),
    );
    if (WRITERS >= 16) expect(ticketed.length).toBeGreaterThan(0);
    const perJob = server.requests.length / WRITERS;
    expect(perJob).toBeLessThanOrEqual(BUDGET);
    // Every write request, landed or refused, within GitHub's 80 content-creating requests in
    // any minute.
    const writes = server.requests.filter((r) => r.operationName === 'GitopsBumpCommit');
    expect(mostInAMinute(writes.map((r) => r.at))).toBeLessThanOrEqual(80);
  },
  300_000,
);

/** The most of the given times (ms) that fall in any 60 s window. */
function mostInAMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 60_000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}
