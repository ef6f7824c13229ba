// The bundled action in pull-request mode against the test server: auto-merge, immediate
// merge, the "clean status" answer, PR reuse on reruns and newer builds, labels and reviewers.
import type { TestServer } from '../../test-server/index.js';
import { bump, calls, DEPLOYMENT, gitopsServer, KUSTOMIZATION, VERSIONS } from './fixtures.js';

const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const pr = {
  image: 'ghcr.io/acme/platform-demo:2222222',
  files: DEPLOY_FILE,
  mode: 'pull-request',
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(repo: Parameters<typeof gitopsServer>[0] = {}): Promise<TestServer> {
  server = await gitopsServer({ allowAutoMerge: true, ...repo });
  return server;
}

describe('pull-request mode', () => {
  it('merges at once when GitHub says the PR is already mergeable ("clean status"), in 4 requests', async () => {
    const s = await start();
    const run = await bump(s, pr);
    expect(run.status).toBe(0);
    expect(calls(s)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpOpenPull 200',
      'POST /graphql GitopsBumpFinishPull 200',
      'POST /graphql GitopsBumpMerge 200',
    ]);
    const [pull] = s.pulls('acme/gitops');
    expect(pull).toMatchObject({ merged: true, number: 1, title: 'Bump platform-demo to 2222222' });
    expect(pull!.body).toContain(
      `| ${DEPLOY_FILE}:10 | ghcr.io/acme/platform-demo | 1111111 | 2222222 |`,
    );
    expect(pull!.body).toContain(`Opened by [gitops-bump](${s.url}/acme/app/actions/runs/42).`);
    const [merge] = await s.log('acme/gitops', 'main');
    expect(merge!.verified).toBe(true);
    expect(merge!.parents).toHaveLength(1); // squash
    expect(await s.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(
      DEPLOYMENT.replace(':1111111', ':2222222'),
    );
    expect(run.outputs).toMatchObject({
      changed: 'true',
      operation: 'pr-merged',
      'pr-number': '1',
      'pr-url': `${s.url}/acme/gitops/pull/1`,
      'commit-sha': merge!.sha,
      branch: pull!.headRef,
      'previous-tag': '1111111',
    });
    expect(pull!.headRef).toMatch(/^gitops-bump\/platform-demo-[0-9a-f]{8}$/);
    expect(run.summary).toContain(`Pull request: [#1](${s.url}/acme/gitops/pull/1)`);
    expect(run.stdout).toContain(
      'GitHub says pull request #1 is already mergeable: merging it now.',
    );
  });

  it('enables auto-merge when checks are required, in 3 requests; GitHub merges when they pass', async () => {
    const s = await start({ requiredChecks: ['ci'] });
    const run = await bump(s, pr);
    expect(run.status).toBe(0);
    expect(calls(s)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpOpenPull 200',
      'POST /graphql GitopsBumpFinishPull 200',
    ]);
    expect(run.outputs).toMatchObject({ operation: 'auto-merge-enabled', 'pr-number': '1' });
    const [pull] = s.pulls('acme/gitops');
    expect(pull!.autoMerge?.mergeMethod).toBe('squash');
    expect(pull!.merged).toBe(false);
    expect(run.outputs['commit-sha']).toBe(pull!.headSha);
    await s.setStatus('acme/gitops', pull!.headSha, 'ci', 'success');
    expect(s.pulls('acme/gitops')[0]!.merged).toBe(true);
  });

  it('reuses the open PR on a rerun: 1 request, no new commit, no duplicate', async () => {
    const s = await start({ requiredChecks: ['ci'] });
    const first = await bump(s, pr);
    const headBefore = s.pulls('acme/gitops')[0]!.headSha;
    s.resetRequests();
    const rerun = await bump(s, pr);
    expect(rerun.status).toBe(0);
    expect(calls(s)).toEqual(['POST /graphql GitopsBumpSnapshot 200']);
    expect(s.pulls('acme/gitops')).toHaveLength(1);
    expect(s.pulls('acme/gitops')[0]!.headSha).toBe(headBefore);
    expect(rerun.outputs).toMatchObject({
      changed: 'false',
      operation: 'none',
      'pr-number': first.outputs['pr-number'],
      'pr-url': first.outputs['pr-url'],
      branch: first.outputs.branch, // the PR branch that holds the change
      tag: '1111111', // what main holds: nothing was written
      merged: 'false',
    });
    expect(rerun.stdout).toContain('Pull request #1 already holds this bump against main.');
    // The summary agrees with changed=false: not "nothing to change", not "changed".
    expect(rerun.summary).toContain(
      '### gitops-bump: pull request #1 already holds the change in acme/gitops@main',
    );
    expect(rerun.summary).toContain('| 1111111 → 2222222 | in pull request #1 |');
    expect(rerun.summary).not.toMatch(/\| changed \||nothing to change/);
  });

  it('updates the same PR for a newer build, in 2 requests', async () => {
    const s = await start({ requiredChecks: ['ci'] });
    await bump(s, pr);
    s.resetRequests();
    const newer = await bump(s, { ...pr, image: 'ghcr.io/acme/platform-demo:3333333' });
    expect(newer.status).toBe(0);
    expect(calls(s)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpUpdatePull 200',
    ]);
    const pulls = s.pulls('acme/gitops');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.title).toBe('Bump platform-demo to 3333333');
    expect(newer.outputs).toMatchObject({
      operation: 'pr-updated',
      'pr-number': '1',
      'previous-tag': '1111111',
    });
    expect(await s.readFile('acme/gitops', pulls[0]!.headRef, DEPLOY_FILE)).toBe(
      DEPLOYMENT.replace(':1111111', ':3333333'),
    );
    const commits = await s.log('acme/gitops', pulls[0]!.headRef);
    expect(commits.slice(0, 2).every((c) => c.verified)).toBe(true);
  });

  it('merges at once with merge: now (the Vecton squash flow), two files in one commit, 3 requests', async () => {
    const s = await start();
    const run = await bump(s, {
      image: 'harbor.example.com/vecton/backend:sha-ccccccc',
      files:
        'apps/vecton-admin/image-versions.yaml#data.backend\napps/vecton-admin/kustomization.yaml',
      mode: 'pull-request',
      merge: 'now',
    });
    expect(run.status).toBe(0);
    expect(calls(s)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpOpenPull 200',
      'POST /graphql GitopsBumpFinishPull 200',
    ]);
    expect(run.outputs.operation).toBe('pr-merged');
    expect(await s.readFile('acme/gitops', 'main', 'apps/vecton-admin/kustomization.yaml')).toBe(
      KUSTOMIZATION.replace('sha-aaaaaaa', 'sha-ccccccc'),
    );
    expect(await s.readFile('acme/gitops', 'main', 'apps/vecton-admin/image-versions.yaml')).toBe(
      VERSIONS.replace('backend: sha-aaaaaaa', 'backend: sha-ccccccc'),
    );
  });

  it('merges directly when auto-merge is not allowed in the repository, and says so', async () => {
    const s = await start({ allowAutoMerge: false });
    const run = await bump(s, pr);
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('pr-merged');
    expect(calls(s)).toHaveLength(3);
    expect(run.stdout).toContain(
      '::warning::Auto-merge is not allowed in acme/gitops (Settings → General → "Allow auto-merge"); merging the pull request now if GitHub allows it.',
    );
  });

  it('leaves the PR open with a warning when auto-merge is not allowed and checks are pending', async () => {
    const s = await start({ allowAutoMerge: false, requiredChecks: ['ci'] });
    const run = await bump(s, pr);
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ operation: 'pr-created', 'pr-number': '1' });
    expect(s.pulls('acme/gitops')[0]!.state).toBe('open');
    expect(run.stdout).toContain('::warning::Pull request #1 is open but could not be merged yet');
  });

  it('fails with the fix when merge: now meets pending required checks; the PR stays open', async () => {
    const s = await start({ requiredChecks: ['ci'] });
    const run = await bump(s, { ...pr, merge: 'now' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `::error::Pull request #1 (${s.url}/acme/gitops/pull/1) was opened but could not be merged:`,
    );
    expect(run.stdout).toContain(
      'Use merge: auto to let GitHub merge it once the required checks pass.',
    );
    expect(s.pulls('acme/gitops')[0]!.state).toBe('open');
  });

  it('opens the PR with merge: none and adds labels and reviewers (missing labels are created)', async () => {
    const s = await start();
    s.addUser('octocat');
    const run = await bump(s, {
      ...pr,
      merge: 'none',
      'pr-labels': 'deploy, automated',
      'pr-reviewers': '@octocat, nobody-here',
    });
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('pr-created');
    // An unknown reviewer is named; the others are still requested.
    expect(run.stdout).toContain(
      "::warning::pr-reviewers: no GitHub user 'nobody-here'; not requested.",
    );
    const [pull] = s.pulls('acme/gitops');
    expect(pull!.labels.sort()).toEqual(['automated', 'deploy']);
    expect(pull!.requestedReviewers).toEqual(['octocat']);
    expect(pull!.state).toBe('open');
  });

  it('does nothing when the branch already holds the version (no PR), in 1 request', async () => {
    const s = await start();
    const run = await bump(s, { ...pr, image: 'ghcr.io/acme/platform-demo:1111111' });
    expect(run.outputs).toMatchObject({
      changed: 'false',
      operation: 'none',
      'pr-number': '',
      branch: '', // no pull request, nothing written
    });
    expect(run.stdout).toContain(
      'Nothing to deploy: main already holds the requested version; no pull request needed.',
    );
    expect(calls(s)).toHaveLength(1);
    expect(s.pulls('acme/gitops')).toHaveLength(0);
  });

  it('resets a left-over PR branch whose PR was closed, and opens a new PR', async () => {
    const s = await start({ requiredChecks: ['ci'] });
    await bump(s, pr);
    const [old] = s.pulls('acme/gitops');
    const closed = await fetch(`${s.url}/repos/acme/gitops/pulls/${old!.number}`, {
      method: 'PATCH',
      headers: { authorization: 'token ghs_16C7e42F292c6912E7710c838347Ae178B4a' },
      body: JSON.stringify({ state: 'closed' }),
    });
    expect(closed.status).toBe(200);
    const run = await bump(s, { ...pr, image: 'ghcr.io/acme/platform-demo:4444444' });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ operation: 'auto-merge-enabled', 'pr-number': '2' });
    const head = s.pulls('acme/gitops')[1]!.headRef;
    expect(head).toBe(old!.headRef);
    const log = await s.log('acme/gitops', head);
    expect(log[1]!.sha).toBe(await s.headOf('acme/gitops', 'main'));
  });

  it('refuses a merge method the repository does not allow, before writing', async () => {
    const s = await start({ allowRebase: false });
    const run = await bump(s, { ...pr, 'merge-method': 'rebase' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "::error::merge-method: 'rebase' is not allowed in acme/gitops; use squash or merge, or allow it in the repository settings.",
    );
    expect(s.pulls('acme/gitops')).toHaveLength(0);
    expect(calls(s)).toHaveLength(1);
  });
});
