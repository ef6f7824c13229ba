// Faults injected at the test server, through the bundled action: 5xx on reads and writes,
// writes whose answer is lost, hung requests, rate limits, a branch that keeps moving, big files.
import type { TestServer } from '../../test-server/index.js';
import type { InjectedResponse } from '../../test-server/server.js';
import { bump, calls, DEPLOYMENT, gitopsServer } from './fixtures.js';

const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const demo = { image: 'ghcr.io/acme/platform-demo:2222222', files: DEPLOY_FILE };
const BUMPED = DEPLOYMENT.replace(':1111111', ':2222222');

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer();
});
afterEach(async () => {
  server.clearInjectors();
  await server.close();
});

/** Injects `answer` into the first `count` requests of a GraphQL operation. */
function failFirst(operation: string, answer: InjectedResponse, count = 1): void {
  let left = count;
  server.inject(({ body }) => {
    const query = (body as { query?: string })?.query ?? '';
    if (left <= 0 || !query.includes(operation)) return undefined;
    left--;
    return answer;
  });
}

async function newCommits(before: number): Promise<number> {
  return (await server.log('acme/gitops', 'main')).length - before;
}

describe.each([500, 502, 503])('HTTP %i', (status) => {
  it('on the read: retried, then the bump lands once', async () => {
    const before = (await server.log('acme/gitops', 'main')).length;
    failFirst('GitopsBumpSnapshot', { status, body: { message: 'Server Error' } });
    const run = await bump(server, demo);
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual([
      `POST /graphql GitopsBumpSnapshot ${status}`,
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
    expect(await newCommits(before)).toBe(1);
  }, 30_000);

  it('on the write, before it applied: re-read, written once', async () => {
    const before = (await server.log('acme/gitops', 'main')).length;
    failFirst('GitopsBumpCommit', { status, body: { message: 'Server Error' } });
    const run = await bump(server, demo);
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('committed');
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      `POST /graphql GitopsBumpCommit ${status}`,
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
    expect(await newCommits(before)).toBe(1);
    expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(BUMPED);
  }, 30_000);
});

it('a write that landed but answered 502 is found on the re-read, not applied twice', async () => {
  const before = (await server.log('acme/gitops', 'main')).length;
  failFirst('GitopsBumpCommit', {
    status: 502,
    body: { message: 'Bad Gateway' },
    applyThenFail: true,
  });
  const run = await bump(server, demo);
  expect(run.status).toBe(0);
  expect(calls(server)).toEqual([
    'POST /graphql GitopsBumpSnapshot 200',
    'POST /graphql GitopsBumpCommit 502',
    'POST /graphql GitopsBumpSnapshot 200',
  ]);
  expect(await newCommits(before)).toBe(1);
  const [head] = await server.log('acme/gitops', 'main');
  expect(run.outputs).toMatchObject({
    operation: 'committed',
    changed: 'true',
    'commit-sha': head!.sha,
  });
  expect(run.stdout).toContain(
    `The earlier write reached GitHub: ${head!.sha} on main is this run's commit.`,
  );
});

it('a hung read is abandoned after request-timeout and retried', async () => {
  failFirst('GitopsBumpSnapshot', { hangMs: 4000 });
  const run = await bump(server, { ...demo, 'request-timeout': '1' });
  expect(run.status).toBe(0);
  expect(run.outputs.operation).toBe('committed');
  expect(server.requests.filter((r) => r.operationName === 'GitopsBumpSnapshot').length).toBe(2);
}, 30_000);

it('a hung write is abandoned, then the re-read tells whether it landed', async () => {
  const before = (await server.log('acme/gitops', 'main')).length;
  failFirst('GitopsBumpCommit', { hangMs: 4000 });
  const run = await bump(server, { ...demo, 'request-timeout': '1' });
  expect(run.status).toBe(0);
  expect(run.outputs.operation).toBe('committed');
  // The hung request is handled after its hang: the server applies it then, or the retry does.
  await new Promise((resolve) => setTimeout(resolve, 3500));
  expect(await newCommits(before)).toBe(1);
  expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(BUMPED);
}, 30_000);

describe.each([403, 429])('secondary rate limit (%i)', (status) => {
  it('is waited out (retry-after) and retried', async () => {
    failFirst('GitopsBumpSnapshot', {
      status,
      headers: { 'retry-after': '1' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });
    const run = await bump(server, demo);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('::warning::GitHub secondary rate limit on POST');
    expect(calls(server)).toEqual([
      `POST /graphql GitopsBumpSnapshot ${status}`,
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
  }, 30_000);
});

it('a secondary limit asking for longer than 60 s fails with the message instead of waiting', async () => {
  failFirst('GitopsBumpSnapshot', {
    status: 403,
    headers: { 'retry-after': '3600' },
    body: { message: 'You have exceeded a secondary rate limit.' },
  });
  const run = await bump(server, demo);
  expect(run.status).toBe(1);
  expect(calls(server)).toHaveLength(1);
  expect(run.stdout).toContain(
    "::error::GitHub's secondary rate limit stopped reading the default branch and the files and asked to wait 3600 s, longer than this action waits (60 s).",
  );
});

it('a primary rate limit at zero fails at once with the reset time', async () => {
  const reset = Math.floor(Date.now() / 1000) + 1800;
  failFirst('GitopsBumpSnapshot', {
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
    body: { message: 'API rate limit exceeded for installation ID 1.' },
  });
  const run = await bump(server, demo);
  expect(run.status).toBe(1);
  expect(calls(server)).toHaveLength(1);
  expect(run.stdout).toContain(
    `::error::GitHub's rate limit for this token is used up (while reading the default branch and the files); it resets at ${new Date(reset * 1000).toISOString()}.`,
  );
});

it('a branch moved by another writer before every write: gives up after max-attempts, says how many', async () => {
  let n = 0;
  server.inject(({ body }) => {
    const query = (body as { query?: string })?.query ?? '';
    if (!query.includes('GitopsBumpCommit')) return undefined;
    n++;
    return {
      before: async () => {
        await server.pushCommit(
          'acme/gitops',
          'main',
          { [`other/${n}.txt`]: `${n}\n` },
          `writer ${n}`,
        );
      },
    };
  });
  const before = (await server.log('acme/gitops', 'main')).length;
  // Two attempts: one wait of the run's backoff (up to 48 of its rounds, each round here holding
  // the other writer's commit), 5-20 s; a third attempt would double it.
  const run = await bump(server, { ...demo, 'max-attempts': '2' });
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(
    '::error::acme/gitops@main was moved by other writers 2 times in a row while this bump was being written; nothing was overwritten. Raise max-attempts (now 2), or bump these images together with images: in one job.',
  );
  const log = await server.log('acme/gitops', 'main');
  expect(log.length - before).toBe(2);
  expect(log.slice(0, 2).map((c) => c.message)).toEqual(['writer 2\n', 'writer 1\n']);
  expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(DEPLOYMENT);
}, 120_000);

describe('big files', () => {
  it('a file larger than GraphQL returns is read through the blobs API and edited', async () => {
    const big = `${DEPLOYMENT}${'# padding line to make the file large\n'.repeat(20_000)}`;
    await server.pushCommit('acme/gitops', 'main', { 'big/deploy.yaml': big }, 'big file');
    server.resetRequests();
    const run = await bump(server, { ...demo, files: 'big/deploy.yaml' });
    expect(run.status).toBe(0);
    expect(calls(server).map((c) => c.replace(/blobs\/[0-9a-f]{40}/, 'blobs/SHA'))).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'GET /repos/acme/gitops/git/blobs/SHA 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
    expect(await server.readFile('acme/gitops', 'main', 'big/deploy.yaml')).toBe(
      big.replace(':1111111', ':2222222'),
    );
  }, 30_000);
});

describe('pull requests', () => {
  it('a PR closed by hand: the next bump resets its branch and opens a new PR', async () => {
    const s = await gitopsServer({ requiredChecks: ['ci'], allowAutoMerge: true });
    try {
      const pr = { ...demo, mode: 'pull-request' };
      await bump(s, pr);
      await fetch(`${s.url}/repos/acme/gitops/pulls/1`, {
        method: 'PATCH',
        headers: { authorization: 'token ghs_16C7e42F292c6912E7710c838347Ae178B4a' },
        body: JSON.stringify({ state: 'closed' }),
      });
      const run = await bump(s, pr);
      expect(run.outputs).toMatchObject({ operation: 'auto-merge-enabled', 'pr-number': '2' });
      expect(s.pulls('acme/gitops').map((p) => p.state)).toEqual(['closed', 'open']);
    } finally {
      await s.close();
    }
  });

  it('foreign commits on an open PR branch are kept: the bump is added on top', async () => {
    const s = await gitopsServer({ requiredChecks: ['ci'], allowAutoMerge: true });
    try {
      const pr = { ...demo, mode: 'pull-request' };
      await bump(s, pr);
      const branch = s.pulls('acme/gitops')[0]!.headRef;
      await s.pushCommit(
        'acme/gitops',
        branch,
        { 'NOTES.md': 'a reviewer was here\n' },
        'review fix',
      );
      const run = await bump(s, { ...pr, image: 'ghcr.io/acme/platform-demo:3333333' });
      expect(run.outputs.operation).toBe('pr-updated');
      const log = await s.log('acme/gitops', branch);
      expect(log[1]!.message).toBe('review fix\n');
      expect(await s.readFile('acme/gitops', branch, 'NOTES.md')).toBe('a reviewer was here\n');
      expect(s.pulls('acme/gitops')).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('a protected base branch: pull-request mode goes through a PR and merges', async () => {
    const s = await gitopsServer({ protectedBranch: true, allowAutoMerge: true });
    try {
      const run = await bump(s, { ...demo, mode: 'pull-request' });
      expect(run.status).toBe(0);
      expect(run.outputs.operation).toBe('pr-merged');
      expect(await s.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(BUMPED);
    } finally {
      await s.close();
    }
  });
});
