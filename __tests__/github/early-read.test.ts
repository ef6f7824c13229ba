// The early read (issue 12: the direct bump's wall time): the action's start reads the inputs
// and sends the first snapshot question before the rest loads; the client takes that answer
// only for the very same question, once, and asks again after any other answer. Here
// in-process against the test server, counting requests; the bundled action's request
// sequences (faults.test.ts, action-commit.test.ts) are unchanged by it.
import { execFileSync } from 'node:child_process';
import { jest } from '@jest/globals';
import { type Started, start } from '../../src/action/start.js';
import { parseBumps } from '../../src/engine/bumps.js';
import { parseFileSpecs } from '../../src/engine/file-specs.js';
import { bumpRemote, type RemoteRequest } from '../../src/run/remote.js';
import { runBump } from '../../src/run/run.js';
import { quickYieldingBottleneck } from '../../src/stores/github/bottleneck-yield.js';
import { connectGitHub } from '../../src/stores/github/connect.js';
import { snapshotRequest } from '../../src/stores/github/documents.js';
import { EarlyRead } from '../../src/stores/github/early-read.js';
import type { TestServer } from '../../test-server/index.js';
import { calls, DEPLOYMENT, gitopsServer, TOKEN } from './fixtures.js';

const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const quiet = { info: () => {}, warning: () => {}, debug: () => {} };

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer();
});
afterEach(async () => {
  server.clearInjectors();
  await server.close();
});

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

/** The action's start with the INPUT_* variables of a plain commit run, `inputs` on top. */
function started(
  inputs: Record<string, string> = {},
  extra: NodeJS.ProcessEnv = {},
): Promise<Started> {
  Object.assign(process.env, env(inputs), extra);
  return start(process.env);
}

/** The INPUT_* variables of a plain commit run, with `inputs` on top. */
function env(inputs: Record<string, string> = {}): NodeJS.ProcessEnv {
  const all: Record<string, string> = {
    image: 'ghcr.io/acme/platform-demo:2222222',
    files: DEPLOY_FILE,
    repository: 'acme/gitops',
    token: TOKEN,
    mode: 'commit',
    'commit-api': 'graphql',
    'verify-image': 'false',
    'resolve-digest': 'false',
    'pin-digest': 'false',
    'wait-for-merge': '0',
    'request-timeout': '30',
    ...inputs,
  };
  const vars: NodeJS.ProcessEnv = {
    GITHUB_API_URL: server.url,
    GITHUB_GRAPHQL_URL: `${server.url}/graphql`,
  };
  for (const [name, value] of Object.entries(all))
    vars[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  return vars;
}

/** A commit of the demo image through the client, with the given early read. */
async function commit(early: EarlyRead | undefined, tag = '2222222') {
  const github = connectGitHub({
    token: TOKEN,
    endpoints: { apiUrl: server.url, graphqlUrl: `${server.url}/graphql` },
    timeoutMs: 10_000,
    log: quiet,
    ...(early && { early }),
  });
  const request: RemoteRequest = {
    repo: { owner: 'acme', name: 'gitops' },
    files: parseFileSpecs([DEPLOY_FILE]),
    bumps: parseBumps([`ghcr.io/acme/platform-demo:${tag}`], {
      image: 'image',
      tag: 'tag',
      digest: 'digest',
    }),
    options: {},
    mode: 'commit',
    commitApi: 'graphql',
    merge: 'auto',
    mergeMethod: 'squash',
    prBranch: 'gitops-bump/x',
    prTitle: 'Bump',
    prBody: '',
    prLabels: [],
    prReviewers: [],
    closeSuperseded: true,
    waitForMergeMs: 0,
    commitMessage: 'Bump {{images}}',
    maxAttempts: 3,
    dryRun: false,
  };
  return bumpRemote(github, request, quiet);
}

describe('which runs send an early read', () => {
  it('a commit of named files with the tag given sends one', async () => {
    const { early, settings } = await started();
    expect(settings?.remote?.kind).toBe('github');
    expect(early).toBeInstanceOf(EarlyRead);
    await early!.sent;
  });

  it('a version filter and a tag pattern are checked first (semver loads), then it sends one', async () => {
    const { early, settings } = await started({
      'version-filter': '^2.0.0-0 || >=2222222.0.0',
      'tag-pattern': '^(?<version>\\d+)$',
    });
    expect(settings?.policy.filter).toBe('^2.0.0-0 || >=2222222.0.0');
    expect(early).toBeInstanceOf(EarlyRead);
    await early!.sent;
  });

  it('a file#key and a ./ path send one, for the paths the flow reads', async () => {
    const { early } = await started({ files: `./${DEPLOY_FILE}\nREADME.md#image` });
    await early!.sent;
    await commit(early);
    expect(calls(server)[0]).toBe('POST /graphql GitopsBumpSnapshot 200');
  });

  it.each([
    ['verify-image', { 'verify-image': 'true' }],
    ['resolve-digest', { 'resolve-digest': 'true' }],
    [
      'an image without a tag (the registry is asked first)',
      { image: 'ghcr.io/acme/platform-demo' },
    ],
    ['workspace mode', { mode: 'workspace' }],
    ['a placeholder token', { token: '-' }],
    ['a token with a space', { token: `Bearer ${TOKEN}` }],
    ['a repository URL (a git remote)', { repository: 'https://git.example.com/acme/gitops.git' }],
    ['a branch the settings refuse', { branch: 'feature..x' }],
    ['a commit message the settings refuse', { 'commit-message': 'Bump {{version}}' }],
    ['a version filter the settings refuse', { 'version-filter': '>=1.0 <' }],
    [
      'an exclusion (matched by picomatch, which loads with the run)',
      { files: `${DEPLOY_FILE}\n!manifests/other/**` },
    ],
  ])('%s sends none', async (_what, inputs) => {
    expect((await started(inputs)).early).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.requests).toHaveLength(0);
  });

  it('a proxy sends none (the client goes through it)', async () => {
    expect((await started({}, { HTTPS_PROXY: 'http://proxy.example:3128' })).early).toBeUndefined();
  });
});

describe('the client takes the early answer', () => {
  it('for the same question: one read in all, then the write', async () => {
    const { early } = await started();
    const outcome = await commit(early);
    expect(outcome.operation).toBe('committed');
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
    expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(
      DEPLOYMENT.replace(':1111111', ':2222222'),
    );
  });

  it('only once: a second round reads afresh (the early answer is stale by then)', async () => {
    const { early } = await started();
    // Another writer moves main after the early read was answered: the first write is refused.
    await early!.sent;
    let moved = false;
    server.inject(({ body }) => {
      if (moved || !String((body as { query?: string })?.query).includes('GitopsBumpCommit'))
        return undefined;
      moved = true;
      return {
        status: 200,
        body: { errors: [{ type: 'STALE_DATA', message: 'Expected branch to point to x' }] },
      };
    });
    const outcome = await commit(early);
    expect(outcome.attempts).toBe(2);
    expect(calls(server).filter((c) => c.includes('GitopsBumpSnapshot'))).toHaveLength(2);
  });

  it('not for another question: the early read is wasted and the client asks its own', async () => {
    const { early } = await started({ files: 'README.md' });
    await early!.sent;
    const outcome = await commit(early);
    expect(outcome.operation).toBe('committed');
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
  });

  it('not from another token or endpoint', async () => {
    const endpoints = { apiUrl: server.url, graphqlUrl: `${server.url}/graphql` };
    const early = EarlyRead.send(
      { ...endpoints, token: `${TOKEN.slice(0, -1)}X`, timeoutMs: 5000 },
      {
        kind: 'snapshot',
        query: { repo: { owner: 'acme', name: 'gitops' }, paths: [DEPLOY_FILE] },
      },
    );
    expect(early.sentBy(endpoints, TOKEN)).toBe(false);
    expect(early.sentBy({ ...endpoints, apiUrl: `${server.url}/api/v3` }, TOKEN)).toBe(false);
    expect(early.sentBy(endpoints, `${TOKEN.slice(0, -1)}X`)).toBe(true);
    await commit(early);
    // The stranger's read was answered 401 by the server and is not used; the client read again.
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 401',
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
  });

  it.each([
    ['a 502 (retried by the client)', { status: 502, body: { message: 'Bad Gateway' } }],
    [
      'a GraphQL failure (retried by the client)',
      {
        status: 200,
        body: {
          data: null,
          errors: [{ message: 'Something went wrong while executing your query.' }],
        },
      },
    ],
  ])('as GitHub gave it: after %s the client does what it always does', async (_what, answer) => {
    let left = 1;
    server.inject(() => (left-- > 0 ? answer : undefined));
    const { early } = await started();
    const outcome = await commit(early);
    expect(outcome.operation).toBe('committed');
    expect(calls(server)).toEqual([
      `POST /graphql GitopsBumpSnapshot ${answer.status}`,
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
  });

  it("as GitHub gave it: a 401 is the client's 401, not asked twice", async () => {
    let left = 1;
    server.inject(() =>
      left-- > 0 ? { status: 401, body: { message: 'Bad credentials' } } : undefined,
    );
    const { early } = await started();
    await expect(commit(early)).rejects.toThrow(/401|credentials|token/i);
    expect(calls(server)).toEqual(['POST /graphql GitopsBumpSnapshot 401']);
  });
});

describe("the early read's fetch", () => {
  const query = { repo: { owner: 'acme', name: 'gitops' }, paths: [DEPLOY_FILE] };
  const json = (text: string) =>
    new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });

  /** The read sent to `graphqlUrl`, and its fetch over one that answers `body`, counting calls. */
  function wrapped(graphqlUrl: string, body: string) {
    const early = EarlyRead.send(
      { apiUrl: graphqlUrl.replace(/\/graphql$/, ''), graphqlUrl, token: TOKEN, timeoutMs: 5000 },
      { kind: 'snapshot', query },
    );
    const calls = { passed: 0 };
    const fetch = early.wrap(async () => {
      calls.passed++;
      return json(body);
    });
    return { calls, fetch };
  }

  it('answers the identical question once, then passes through', async () => {
    const { calls, fetch } = wrapped(`${server.url}/graphql`, '{"data":{}}');
    const body = JSON.stringify(snapshotRequest(query));
    const first = await fetch(`${server.url}/graphql`, { method: 'POST', body });
    expect(first.status).toBe(200);
    expect(
      ((await first.json()) as { data: { repository: { nameWithOwner: string } } }).data.repository
        .nameWithOwner,
    ).toBe('acme/gitops');
    expect(calls.passed).toBe(0);
    await fetch(`${server.url}/graphql`, { method: 'POST', body });
    expect(calls.passed).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it('passes another question, another endpoint or a GET through', async () => {
    const { calls, fetch } = wrapped(`${server.url}/graphql`, '{}');
    const other = JSON.stringify(snapshotRequest({ ...query, paths: ['README.md'] }));
    await fetch(`${server.url}/graphql`, { method: 'POST', body: other });
    await fetch(`${server.url}/api/graphql`, {
      method: 'POST',
      body: JSON.stringify(snapshotRequest(query)),
    });
    await fetch(`${server.url}/graphql`, { method: 'GET' });
    expect(calls.passed).toBe(3);
  });

  it('asks itself when the early read got no answer (no connection)', async () => {
    const { calls, fetch } = wrapped('http://127.0.0.1:9/graphql', '{"data":{}}');
    await fetch('http://127.0.0.1:9/graphql', {
      method: 'POST',
      body: JSON.stringify(snapshotRequest(query)),
    });
    expect(calls.passed).toBe(1);
  });
});

describe('waiting for the early read to be on the wire', () => {
  const query = { repo: { owner: 'acme', name: 'gitops' }, paths: [DEPLOY_FILE] };

  it('onTheWire settles once the question is sent, before the answer; answered after it', async () => {
    // A server that takes the whole request and answers only when told to.
    const { createServer } = await import('node:http');
    let answer: () => void = () => {};
    const held = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        answer = () => response.end('{"data":{}}');
      });
    });
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    const { port } = held.address() as { port: number };
    try {
      const early = EarlyRead.send(
        {
          apiUrl: `http://127.0.0.1:${port}`,
          graphqlUrl: `http://127.0.0.1:${port}/graphql`,
          token: TOKEN,
          timeoutMs: 5000,
        },
        { kind: 'snapshot', query },
      );
      expect(early.answered).toBe(false);
      await early.onTheWire(60_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(early.answered).toBe(false);
      answer();
      const fetch = early.wrap(async () => new Response('asked again'));
      const got = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        body: JSON.stringify(snapshotRequest(query)),
      });
      expect(await got.text()).toBe('{"data":{}}');
      expect(early.answered).toBe(true);
    } finally {
      held.closeAllConnections();
      await new Promise((resolve) => held.close(resolve));
    }
  });

  it('onTheWire gives up waiting after its cap when the question never leaves', async () => {
    jest.useFakeTimers();
    try {
      const stuck = Object.create(EarlyRead.prototype) as EarlyRead;
      Object.defineProperty(stuck, 'sent', { value: new Promise<void>(() => {}) });
      let settled = false;
      void stuck.onTheWire(1000).then(() => {
        settled = true;
      });
      await jest.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('what readies the client while the early read is on the wire', () => {
  it("Bottleneck's store yields without a timer (setTimeout(0) costs 1 ms a step)", async () => {
    const Bottleneck = quickYieldingBottleneck();
    const limiter = new Bottleneck({ maxConcurrent: 1, minTime: 0 });
    const spy = jest.spyOn(globalThis, 'setTimeout');
    try {
      expect(await limiter.schedule(async () => 'done')).toBe('done');
      const zero = spy.mock.calls.filter(([, ms]) => !ms).length;
      // Neither the start of the job nor its store's steps (6 more) take a timer.
      expect(zero).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });
});

describe("the token's rate-limit count, read with the snapshot", () => {
  const query = { repo: { owner: 'acme', name: 'gitops' }, paths: [DEPLOY_FILE], usage: true };

  it('comes with the read; a server that refuses it leaves it out, and the read stands', async () => {
    const github = connectGitHub({
      token: TOKEN,
      endpoints: { apiUrl: server.url, graphqlUrl: `${server.url}/graphql` },
      timeoutMs: 10_000,
      log: quiet,
    });
    const counted = await github.snapshot(query);
    expect(counted.usage?.used).toBe(1);
    expect(counted.usage?.resetAt).toBeGreaterThan(Date.now());
    // A server without rate limits (a GitHub Enterprise Server may have none) answers the field
    // with an error beside the data.
    const { query: document, variables } = snapshotRequest(query);
    const real = (await (
      await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
      })
    ).json()) as { data: Record<string, unknown> };
    server.inject(({ path }) =>
      path === '/graphql'
        ? {
            status: 200,
            body: {
              data: { ...real.data, usage: null },
              errors: [{ path: ['usage'], message: 'Rate limiting is not enabled.' }],
            },
          }
        : undefined,
    );
    const refused = await github.snapshot(query);
    expect(refused.usage).toBeUndefined();
    expect(refused.base.headOid).toBe(counted.base.headOid);
    expect(refused.base.files.get(DEPLOY_FILE)?.text).toBe(DEPLOYMENT);
  });
});

describe('Bottleneck with its quick start keeps the waits it means', () => {
  it('a minimum time between jobs, and a job with an expiration, still go through timers', async () => {
    const Bottleneck = quickYieldingBottleneck();
    const limiter = new Bottleneck({ maxConcurrent: 1, minTime: 40 });
    const spy = jest.spyOn(globalThis, 'setTimeout');
    try {
      const started: number[] = [];
      const t0 = Date.now();
      await Promise.all(
        [1, 2].map(() => limiter.schedule(async () => started.push(Date.now() - t0))),
      );
      expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(30);
      expect(spy.mock.calls.some(([, ms]) => (ms ?? 0) > 0)).toBe(true);
      spy.mockClear();
      const plain = new Bottleneck({ maxConcurrent: 1, minTime: 0 });
      expect(await plain.schedule({ expiration: 5000 }, async () => 'ran')).toBe('ran');
      // Bottleneck's own start: the job on a timer (0) and its expiration (5000).
      expect(spy.mock.calls.map(([, ms]) => ms)).toEqual(expect.arrayContaining([0, 5000]));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the whole run (runBump) with the read sent at start', () => {
  /** Runs what the start read, with its early read, as the action does. */
  function runStarted(begun: Started) {
    expect(begun.settings).toBeDefined();
    return runBump(begun.settings!, {
      root: process.cwd(),
      endpoints: { apiUrl: server.url, graphqlUrl: `${server.url}/graphql` },
      log: quiet,
      ...(begun.early && { early: begun.early }),
    });
  }

  /** Runs the settings the start reads from `inputs`. */
  const run = async (inputs: Record<string, string>) => runStarted(await started(inputs));

  it('a named branch: the flow asks exactly what was sent (one read)', async () => {
    execFileSync('git', ['--git-dir', server.gitDir('acme/gitops'), 'branch', 'staging', 'main']);
    const result = await run({ branch: 'staging' });
    expect(result.outcome?.operation).toBe('committed');
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
    expect(await server.readFile('acme/gitops', 'staging', DEPLOY_FILE)).toContain(':2222222');
    expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(DEPLOYMENT);
  });

  it('a rerun that finds the tag there: one request in all', async () => {
    await run({});
    server.resetRequests();
    const again = await run({});
    expect(again.outcome?.operation).toBe('none');
    expect(calls(server)).toEqual(['POST /graphql GitopsBumpSnapshot 200']);
  });

  it.each([
    ['a commit', {}],
    ['a pull request', { mode: 'pull-request', merge: 'none' }],
  ] as Array<[string, Record<string, string>]>)(
    'a glob, in %s: the listing is the one sent at start (one listing in all)',
    async (_what, inputs) => {
      const begun = await started({ files: 'manifests/**/*.yaml', ...inputs });
      expect(begun.early).toBeInstanceOf(EarlyRead);
      const result = await runStarted(begun);
      expect(result.outcome?.operation).toBe(inputs.mode ? 'pr-created' : 'committed');
      const listings = calls(server).filter((c) => c.includes('/git/trees/'));
      expect(listings).toEqual(['GET /repos/acme/gitops/git/trees/HEAD 200']);
    },
  );

  it("a glob on a named branch: the listing's address is the one Octokit builds", async () => {
    const branch = 'release/v1.x_rc-2';
    execFileSync('git', ['--git-dir', server.gitDir('acme/gitops'), 'branch', branch, 'main']);
    const begun = await started({ files: 'manifests/**/*.yaml', branch });
    expect(begun.early).toBeInstanceOf(EarlyRead);
    const result = await runStarted(begun);
    expect(result.outcome?.operation).toBe('committed');
    expect(calls(server).filter((c) => c.includes('/git/trees/'))).toHaveLength(1);
    expect(await server.readFile('acme/gitops', branch, DEPLOY_FILE)).toContain(':2222222');
  });

  it.each([
    ['the defaults', {}],
    [
      'labels, reviewers and a team',
      { 'pr-labels': 'deploy, bot', 'pr-reviewers': '@alice\nacme/platform' },
    ],
    ['a dry run (no superseded pull requests asked for)', { 'dry-run': 'true' }],
    [
      'close-superseded off and a named pr-branch',
      { 'close-superseded': 'false', 'pr-branch': 'bump/demo' },
    ],
  ] as Array<[string, Record<string, string>]>)(
    'a pull request with %s: the flow asks exactly what was sent (one read)',
    async (_what, inputs) => {
      const begun = await started({ mode: 'pull-request', merge: 'none', ...inputs });
      expect(begun.early).toBeInstanceOf(EarlyRead);
      const result = await runStarted(begun);
      expect(result.outcome?.operation).toBe(inputs['dry-run'] ? 'none' : 'pr-created');
      expect(calls(server).filter((c) => c.includes('GitopsBumpSnapshot'))).toEqual([
        'POST /graphql GitopsBumpSnapshot 200',
      ]);
    },
  );
});
