// The bundled action in commit mode against the test server: one atomic, signed commit per bump,
// request budgets, reruns, rollbacks, Enterprise URLs, the Contents API path, dry runs.
import type { TestServer } from '../../test-server/index.js';
import { bump, calls, DEPLOYMENT, gitopsServer, KUSTOMIZATION, VERSIONS } from './fixtures.js';

const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const demo = {
  image: 'ghcr.io/acme/platform-demo:2222222',
  files: DEPLOY_FILE,
  container: 'platform-demo',
};

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer();
});
afterEach(async () => {
  await server.close();
});

async function history(branch = 'main') {
  return server.log('acme/gitops', branch);
}

describe('commit mode', () => {
  it('bumps with one signed commit in 2 requests and changes only the tag bytes', async () => {
    const before = await history();
    const run = await bump(server, demo);
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
    const after = await history();
    expect(after).toHaveLength(before.length + 1);
    const commit = after[0]!;
    expect(commit.parents).toEqual([before[0]!.sha]);
    expect(commit.verified).toBe(true);
    expect(commit.message).toBe(
      `Bump platform-demo to 2222222\n\n- ${DEPLOY_FILE}:10 ghcr.io/acme/platform-demo 1111111 → 2222222\n`,
    );
    expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(
      DEPLOYMENT.replace('platform-demo:1111111', 'platform-demo:2222222'),
    );
    expect(run.outputs).toMatchObject({
      changed: 'true',
      operation: 'committed',
      'commit-sha': commit.sha,
      'commit-url': `${server.url}/acme/gitops/commit/${commit.sha}`,
      branch: 'main',
      'pr-number': '',
      'pr-url': '',
      image: 'ghcr.io/acme/platform-demo',
      tag: '2222222',
      'previous-tag': '1111111',
      files: JSON.stringify([DEPLOY_FILE]),
    });
    expect(run.summary).toContain('### gitops-bump: committed in acme/gitops@main');
    expect(run.summary).toContain(
      `Commit: [${commit.sha.slice(0, 7)}](${server.url}/acme/gitops/commit/${commit.sha})`,
    );
    expect(run.summary).toContain(
      `| ${DEPLOY_FILE}:10 | ghcr.io/acme/platform-demo | 1111111 → 2222222 | changed |`,
    );
    for (const group of [
      'Inputs',
      'Read and edit the files',
      'Write: one commit on main',
      'Outputs',
    ])
      expect(run.stdout).toContain(`::group::${group}`);
  });

  it('does nothing on a rerun, in 1 request', async () => {
    await bump(server, demo);
    const head = await server.headOf('acme/gitops', 'main');
    server.resetRequests();
    const rerun = await bump(server, demo);
    expect(rerun.status).toBe(0);
    expect(calls(server)).toEqual(['POST /graphql GitopsBumpSnapshot 200']);
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
    expect(rerun.outputs).toMatchObject({
      changed: 'false',
      operation: 'none',
      'commit-sha': '',
      'previous-tag': '2222222',
    });
    expect(rerun.summary).toContain('nothing to change');
  });

  it('rolls back to an older tag (a workflow_dispatch rerun)', async () => {
    await bump(server, demo);
    const back = await bump(server, { ...demo, image: 'ghcr.io/acme/platform-demo:1111111' });
    expect(back.outputs).toMatchObject({
      changed: 'true',
      operation: 'committed',
      'previous-tag': '2222222',
      tag: '1111111',
    });
    expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(DEPLOYMENT);
  });

  it('writes several files, with a key path, in one atomic commit and still 2 requests', async () => {
    const before = await history();
    const run = await bump(server, {
      image: 'harbor.example.com/vecton/backend:sha-ccccccc',
      files: [
        'apps/vecton-admin/kustomization.yaml',
        'apps/vecton-admin/image-versions.yaml#data.backend',
      ].join('\n'),
    });
    expect(run.status).toBe(0);
    expect(calls(server)).toHaveLength(2);
    const after = await history();
    expect(after).toHaveLength(before.length + 1);
    expect(
      await server.readFile('acme/gitops', 'main', 'apps/vecton-admin/kustomization.yaml'),
    ).toBe(KUSTOMIZATION.replace('sha-aaaaaaa', 'sha-ccccccc'));
    expect(
      await server.readFile('acme/gitops', 'main', 'apps/vecton-admin/image-versions.yaml'),
    ).toBe(VERSIONS.replace('backend: sha-aaaaaaa', 'backend: sha-ccccccc'));
    expect(JSON.parse(run.outputs.files!)).toEqual([
      'apps/vecton-admin/image-versions.yaml',
      'apps/vecton-admin/kustomization.yaml',
    ]);
  });

  it('bumps several images given in images together', async () => {
    const run = await bump(server, {
      images: 'ghcr.io/acme/platform-demo:3333333\nghcr.io/acme/sidecar:1.1.0',
      files: DEPLOY_FILE,
    });
    expect(run.outputs.operation).toBe('committed');
    expect(calls(server)).toHaveLength(2);
    const [commit] = await history();
    expect(commit!.message.split('\n')[0]).toBe('Bump platform-demo to 3333333, sidecar to 1.1.0');
    expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toBe(
      DEPLOYMENT.replace(':1111111', ':3333333').replace('sidecar:1.0.0', 'sidecar:1.1.0'),
    );
  });

  it('expands globs with one listing request', async () => {
    const run = await bump(server, { ...demo, files: 'manifests/**/*.yaml' });
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual([
      'GET /repos/acme/gitops/git/trees/HEAD 200',
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
  });

  it('writes to a named branch', async () => {
    await server.pushCommit('acme/gitops', 'main', {}, 'seed');
    const head = await server.headOf('acme/gitops', 'main');
    // A branch made through the API, as a user would have it.
    const res = await fetch(`${server.url}/repos/acme/gitops/git/refs`, {
      method: 'POST',
      headers: { authorization: 'token ghs_16C7e42F292c6912E7710c838347Ae178B4a' },
      body: JSON.stringify({ ref: 'refs/heads/staging', sha: head }),
    });
    expect(res.status).toBe(201);
    const run = await bump(server, { ...demo, branch: 'staging' });
    expect(run.outputs).toMatchObject({ operation: 'committed', branch: 'staging' });
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
    expect(await server.readFile('acme/gitops', 'staging', DEPLOY_FILE)).toContain(':2222222');
  });

  it('reads and writes nothing in a dry run, in 1 request, and prints the diff', async () => {
    const head = await server.headOf('acme/gitops', 'main');
    const run = await bump(server, { ...demo, 'dry-run': 'true' });
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual(['POST /graphql GitopsBumpSnapshot 200']);
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
    expect(run.outputs).toMatchObject({ changed: 'true', operation: 'none' });
    expect(run.stdout).toContain(
      '-          image: ghcr.io/acme/platform-demo:1111111 # deployed by CI',
    );
    expect(run.stdout).toContain(
      '+          image: ghcr.io/acme/platform-demo:2222222 # deployed by CI',
    );
    expect(run.summary).toContain('dry run: changes to make in acme/gitops');
    // The diff, folded away in the summary.
    expect(run.summary).toContain(
      '<details><summary>Diff (dry run: nothing written)</summary>\n\n```diff\n',
    );
    expect(run.summary).toContain(
      '+          image: ghcr.io/acme/platform-demo:2222222 # deployed by CI\n',
    );
    expect(run.summary).toMatch(/```\n\n<\/details>/);
  });

  it('uses the Contents API on request: GET-equivalent read + PUT with the blob sha', async () => {
    const run = await bump(server, { ...demo, 'commit-api': 'contents' });
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      // Octokit encodes the path's slashes; GitHub accepts both forms.
      `PUT /repos/acme/gitops/contents/${encodeURIComponent(DEPLOY_FILE)} 200`,
    ]);
    const [commit] = await history();
    expect(commit!.verified).toBe(true);
    expect(run.outputs['commit-sha']).toBe(commit!.sha);
    expect(await server.readFile('acme/gitops', 'main', DEPLOY_FILE)).toContain(':2222222 #');
  });

  it('refuses a multi-file bump through the Contents API before writing anything', async () => {
    const head = await server.headOf('acme/gitops', 'main');
    const run = await bump(server, {
      image: 'harbor.example.com/vecton/backend:sha-ccccccc',
      files:
        'apps/vecton-admin/kustomization.yaml\napps/vecton-admin/image-versions.yaml#data.backend',
      'commit-api': 'contents',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "::error::commit-api: 'contents' writes one file per commit, and this bump changes 2 files (apps/vecton-admin/image-versions.yaml, apps/vecton-admin/kustomization.yaml); use commit-api: graphql for one atomic commit.",
    );
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
  });

  it.each([
    [
      '/api/v3 with GITHUB_GRAPHQL_URL',
      (s: TestServer) => ({ GITHUB_API_URL: s.apiUrl, GITHUB_GRAPHQL_URL: s.graphqlUrl }),
    ],
    [
      '/api/v3 alone (GraphQL URL derived)',
      (s: TestServer) => ({ GITHUB_API_URL: s.apiUrl, GITHUB_GRAPHQL_URL: '' }),
    ],
  ])('works against GitHub Enterprise URLs: %s', async (_name, env) => {
    const run = await bump(server, { ...demo, files: 'manifests/*/*.yaml' }, env(server));
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('committed');
    expect(server.requests.map((r) => r.url.split('?')[0])).toEqual([
      '/api/v3/repos/acme/gitops/git/trees/HEAD',
      '/api/graphql',
      '/api/graphql',
    ]);
  });

  it('re-reads and re-applies when another writer moved the branch, keeping both changes', async () => {
    let moved = false;
    server.inject(({ body }) => {
      const op = (body as { query?: string })?.query ?? '';
      if (moved || !op.includes('GitopsBumpCommit')) return undefined;
      moved = true;
      return {
        before: async () => {
          await server.pushCommit(
            'acme/gitops',
            'main',
            { [DEPLOY_FILE]: DEPLOYMENT.replace('sidecar:1.0.0', 'sidecar:9.9.9') },
            'another writer',
          );
        },
      };
    });
    const run = await bump(server, demo);
    expect(run.status).toBe(0);
    expect(calls(server)).toEqual([
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
      'POST /graphql GitopsBumpSnapshot 200',
      'POST /graphql GitopsBumpCommit 200',
    ]);
    // One other writer, no crowd on the token's count: a random wait, said with its length.
    expect(run.stdout).toMatch(
      /main moved while this bump was being written \(attempt 1\); re-reading in \d+\.\d s \(a random wait\)\./,
    );
    const text = await server.readFile('acme/gitops', 'main', DEPLOY_FILE);
    expect(text).toContain('platform-demo:2222222');
    expect(text).toContain('sidecar:9.9.9');
    const log = await history();
    expect(log[0]!.message.startsWith('Bump platform-demo')).toBe(true);
    expect(log[1]!.message).toBe('another writer\n');
  });
});
