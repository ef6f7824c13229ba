// Matrix jobs: many action processes bump different images in the same file on one branch at
// the same moment. Every change must land, each in its own commit, nothing lost or overwritten.
import type { TestServer } from '../../test-server/index.js';
import { bump, contendedFile, gitopsServer } from './fixtures.js';

const FILE = 'clusters/prod/matrix.yaml';
// 6 racing jobs by default; the big runs (16 and 32 jobs, about 2 minutes on 2 cores) with
// GITOPS_BUMP_HEAVY_TESTS=1, which .ci/run sets. `npm run bench` measures them too.
const WRITER_COUNTS = process.env.GITOPS_BUMP_HEAVY_TESTS === '1' ? [16, 32] : [6];

let server: TestServer;
afterEach(async () => {
  await server.close();
});

it.each(WRITER_COUNTS)(
  '%i concurrent jobs each bump their own image in one file: all land, one commit each',
  async (WRITERS) => {
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
    const perJob = server.requests.length / WRITERS;
    // The budget under contention is asserted loosely; `npm run bench` reports the figure.
    expect(perJob).toBeLessThanOrEqual(10);
  },
  180_000,
);
