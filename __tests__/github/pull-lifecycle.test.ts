// The pull request's life end to end against the test server: an open PR judged against what the
// base holds (refused or already deployed: closed with a comment), one open PR per image set
// (older ones superseded), per-step errors of labels and reviewers, outputs when a merge fails.
import type { TestServer } from '../../test-server/index.js';
import { bump, calls, gitopsServer, TOKEN } from './fixtures.js';

const API = 'apps/api/values.yaml';
const WORKER = 'apps/worker/values.yaml';
const values = (image: string, tag: string) =>
  `image:\n  repository: ghcr.io/acme/${image}\n  tag: ${tag} # deployed\nreplicas: 2\n`;

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer({ allowAutoMerge: true, requiredChecks: ['ci'], teams: ['sre'] });
  await server.pushCommit(
    'acme/gitops',
    'main',
    { [API]: values('api', '1.0.0'), [WORKER]: values('worker', '1.0.0') },
    'apps',
  );
  server.resetRequests();
});
afterEach(async () => {
  await server.close();
});

const pr = (tag: string, extra: Record<string, string> = {}) => ({
  image: `ghcr.io/acme/api:${tag}`,
  files: API,
  mode: 'pull-request',
  ...extra,
});

describe('an open pull request is judged against the base branch', () => {
  it('the issue reproduction: a stale downgrade PR is closed as refused by policy, not merged', async () => {
    const first = await bump(server, pr('1.0.1', { merge: 'none' }));
    expect(first.outputs).toMatchObject({ operation: 'pr-created', 'pr-number': '1' });
    const branch = server.pulls('acme/gitops')[0]!.headRef;
    await server.pushCommit('acme/gitops', 'main', { [API]: values('api', '1.4.0') }, '1.4.0');
    server.resetRequests();

    const rerun = await bump(server, pr('1.0.1', { merge: 'auto' }));
    expect(rerun.status).toBe(0);
    // One read, one request that comments, closes and deletes the branch.
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpClosePulls 200',
    ]);
    const [pull] = server.pulls('acme/gitops');
    expect(pull).toMatchObject({ state: 'closed', merged: false, autoMerge: null });
    expect(pull!.comments[0]!.body).toContain(
      `its change is refused by policy against main (what is deployed): ${API}:3 ghcr.io/acme/api 1.4.0 → 1.0.1: 1.0.1 is lower than 1.4.0`,
    );
    expect(await server.headOf('acme/gitops', branch)).toBeUndefined();
    expect(await server.readFile('acme/gitops', 'main', API)).toBe(values('api', '1.4.0'));
    expect(rerun.stdout).not.toContain('already holds the requested version');
    expect(rerun.stdout).toContain('Closed pull request #1: refused by policy against main');
    expect(rerun.outputs).toMatchObject({
      changed: 'false',
      operation: 'pr-closed',
      'pr-number': '1',
      branch,
      tag: '1.4.0',
      'previous-tag': '1.4.0',
      'commit-sha': '',
      merged: 'false',
    });
    expect(rerun.summary).toContain('### gitops-bump: refused by policy, pull request closed');
    expect(rerun.summary).toContain('| refused by policy: 1.0.1 is lower than 1.4.0');
  });

  it('on-policy-violation: fail: the step fails, and the open PR carrying the change is closed', async () => {
    await bump(server, pr('1.0.1'));
    expect(server.pulls('acme/gitops')[0]!.autoMerge).not.toBeNull();
    await server.pushCommit('acme/gitops', 'main', { [API]: values('api', '1.4.0') }, '1.4.0');
    const run = await bump(server, pr('1.0.1', { 'on-policy-violation': 'fail' }));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `Pull request #1 (${server.url}/acme/gitops/pull/1), which carried that change, was closed.`,
    );
    const [pull] = server.pulls('acme/gitops');
    expect(pull).toMatchObject({ state: 'closed', merged: false, autoMerge: null });
    expect(pull!.comments[0]!.body).toContain(
      'against main (what is deployed), the version policy refused a bump, so nothing was written (on-policy-violation: fail):',
    );
    expect(await server.readFile('acme/gitops', 'main', API)).toBe(values('api', '1.4.0'));
    expect(run.outputs).toMatchObject({
      operation: 'pr-closed',
      'pr-number': '1',
      changed: 'false',
    });
    expect(run.summary).toContain(
      'Closed before the failure: pull request #1; nothing was merged.',
    );
  });

  it('a PR whose change the base already holds is closed as no longer needed', async () => {
    await bump(server, pr('1.0.1'));
    await server.pushCommit('acme/gitops', 'main', { [API]: values('api', '1.0.1') }, 'by hand');
    const rerun = await bump(server, pr('1.0.1'));
    expect(rerun.outputs).toMatchObject({ operation: 'pr-closed', changed: 'false', tag: '1.0.1' });
    expect(server.pulls('acme/gitops')[0]!.comments[0]!.body).toBe(
      'gitops-bump closed this pull request: main already holds the requested version, so it is no longer needed.',
    );
  });

  it('a lost answer to closing the PR fails the run and says so (a new round could not tell who closed it)', async () => {
    await bump(server, pr('1.0.1'));
    await server.pushCommit('acme/gitops', 'main', { [API]: values('api', '1.0.1') }, 'by hand');
    server.inject(({ body }) =>
      JSON.stringify(body ?? '').includes('mutation GitopsBumpClosePulls')
        ? { status: 502, body: { message: 'Bad Gateway' }, applyThenFail: true }
        : undefined,
    );
    server.resetRequests();
    const rerun = await bump(server, pr('1.0.1'));
    expect(rerun.status).toBe(1);
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpClosePulls 502',
    ]);
    expect(rerun.stdout).toContain(
      "Closing pull request #1: GitHub's answer was lost (Bad Gateway), so whether it happened is not known. Run again: a new run reads what landed.",
    );
    expect(rerun.stdout).not.toContain('no pull request needed');
    expect(server.pulls('acme/gitops')[0]!.state).toBe('closed');
  });

  it('a PR built on an older base is rewritten as the base plus the bump (no stale lines)', async () => {
    await bump(server, pr('1.0.1'));
    const moved = values('api', '1.0.0').replace('replicas: 2', 'replicas: 5');
    await server.pushCommit('acme/gitops', 'main', { [API]: moved }, 'scale up');
    server.resetRequests();
    const rerun = await bump(server, pr('1.0.1'));
    expect(rerun.outputs).toMatchObject({ operation: 'pr-updated', changed: 'true' });
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpUpdatePull 200',
    ]);
    const branch = server.pulls('acme/gitops')[0]!.headRef;
    expect(await server.readFile('acme/gitops', branch, API)).toBe(moved.replace('1.0.0', '1.0.1'));
  });

  it('a place the base now refuses is taken out of the PR; the others stay', async () => {
    const files = `${API}\napps/api-canary/values.yaml`;
    await server.pushCommit(
      'acme/gitops',
      'main',
      { 'apps/api-canary/values.yaml': values('api', '1.0.0') },
      'canary',
    );
    await bump(server, pr('1.0.1', { files }));
    await server.pushCommit('acme/gitops', 'main', { [API]: values('api', '1.4.0') }, '1.4.0');
    const rerun = await bump(server, pr('1.0.1', { files }));
    expect(rerun.outputs).toMatchObject({ operation: 'pr-updated', changed: 'true' });
    const branch = server.pulls('acme/gitops')[0]!.headRef;
    // The refused place holds what main holds; the canary keeps the bump.
    expect(await server.readFile('acme/gitops', branch, API)).toBe(values('api', '1.4.0'));
    expect(await server.readFile('acme/gitops', branch, 'apps/api-canary/values.yaml')).toBe(
      values('api', '1.0.1'),
    );
    expect(rerun.stdout).toContain(
      `::warning::${API}:3 ghcr.io/acme/api not bumped: 1.0.1 is lower than 1.4.0`,
    );
  });

  it('wait-for-merge in the action: a PR merged in the run sets merged and merge-commit-sha at once', async () => {
    await server.close();
    server = await gitopsServer({ allowAutoMerge: true });
    await server.pushCommit('acme/gitops', 'main', { [API]: values('api', '1.0.0') }, 'api');
    const run = await bump(server, pr('1.0.1', { 'wait-for-merge': '10m' }));
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({
      operation: 'pr-merged',
      merged: 'true',
      'merge-commit-sha': await server.headOf('acme/gitops', 'main'),
    });
    expect(server.requests.filter((r) => r.operationName === 'GitopsBumpPullState')).toHaveLength(
      0,
    );
  });

  it('a dry run says the PR would be closed, and writes nothing', async () => {
    await bump(server, pr('1.0.1', { merge: 'none' }));
    await server.pushCommit('acme/gitops', 'main', { [API]: values('api', '1.4.0') }, '1.4.0');
    server.resetRequests();
    const dry = await bump(server, pr('1.0.1', { 'dry-run': 'true' }));
    expect(calls(server)).toEqual(['POST /graphql GitopsBumpSnapshot 200']);
    expect(dry.stdout).toContain('Dry run: pull request #1 would be closed: refused by policy');
    expect(dry.outputs).toMatchObject({ operation: 'refused', 'pr-number': '1' });
    expect(server.pulls('acme/gitops')[0]!.state).toBe('open');
  });
});

describe('one open pull request per image', () => {
  it('a PR for the same image from another files list supersedes the older one: 1 extra request', async () => {
    await bump(server, pr('1.0.1'));
    const [older] = server.pulls('acme/gitops');
    server.resetRequests();
    const run = await bump(server, pr('1.0.2', { files: `${API}\napps/*/values.yaml` }));
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual([
      'GET /repos/acme/gitops/git/trees/HEAD 200', // the glob's listing
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpOpenPull 200',
      'POST /graphql GitopsBumpClosePulls 200',
      'POST /graphql GitopsBumpFinishPull 200',
    ]);
    const pulls = server.pulls('acme/gitops');
    expect(pulls.map((p) => [p.number, p.state])).toEqual([
      [1, 'closed'],
      [2, 'open'],
    ]);
    expect(pulls[0]!.comments).toEqual([
      {
        user: 'gitops-bump[bot]',
        body: `Superseded by #2 (${server.url}/acme/gitops/pull/2), which gitops-bump now keeps up to date for these images. Closed by gitops-bump.`,
      },
    ]);
    expect(await server.headOf('acme/gitops', older!.headRef)).toBeUndefined();
    expect(run.outputs).toMatchObject({ 'pr-number': '2', superseded: '[1]' });
    expect(run.stdout).toContain('Closed pull request #1, superseded by #2 (its branch deleted).');
    expect(run.summary).toContain('Superseded: #1');
  });

  it('supersedes PRs for a subset of the images, all in one request', async () => {
    await bump(server, pr('1.0.1')); // #1: api
    await bump(server, { image: 'ghcr.io/acme/worker:1.0.1', files: WORKER, mode: 'pull-request' }); // #2: worker
    server.resetRequests();
    const run = await bump(server, {
      images: 'ghcr.io/acme/api:1.0.2\nghcr.io/acme/worker:1.0.2',
      files: `${API}\n${WORKER}`,
      mode: 'pull-request',
    });
    expect(run.status).toBe(0);
    const closing = server.requests.filter((r) => r.operationName === 'GitopsBumpClosePulls');
    expect(closing).toHaveLength(1);
    const states = server.pulls('acme/gitops').map((p) => [p.number, p.state]);
    expect(states).toEqual([
      [1, 'closed'],
      [2, 'closed'],
      [3, 'open'],
    ]);
    expect(JSON.parse(run.outputs.superseded!)).toEqual([1, 2]);
  });

  it('never supersedes a PR for other images (a superset is not a subset)', async () => {
    await bump(server, {
      images: 'ghcr.io/acme/api:1.0.1\nghcr.io/acme/worker:1.0.1',
      files: `${API}\n${WORKER}`,
      mode: 'pull-request',
    }); // #1: api + worker
    await bump(server, { image: 'ghcr.io/acme/worker:1.0.2', files: WORKER, mode: 'pull-request' }); // #2
    const run = await bump(server, pr('1.0.2')); // #3: api only
    expect(run.outputs.superseded).toBe('[]');
    expect(server.pulls('acme/gitops').map((p) => p.state)).toEqual(['open', 'open', 'open']);
  });

  it('close-superseded: false leaves the older PR open', async () => {
    await bump(server, pr('1.0.1'));
    const run = await bump(
      server,
      pr('1.0.2', { files: `${API}\napps/*/values.yaml`, 'close-superseded': 'false' }),
    );
    expect(run.outputs.superseded).toBe('[]');
    expect(server.pulls('acme/gitops').map((p) => p.state)).toEqual(['open', 'open']);
  });

  it('a PR without the marker (not opened by this action) is never closed', async () => {
    const headers = { authorization: `token ${TOKEN}` };
    await fetch(`${server.url}/repos/acme/gitops/git/refs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        ref: 'refs/heads/human',
        sha: await server.headOf('acme/gitops', 'main'),
      }),
    });
    await server.pushCommit('acme/gitops', 'human', { [API]: values('api', '1.0.5') }, 'human');
    await fetch(`${server.url}/repos/acme/gitops/pulls`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'api 1.0.5', head: 'human', base: 'main', body: 'by hand' }),
    });
    await bump(server, pr('1.0.1'));
    expect(server.pulls('acme/gitops').map((p) => p.state)).toEqual(['open', 'open']);
  });
});

describe('each finishing step reports its own error', () => {
  it('a reviewer who is the PR author is skipped with a warning; auto-merge is still enabled', async () => {
    const run = await bump(server, pr('1.0.1', { 'pr-reviewers': 'gitops-bump[bot]' }));
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('auto-merge-enabled');
    expect(run.stdout).toContain(
      "::warning::pr-reviewers: 'gitops-bump[bot]' opened pull request #1, and GitHub does not let an author review their own pull request; not requested.",
    );
  });

  it('an unknown team is named under its own step; labels and auto-merge still happen', async () => {
    const run = await bump(
      server,
      pr('1.0.1', { 'pr-reviewers': 'acme/sre, acme/ghosts', 'pr-labels': 'deploy' }),
    );
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('auto-merge-enabled');
    expect(run.stdout).toContain(
      '::warning::GitHub answered 422 while requesting review from the team acme/sre, acme/ghosts on pull request #1: Reviews may only be requested from collaborators.',
    );
    expect(run.stdout).not.toContain('enabling auto-merge');
    const [pull] = server.pulls('acme/gitops');
    expect(pull!.labels).toEqual(['deploy']);
    expect(pull!.autoMerge).not.toBeNull();
  });

  it('a reviewer step refused inside the one finish document is reported under that step', async () => {
    server.addUser('octocat');
    // GitHub runs every step of the document; the answer carries the reviewers' error alone.
    server.inject(({ body }) =>
      JSON.stringify(body ?? '').includes('mutation GitopsBumpFinishPull')
        ? {
            status: 200,
            applyThenFail: true,
            body: {
              data: {
                requestReviews: null,
                enablePullRequestAutoMerge: {
                  pullRequest: { autoMergeRequest: { enabledAt: '2026-01-01T00:00:00Z' } },
                },
              },
              errors: [
                {
                  type: 'FORBIDDEN',
                  path: ['requestReviews'],
                  message: 'octocat is not a collaborator of acme/gitops.',
                },
              ],
            },
          }
        : undefined,
    );
    const run = await bump(server, pr('1.0.1', { 'pr-reviewers': 'octocat' }));
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('auto-merge-enabled');
    expect(run.stdout).toContain(
      '::warning::GitHub refused requesting reviews on pull request #1: octocat is not a collaborator of acme/gitops.',
    );
    expect(run.stdout).not.toContain('enabling auto-merge on pull request #1:');
  });

  it('a lost answer to the finish step is read again, not reported as a failure', async () => {
    let left = 1;
    server.inject(({ body }) => {
      if (left <= 0 || !JSON.stringify(body ?? '').includes('mutation GitopsBumpFinishPull'))
        return undefined;
      left--;
      return { status: 502, body: { message: 'Bad Gateway' }, applyThenFail: true };
    });
    const run = await bump(server, pr('1.0.1'));
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpOpenPull 200',
      'POST /graphql GitopsBumpFinishPull 502',
      'POST /graphql GitopsBumpSnapshot 200',
    ]);
    // The one retry loop's least wait: a lost answer says nothing about other writers (it was
    // once 48 rounds of the PR flow's own loop, half a minute on a busy runner).
    const wait = /checking whether it landed in ([\d.]+) s \(a random wait\)/.exec(run.stdout);
    expect(Number(wait?.[1])).toBeLessThanOrEqual(1);
    const [pull] = server.pulls('acme/gitops');
    expect(pull!.autoMerge).not.toBeNull();
    // The first round's write is reported, not a "nothing to do".
    expect(run.outputs).toMatchObject({
      'pr-number': '1',
      operation: 'auto-merge-enabled',
      changed: 'true',
      'commit-sha': pull!.headSha,
    });
  });

  it('merge: now refused by GitHub still sets the pr-* outputs and writes a failure summary', async () => {
    const run = await bump(server, pr('1.0.1', { merge: 'now' }));
    expect(run.status).toBe(1);
    expect(run.outputs).toMatchObject({
      'pr-number': '1',
      'pr-url': `${server.url}/acme/gitops/pull/1`,
      operation: 'pr-created',
      changed: 'true',
    });
    expect(run.summary).toContain('### gitops-bump: failed');
    expect(run.summary).toContain('was opened but could not be merged');
    expect(run.summary).toContain('Written before the failure: pull request #1');
  });
});
