import { execFileSync } from 'node:child_process';
import { startTestServer, type TestServer } from '../../test-server/index.js';
import { b64, rest, unb64 } from './helpers.js';
import { validateRestResponse } from './openapi.js';

const REPO = 'acme/gitops';
const VALUES = 'image:\n  repository: ghcr.io/acme/web\n  tag: v1.0.0\n';
let server: TestServer;

/** Fails the test with the schema errors when a body does not match GitHub's description. */
function expectSchema(method: string, template: string, status: number, body: unknown): void {
  expect(validateRestResponse(method, template, status, body)).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer();
  await server.createRepo(REPO, {
    files: {
      'apps/web/values.yaml': VALUES,
      'README.md': '# gitops\n',
      'big.bin': Buffer.alloc(1024 * 1024 + 10, 7),
    },
  });
  await server.createRepo('acme/protected', {
    files: { 'a.txt': 'a\n' },
    protectedBranch: true,
  });
  const rw = { contents: 'write', pullRequests: 'write' } as const;
  server.addToken('app-rw', {
    login: 'gitops-bump[bot]',
    kind: 'app',
    repos: { [REPO]: rw, 'acme/protected': rw },
  });
  server.addToken('pat-ro', {
    login: 'alice',
    kind: 'pat',
    repos: { [REPO]: { contents: 'read', pullRequests: 'read' } },
  });
  server.addToken('app-ro', {
    login: 'reader[bot]',
    kind: 'app',
    repos: { [REPO]: { contents: 'read' } },
  });
  server.addToken('app-other', {
    login: 'other[bot]',
    kind: 'app',
    repos: { 'acme/elsewhere': rw },
  });
});

afterAll(async () => {
  await server.close();
});

describe('authentication and permissions', () => {
  it('answers 401 Bad credentials without or with an unknown token', async () => {
    for (const token of [undefined, 'nope']) {
      const r = await rest(server, token, 'GET', `/repos/${REPO}`);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
  });

  it('accepts Bearer as well as token', async () => {
    const r = await rest(server, undefined, 'GET', `/repos/${REPO}`, undefined, {
      authorization: 'Bearer app-rw',
    });
    expect(r.status).toBe(200);
  });

  it('hides repositories outside the token with 404', async () => {
    const r = await rest(server, 'app-other', 'GET', `/repos/${REPO}`);
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('Not Found');
    expectSchema('get', '/repos/{owner}/{repo}', 404, r.body);
  });

  it('refuses writes without permission with the token kind in the message', async () => {
    const head = await server.headOf(REPO, 'main');
    const pat = await rest(server, 'pat-ro', 'POST', `/repos/${REPO}/git/refs`, {
      ref: 'refs/heads/x',
      sha: head,
    });
    expect(pat.status).toBe(403);
    expect(pat.body.message).toBe('Resource not accessible by personal access token');
    const app = await rest(server, 'app-ro', 'POST', `/repos/${REPO}/git/refs`, {
      ref: 'refs/heads/x',
      sha: head,
    });
    expect(app.status).toBe(403);
    expect(app.body.message).toBe('Resource not accessible by integration');
    const pulls = await rest(server, 'app-ro', 'GET', `/repos/${REPO}/pulls`);
    expect(pulls.status).toBe(403);
  });

  it('sends GitHub-like headers', async () => {
    const r = await rest(server, 'app-rw', 'GET', `/repos/${REPO}`);
    expect(r.headers.get('x-github-request-id')).toMatch(/^[0-9A-F:]+$/);
    expect(r.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(Number(r.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
    expect(r.headers.get('x-ratelimit-resource')).toBe('core');
    expect(r.headers.get('x-oauth-scopes')).toBeNull();
  });
});

describe('repository and refs', () => {
  it('GET /repos/{owner}/{repo} matches full-repository', async () => {
    const r = await rest(server, 'app-rw', 'GET', `/repos/${REPO}`);
    expect(r.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}', 200, r.body);
    expect(r.body).toMatchObject({
      full_name: REPO,
      default_branch: 'main',
      allow_auto_merge: false,
      allow_squash_merge: true,
      allow_merge_commit: true,
      allow_rebase_merge: true,
      permissions: { push: true, pull: true },
    });
    expect(r.body.html_url).toBe(`${server.url}/${REPO}`);
  });

  it('serves the same API under /api/v3 with GHES-style URLs', async () => {
    const r = await rest(server, 'app-rw', 'GET', `/api/v3/repos/${REPO}`);
    expect(r.status).toBe(200);
    expect(r.body.url).toBe(`${server.apiUrl}/repos/${REPO}`);
    expect(server.requests.at(-1)?.path).toBe(`/repos/${REPO}`);
  });

  it('GET branch and git ref', async () => {
    const head = await server.headOf(REPO, 'main');
    const b = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/branches/main`);
    expect(b.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/branches/{branch}', 200, b.body);
    expect(b.body.commit.sha).toBe(head);
    const ref = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/git/ref/heads/main`);
    expect(ref.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/git/ref/{ref}', 200, ref.body);
    expect(ref.body.object.sha).toBe(head);
    const missing = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/git/ref/heads/nope`);
    expect(missing.status).toBe(404);
    expect((await rest(server, 'app-rw', 'GET', `/repos/${REPO}/branches/nope`)).status).toBe(404);
  });

  it('creates, fast-forwards, force-updates and deletes refs with GitHub errors', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const created = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/git/refs`, {
      ref: 'refs/heads/feature/a',
      sha: head,
    });
    expect(created.status).toBe(201);
    expectSchema('post', '/repos/{owner}/{repo}/git/refs', 201, created.body);
    const again = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/git/refs`, {
      ref: 'refs/heads/feature/a',
      sha: head,
    });
    expect(again.status).toBe(422);
    expect(again.body.message).toBe('Reference already exists');
    expectSchema('post', '/repos/{owner}/{repo}/git/refs', 422, again.body);

    const c1 = await server.pushCommit(REPO, 'feature/a', { 'x.txt': '1\n' }, 'one');
    const ff = await rest(server, 'app-rw', 'PATCH', `/repos/${REPO}/git/refs/heads/feature/a`, {
      sha: head,
    });
    expect(ff.status).toBe(422);
    expect(ff.body.message).toBe('Update is not a fast forward');
    const forced = await rest(
      server,
      'app-rw',
      'PATCH',
      `/repos/${REPO}/git/refs/heads/feature/a`,
      {
        sha: head,
        force: true,
      },
    );
    expect(forced.status).toBe(200);
    expectSchema('patch', '/repos/{owner}/{repo}/git/refs/{ref}', 200, forced.body);
    expect(await server.headOf(REPO, 'feature/a')).toBe(head);
    const forward = await rest(
      server,
      'app-rw',
      'PATCH',
      `/repos/${REPO}/git/refs/heads/feature/a`,
      { sha: c1 },
    );
    expect(forward.status).toBe(200);
    expect(await server.headOf(REPO, 'feature/a')).toBe(c1);

    const del = await rest(server, 'app-rw', 'DELETE', `/repos/${REPO}/git/refs/heads/feature/a`);
    expect(del.status).toBe(204);
    expect(await server.headOf(REPO, 'feature/a')).toBeUndefined();
    const delAgain = await rest(
      server,
      'app-rw',
      'DELETE',
      `/repos/${REPO}/git/refs/heads/feature/a`,
    );
    expect(delAgain.status).toBe(422);
    expect(delAgain.body.message).toBe('Reference does not exist');
  });
});

describe('contents', () => {
  it('GET a file: base64 content, blob sha, size', async () => {
    const r = await rest(
      server,
      'pat-ro',
      'GET',
      `/repos/${REPO}/contents/apps/web/values.yaml?ref=main`,
    );
    expect(r.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/contents/{path}', 200, r.body);
    expect(r.body.type).toBe('file');
    expect(r.body.encoding).toBe('base64');
    expect(unb64(r.body.content)).toBe(VALUES);
    expect(r.body.size).toBe(Buffer.byteLength(VALUES));
    const blob = execFileSync('/usr/bin/git', [
      '--git-dir',
      server.gitDir(REPO),
      'rev-parse',
      'main:apps/web/values.yaml',
    ])
      .toString()
      .trim();
    expect(r.body.sha).toBe(blob);
  });

  it('GET a directory answers an array; a missing path 404', async () => {
    const dir = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/contents/apps/web`);
    expect(dir.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/contents/{path}', 200, dir.body);
    expect(dir.body.map((e: { path: string }) => e.path)).toEqual(['apps/web/values.yaml']);
    const root = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/contents/`);
    expect(root.body.map((e: { name: string; type: string }) => `${e.type}:${e.name}`)).toEqual(
      expect.arrayContaining(['dir:apps', 'file:README.md']),
    );
    const missing = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/contents/nope.yaml`);
    expect(missing.status).toBe(404);
    expectSchema('get', '/repos/{owner}/{repo}/contents/{path}', 404, missing.body);
  });

  it('answers files over 1 MB without inline content, and raw on request', async () => {
    const r = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/contents/big.bin`);
    expect(r.status).toBe(200);
    expect(r.body.content).toBe('');
    expect(r.body.encoding).toBe('none');
    expect(r.body.size).toBe(1024 * 1024 + 10);
    const raw = await rest(
      server,
      'app-rw',
      'GET',
      `/repos/${REPO}/contents/README.md`,
      undefined,
      {
        accept: 'application/vnd.github.raw+json',
      },
    );
    expect(raw.body).toBe('# gitops\n');
  });

  it('PUT updates with the blob sha, 409 on a wrong sha, 422 without sha', async () => {
    const current = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/contents/README.md`);
    const before = (await server.headOf(REPO, 'main')) as string;
    const noSha = await rest(server, 'app-rw', 'PUT', `/repos/${REPO}/contents/README.md`, {
      message: 'x',
      content: b64('y'),
    });
    expect(noSha.status).toBe(422);
    expect(noSha.body.message).toBe('Invalid request.\n\n"sha" wasn\'t supplied.');
    expectSchema('put', '/repos/{owner}/{repo}/contents/{path}', 422, noSha.body);
    const wrong = await rest(server, 'app-rw', 'PUT', `/repos/${REPO}/contents/README.md`, {
      message: 'x',
      content: b64('y'),
      sha: 'deadbeef',
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.message).toBe('README.md does not match deadbeef');
    expectSchema('put', '/repos/{owner}/{repo}/contents/{path}', 409, wrong.body);

    const ok = await rest(server, 'app-rw', 'PUT', `/repos/${REPO}/contents/README.md`, {
      message: 'docs: update readme',
      content: b64('# gitops v2\n'),
      sha: current.body.sha,
      branch: 'main',
    });
    expect(ok.status).toBe(200);
    expectSchema('put', '/repos/{owner}/{repo}/contents/{path}', 200, ok.body);
    expect(ok.body.commit.parents.map((p: { sha: string }) => p.sha)).toEqual([before]);
    expect(ok.body.commit.verification.verified).toBe(true);
    expect(await server.headOf(REPO, 'main')).toBe(ok.body.commit.sha);
    expect(await server.readFile(REPO, 'main', 'README.md')).toBe('# gitops v2\n');
    const log = await server.log(REPO, 'main');
    expect(log[0]).toMatchObject({ sha: ok.body.commit.sha, parents: [before], verified: true });
    expect(log[0]?.message).toBe('docs: update readme\n');

    const stale = await rest(server, 'app-rw', 'PUT', `/repos/${REPO}/contents/README.md`, {
      message: 'again',
      content: b64('z'),
      sha: current.body.sha,
    });
    expect(stale.status).toBe(409);

    const created = await rest(server, 'app-rw', 'PUT', `/repos/${REPO}/contents/new/file.txt`, {
      message: 'add',
      content: b64('new\n'),
    });
    expect(created.status).toBe(201);
    expectSchema('put', '/repos/{owner}/{repo}/contents/{path}', 201, created.body);
  });

  it('refuses direct writes to a protected default branch', async () => {
    const cur = await rest(server, 'app-rw', 'GET', `/repos/acme/protected/contents/a.txt`);
    const r = await rest(server, 'app-rw', 'PUT', `/repos/acme/protected/contents/a.txt`, {
      message: 'x',
      content: b64('b\n'),
      sha: cur.body.sha,
    });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('Changes must be made through a pull request.');
  });
});

describe('git data', () => {
  it('truncates a tree answer beyond its entry and byte limits, as GitHub does', async () => {
    const small = await startTestServer({ treeEntryLimit: 3 });
    try {
      await small.createRepo(REPO, {
        files: { 'a/1.yaml': '1\n', 'a/2.yaml': '2\n', 'b/3.yaml': '3\n' },
      });
      small.addToken('app-rw', {
        login: 'gitops-bump[bot]',
        kind: 'app',
        repos: { [REPO]: { contents: 'read', pullRequests: 'read' } },
      });
      const whole = await rest(small, 'app-rw', 'GET', `/repos/${REPO}/git/trees/main?recursive=1`);
      expectSchema('get', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, whole.body);
      expect(whole.body.truncated).toBe(true);
      expect(whole.body.tree.map((e: { path: string }) => e.path)).toEqual([
        'a',
        'a/1.yaml',
        'a/2.yaml',
      ]);
      const level = await rest(small, 'app-rw', 'GET', `/repos/${REPO}/git/trees/main`);
      expectSchema('get', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, level.body);
      expect(level.body.truncated).toBe(false);
      expect(level.body.tree.map((e: { path: string }) => e.path)).toEqual(['a', 'b']);
    } finally {
      await small.close();
    }
    const bytes = await startTestServer({ treeByteLimit: 400 });
    try {
      await bytes.createRepo(REPO, {
        files: { 'a.yaml': 'a\n', 'b.yaml': 'b\n', 'c.yaml': 'c\n' },
      });
      bytes.addToken('app-rw', {
        login: 'gitops-bump[bot]',
        kind: 'app',
        repos: { [REPO]: { contents: 'read', pullRequests: 'read' } },
      });
      const cut = await rest(bytes, 'app-rw', 'GET', `/repos/${REPO}/git/trees/main?recursive=1`);
      expectSchema('get', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, cut.body);
      expect(cut.body.truncated).toBe(true);
      expect(cut.body.tree.length).toBeGreaterThan(0);
      expect(cut.body.tree.length).toBeLessThan(3);
    } finally {
      await bytes.close();
    }
  });

  it('builds a commit from blobs, trees and commits, then moves the branch', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const commit = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/git/commits/${head}`);
    expect(commit.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/git/commits/{commit_sha}', 200, commit.body);

    const tree = await rest(
      server,
      'app-rw',
      'GET',
      `/repos/${REPO}/git/trees/${commit.body.tree.sha}?recursive=1`,
    );
    expect(tree.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, tree.body);
    expect(tree.body.tree.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['apps', 'apps/web', 'apps/web/values.yaml', 'README.md']),
    );
    const byBranch = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/git/trees/main`);
    expect(byBranch.body.sha).toBe(commit.body.tree.sha);

    const blob = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/git/blobs`, {
      content: b64('image:\n  tag: v2\n'),
      encoding: 'base64',
    });
    expect(blob.status).toBe(201);
    expectSchema('post', '/repos/{owner}/{repo}/git/blobs', 201, blob.body);
    const read = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/git/blobs/${blob.body.sha}`);
    expectSchema('get', '/repos/{owner}/{repo}/git/blobs/{file_sha}', 200, read.body);
    expect(unb64(read.body.content)).toBe('image:\n  tag: v2\n');

    const newTree = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/git/trees`, {
      base_tree: commit.body.tree.sha,
      tree: [
        { path: 'apps/web/values.yaml', mode: '100644', type: 'blob', sha: blob.body.sha },
        { path: 'apps/api/values.yaml', mode: '100644', type: 'blob', content: 'tag: v9\n' },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    expect(newTree.status).toBe(201);
    expectSchema('post', '/repos/{owner}/{repo}/git/trees', 201, newTree.body);

    const newCommit = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/git/commits`, {
      message: 'bump web to v2',
      tree: newTree.body.sha,
      parents: [head],
    });
    expect(newCommit.status).toBe(201);
    expectSchema('post', '/repos/{owner}/{repo}/git/commits', 201, newCommit.body);
    expect(newCommit.body.verification.verified).toBe(false);
    expect(
      (await rest(server, 'app-rw', 'GET', `/repos/${REPO}/git/commits/${'0'.repeat(40)}`)).status,
    ).toBe(404);

    const moved = await rest(server, 'app-rw', 'PATCH', `/repos/${REPO}/git/refs/heads/main`, {
      sha: newCommit.body.sha,
    });
    expect(moved.status).toBe(200);
    expect(await server.readFile(REPO, 'main', 'apps/web/values.yaml')).toBe('image:\n  tag: v2\n');
    expect(await server.readFile(REPO, 'main', 'apps/api/values.yaml')).toBe('tag: v9\n');
    expect(await server.readFile(REPO, 'main', 'README.md')).toBeUndefined();
  });

  it('rejects commits on unknown trees and parents', async () => {
    const r = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/git/commits`, {
      message: 'x',
      tree: 'a'.repeat(40),
      parents: [],
    });
    expect(r.status).toBe(422);
    expectSchema('post', '/repos/{owner}/{repo}/git/commits', 422, r.body);
  });
});

describe('statuses', () => {
  it('POST /statuses/{sha} answers the status object', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const r = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/statuses/${head}`, {
      state: 'success',
      context: 'ci/test',
      description: 'ok',
    });
    expect(r.status).toBe(201);
    expectSchema('post', '/repos/{owner}/{repo}/statuses/{sha}', 201, r.body);
    const bad = await rest(server, 'app-rw', 'POST', `/repos/${REPO}/statuses/${head}`, {
      state: 'great',
    });
    expect(bad.status).toBe(422);
    const combined = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/commits/main/status`);
    expect(combined.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/commits/{ref}/status', 200, combined.body);
    expect(combined.body).toMatchObject({ state: 'success', sha: head, total_count: 1 });
    const commit = await rest(server, 'app-rw', 'GET', `/repos/${REPO}/commits/${head}`);
    expect(commit.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/commits/{ref}', 200, commit.body);
  });
});
