// wait-for-merge end to end against the test server, in process with an injected clock and sleep:
// the polls are counted and bounded, no wall time is spent waiting.
import { WrittenError } from '../../src/run/pull-lifecycle.js';
import { type RunResult, runBump } from '../../src/run/run.js';
import { type InputSource, readSettings } from '../../src/run/settings.js';
import type { TestServer } from '../../test-server/index.js';
import { gitopsServer, TOKEN } from './fixtures.js';

const FILE = 'manifests/platform-demo/00-deployment.yaml';

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer({ allowAutoMerge: true, requiredChecks: ['ci'] });
});
afterEach(async () => {
  await server.close();
});

function inputs(values: Record<string, string>): InputSource {
  return {
    get: (name) => values[name] ?? '',
    lines: (name) =>
      (values[name] ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    label: (name) => name,
  };
}

/** A fake clock: sleep moves it forward at once, and runs `onSleep` (GitHub acting meanwhile). */
function clock(onSleep: (n: number) => Promise<void> = async () => {}) {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
      await onSleep(sleeps.length);
    },
  };
}

async function run(
  wait: string,
  time: ReturnType<typeof clock>,
  extra: Record<string, string> = {},
): Promise<RunResult> {
  const settings = await readSettings(
    inputs({
      image: 'ghcr.io/acme/platform-demo:2222222',
      files: FILE,
      repository: 'acme/gitops',
      token: TOKEN,
      mode: 'pull-request',
      'wait-for-merge': wait,
      ...extra,
    }),
  );
  const quiet = { info: () => {}, warning: () => {}, debug: () => {} };
  return runBump(settings, {
    root: '.',
    endpoints: { apiUrl: server.url, graphqlUrl: `${server.url}/graphql` },
    log: quiet,
    sleep: time.sleep,
    now: time.now,
  });
}

const polls = () => server.requests.filter((r) => r.operationName === 'GitopsBumpPullState');

it('waits until the required check passes and GitHub merges: 4 polls, backoff 2, 4, 8 s', async () => {
  const time = clock(async (n) => {
    if (n === 3) {
      const [pull] = server.pulls('acme/gitops');
      await server.setStatus('acme/gitops', pull!.headSha, 'ci', 'success');
    }
  });
  const { outcome } = await run('10m', time);
  const [pull] = server.pulls('acme/gitops');
  expect(pull!.merged).toBe(true);
  expect(time.sleeps).toEqual([2000, 4000, 8000]);
  expect(polls()).toHaveLength(4);
  expect(outcome).toMatchObject({
    operation: 'auto-merge-enabled',
    merged: true,
    mergeCommit: { oid: pull!.mergeCommitSha },
  });
});

it('time up: fails saying so, with the PR link; polls bounded by the backoff (6 in 1m)', async () => {
  const time = clock();
  const error = await run('1m', time).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WrittenError);
  expect((error as Error).message).toBe(
    `Pull request #1 (${server.url}/acme/gitops/pull/1) was not merged within wait-for-merge (1m); it stays open with auto-merge enabled. Check its required checks, or raise wait-for-merge.`,
  );
  expect(time.sleeps).toEqual([2000, 4000, 8000, 16000, 30000]);
  expect(polls()).toHaveLength(6);
  // The outputs still name the PR.
  expect((error as WrittenError).outcome).toMatchObject({ pull: { number: 1 }, merged: false });
});

it('a long wait polls every 30 s at most: 24 polls in 10 minutes', async () => {
  const time = clock();
  await run('10m', time).catch(() => undefined);
  expect(Math.max(...time.sleeps)).toBe(30_000);
  expect(time.sleeps.reduce((a, b) => a + b, 0)).toBe(600_000);
  expect(polls()).toHaveLength(time.sleeps.length + 1);
  expect(polls().length).toBeLessThanOrEqual(24);
});

it('closed without a merge: fails saying so', async () => {
  const time = clock(async (n) => {
    if (n === 1)
      await fetch(`${server.url}/repos/acme/gitops/pulls/1`, {
        method: 'PATCH',
        headers: { authorization: `token ${TOKEN}` },
        body: JSON.stringify({ state: 'closed' }),
      });
  });
  await expect(run('10m', time)).rejects.toThrow(
    `Pull request #1 (${server.url}/acme/gitops/pull/1) was closed without being merged while this step waited for it; nothing was deployed.`,
  );
  expect(polls()).toHaveLength(2);
});

it('merged in the run (already mergeable): merged at once, no poll', async () => {
  await server.close();
  server = await gitopsServer({ allowAutoMerge: true });
  const time = clock();
  const { outcome } = await run('10m', time);
  expect(outcome).toMatchObject({ operation: 'pr-merged', merged: true });
  expect(outcome!.mergeCommit!.oid).toBe(await server.headOf('acme/gitops', 'main'));
  expect(polls()).toHaveLength(0);
});

it.each([
  [{ 'wait-for-merge': '10' }, "wait-for-merge: '10' is not a duration up to 6h"],
  [{ 'wait-for-merge': '7h' }, "wait-for-merge: '7h' is not a duration up to 6h"],
  [{ merge: 'none' }, 'wait-for-merge: waits for a pull request to merge'],
  [{ mode: 'commit' }, 'wait-for-merge: waits for a pull request to merge'],
])('refuses %p before any request', async (extra, message) => {
  await expect(run('10m', clock(), extra)).rejects.toThrow(message);
  expect(server.requests).toHaveLength(0);
});
