import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { getOctokit } from '@actions/github';
import { startTestServer, type TestServer } from '../../test-server/index.js';
import { b64, gql, rest } from './helpers.js';

const REPO = 'acme/gitops';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.createRepo(REPO, { files: { 'values.yaml': 'tag: v1\n' } });
  server.addToken('t', {
    login: 'gitops-bump[bot]',
    kind: 'app',
    repos: { [REPO]: { contents: 'write', pullRequests: 'write' } },
  });
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  server.clearInjectors();
});

describe('request log', () => {
  it('records every request in order with status and GraphQL details', async () => {
    server.resetRequests();
    await rest(server, 't', 'GET', `/repos/${REPO}`);
    await rest(server, 'bad', 'GET', `/repos/${REPO}/pulls`);
    await gql(
      server,
      't',
      'query Head { repository(owner: "acme", name: "gitops") { a: id b: nameWithOwner } viewer { login } }',
    );
    expect(server.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', `/repos/${REPO}`, 200],
      ['GET', `/repos/${REPO}/pulls`, 401],
      ['POST', '/graphql', 200],
    ]);
    expect(server.requests[2]).toMatchObject({
      operationName: 'Head',
      graphqlFields: ['repository', 'viewer'],
    });
    server.resetRequests();
    expect(server.requests).toEqual([]);
  });
});

describe('fault injection', () => {
  it('answers with the first matching injector and passes others through', async () => {
    server.inject((req) =>
      req.path.endsWith('/pulls') ? { status: 502, body: { message: 'Bad gateway' } } : undefined,
    );
    server.inject(() => ({ status: 500 }));
    const hit = await rest(server, 't', 'GET', `/repos/${REPO}/pulls`);
    expect(hit.status).toBe(502);
    expect(hit.body).toEqual({ message: 'Bad gateway' });
    const second = await rest(server, 't', 'GET', `/repos/${REPO}`);
    expect(second.status).toBe(500);
    server.clearInjectors();
    server.inject(() => undefined);
    expect((await rest(server, 't', 'GET', `/repos/${REPO}`)).status).toBe(200);
  });

  it('sees GraphQL bodies, so single mutations can be targeted', async () => {
    server.inject((req) => {
      const q = (req.body as { query?: string } | undefined)?.query ?? '';
      return q.includes('createCommitOnBranch')
        ? { status: 502, body: { message: 'Server Error' } }
        : undefined;
    });
    const head = (await server.headOf(REPO, 'main')) as string;
    const r = await gql(
      server,
      't',
      `mutation { createCommitOnBranch(input: {branch: {repositoryNameWithOwner: "${REPO}", branchName: "main"}, expectedHeadOid: "${head}", message: {headline: "x"}}) { commit { oid } } }`,
    );
    expect(r.status).toBe(502);
    expect(server.requests.at(-1)).toMatchObject({
      status: 502,
      graphqlFields: ['createCommitOnBranch'],
    });
    expect(await server.headOf(REPO, 'main')).toBe(head);
    expect((await gql(server, 't', '{ viewer { login } }')).status).toBe(200);
  });

  it('applyThenFail performs the write and still answers with the failure', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    server.inject((req) =>
      req.method === 'POST' && req.path === '/graphql'
        ? { status: 504, applyThenFail: true }
        : undefined,
    );
    const r = await gql(
      server,
      't',
      `mutation { createCommitOnBranch(input: {branch: {repositoryNameWithOwner: "${REPO}", branchName: "main"}, expectedHeadOid: "${head}", message: {headline: "landed"}, fileChanges: {additions: [{path: "values.yaml", contents: "${b64('tag: v2\n')}"}]}}) { commit { oid } } }`,
    ).catch(() => undefined);
    expect(r?.status).toBe(504);
    const now = await server.headOf(REPO, 'main');
    expect(now).not.toBe(head);
    expect(await server.readFile(REPO, 'main', 'values.yaml')).toBe('tag: v2\n');
    expect(server.requests.at(-1)?.status).toBe(504);
  });

  it('hangMs delays the injected answer', async () => {
    server.inject(() => ({ status: 503, hangMs: 150, body: { message: 'slow' } }));
    const t = Date.now();
    const r = await rest(server, 't', 'GET', `/repos/${REPO}`);
    expect(r.status).toBe(503);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
  });
});

describe('compression, as GitHub answers', () => {
  /** One GET of the repository with the given accept-encoding; the raw answer. */
  function getRepo(encoding?: string) {
    return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const headers: Record<string, string> = { authorization: 'token t' };
      if (encoding) headers['accept-encoding'] = encoding;
      get(`${server.url}/repos/${REPO}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      }).on('error', reject);
    });
  }

  it('gzips a JSON answer for a client that accepts gzip, and only then', async () => {
    const zipped = await getRepo('gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('Accept-Encoding');
    const json = JSON.parse(gunzipSync(zipped.body).toString('utf8'));
    expect(json.full_name).toBe(REPO);
    const plain = await getRepo();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual(json);
  });
});

describe('options', () => {
  it('latencyMs delays every response; dir keeps repositories where asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ts-dir-'));
    const slow = await startTestServer({ latencyMs: 120, dir });
    try {
      await slow.createRepo('o/r', { files: { a: 'a' } });
      slow.addToken('x', { login: 'x', kind: 'pat', repos: { 'o/r': { contents: 'read' } } });
      expect(slow.gitDir('o/r').startsWith(dir)).toBe(true);
      const t = Date.now();
      expect((await rest(slow, 'x', 'GET', '/repos/o/r')).status).toBe(200);
      expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    } finally {
      await slow.close();
    }
    expect(existsSync(join(dir, 'o', 'r.git'))).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });

  it('removes its own temporary directory on close', async () => {
    const s = await startTestServer();
    await s.createRepo('o/r', { files: { a: 'a' } });
    const gitDir = s.gitDir('o/r');
    expect(existsSync(gitDir)).toBe(true);
    await s.close();
    expect(existsSync(gitDir)).toBe(false);
  });
});

describe('concurrency', () => {
  it('contents PUT on one file from many clients: one wins, the rest get 409', async () => {
    const cur = await rest(server, 't', 'GET', `/repos/${REPO}/contents/values.yaml`);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rest(server, 't', 'PUT', `/repos/${REPO}/contents/values.yaml`, {
          message: `w${i}`,
          content: b64(`tag: w${i}\n`),
          sha: cur.body.sha,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(11);
  });

  it('contents PUT on different files from many clients: all land', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rest(server, 't', 'PUT', `/repos/${REPO}/contents/many/${i}.txt`, {
          message: `f${i}`,
          content: b64(`${i}`),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    for (let i = 0; i < 12; i++)
      expect(await server.readFile(REPO, 'main', `many/${i}.txt`)).toBe(`${i}`);
  });
});

describe('octokit compatibility', () => {
  it('works with @actions/github getOctokit against both base URLs', async () => {
    for (const baseUrl of [server.url, server.apiUrl]) {
      const octokit = getOctokit('t', { baseUrl });
      const repo = await octokit.rest.repos.get({ owner: 'acme', repo: 'gitops' });
      expect(repo.data.full_name).toBe(REPO);
      const file = await octokit.rest.repos.getContent({
        owner: 'acme',
        repo: 'gitops',
        path: 'values.yaml',
      });
      expect(Array.isArray(file.data)).toBe(false);
      await expect(
        octokit.rest.git.getRef({ owner: 'acme', repo: 'gitops', ref: 'heads/nope' }),
      ).rejects.toMatchObject({
        status: 404,
      });
      const q = await octokit.graphql<{ repository: { nameWithOwner: string } }>(
        'query { repository(owner: "acme", name: "gitops") { nameWithOwner } }',
      );
      expect(q.repository.nameWithOwner).toBe(REPO);
    }
  });
});
