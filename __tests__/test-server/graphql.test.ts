import { startTestServer, type TestServer } from '../../test-server/index.js';
import { validateGraphqlDocument } from './graphql.js';
import { b64, gql } from './helpers.js';

const REPO = 'acme/gitops';
let server: TestServer;

/** Sends a document after checking it against GitHub's schema, as the action's documents are. */
async function run(token: string, doc: string, variables?: Record<string, unknown>) {
  expect(validateGraphqlDocument(doc).map((e) => e.message)).toEqual([]);
  return gql(server, token, doc, variables);
}

const READ = /* GraphQL */ `
  query Read($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      id
      nameWithOwner
      url
      autoMergeAllowed
      squashMergeAllowed
      mergeCommitAllowed
      rebaseMergeAllowed
      viewerPermission
      defaultBranchRef { name target { oid } }
      main: ref(qualifiedName: "refs/heads/main") { name target { oid ... on Commit { oid } } }
      web: object(expression: "main:apps/web/values.yaml") {
        ... on Blob { text oid byteSize isBinary isTruncated }
      }
      api: object(expression: "main:apps/api/values.yaml") { ... on Blob { text } }
      logo: object(expression: "main:logo.png") { ... on Blob { text isBinary byteSize } }
      missing: object(expression: "main:nope.yaml") { ... on Blob { text } }
    }
  }
`;

const COMMIT = /* GraphQL */ `
  mutation Commit($input: CreateCommitOnBranchInput!) {
    createCommitOnBranch(input: $input) {
      commit { oid url }
      ref { name target { oid } }
    }
  }
`;

function commitInput(
  expectedHeadOid: string,
  files: Record<string, string>,
  headline = 'bump',
  branch = 'main',
) {
  return {
    input: {
      branch: { repositoryNameWithOwner: REPO, branchName: branch },
      expectedHeadOid,
      message: { headline, body: 'Automated by gitops-bump' },
      fileChanges: {
        additions: Object.entries(files).map(([path, c]) => ({ path, contents: b64(c) })),
      },
    },
  };
}

beforeAll(async () => {
  server = await startTestServer();
  await server.createRepo(REPO, {
    files: {
      'apps/web/values.yaml': 'image:\n  tag: v1\n',
      'apps/api/values.yaml': 'image:\n  tag: a1\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]),
    },
    allowAutoMerge: true,
  });
  await server.createRepo('acme/locked', { files: { 'a.txt': 'a\n' }, protectedBranch: true });
  const rw = { contents: 'write', pullRequests: 'write' } as const;
  server.addToken('app-rw', {
    login: 'gitops-bump[bot]',
    kind: 'app',
    repos: { [REPO]: rw, 'acme/locked': rw },
  });
  server.addToken('actions-ro', {
    login: 'github-actions[bot]',
    kind: 'actions',
    repos: { [REPO]: { contents: 'read' } },
  });
  server.addToken('pat-ro', {
    login: 'alice',
    kind: 'pat',
    repos: { [REPO]: { contents: 'read' } },
  });
  server.addToken('stranger', { login: 'bob', kind: 'pat', repos: {} });
});

afterAll(async () => {
  await server.close();
});

describe('queries', () => {
  it('reads a branch head and many files in one aliased query', async () => {
    const head = await server.headOf(REPO, 'main');
    const r = await run('app-rw', READ, { owner: 'acme', name: 'gitops' });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const repo = r.body.data.repository;
    expect(repo).toMatchObject({
      nameWithOwner: REPO,
      url: `${server.url}/${REPO}`,
      autoMergeAllowed: true,
      squashMergeAllowed: true,
      viewerPermission: 'WRITE',
      defaultBranchRef: { name: 'main', target: { oid: head } },
      main: { name: 'main', target: { oid: head } },
      web: { text: 'image:\n  tag: v1\n', byteSize: 17, isBinary: false, isTruncated: false },
      api: { text: 'image:\n  tag: a1\n' },
      logo: { text: null, isBinary: true, byteSize: 8 },
      missing: null,
    });
    expect(repo.id).toMatch(/^R_/);
    const log = server.requests.at(-1);
    expect(log).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Read',
    });
    expect(log?.graphqlFields).toEqual(['repository']);
  });

  it('is also served at /api/graphql', async () => {
    const r = await gql(
      server,
      'app-rw',
      '{ viewer { login } }',
      undefined,
      `${server.url}/api/graphql`,
    );
    expect(r.body).toEqual({ data: { viewer: { login: 'gitops-bump[bot]' } } });
    expect(server.requests.at(-1)?.path).toBe('/graphql');
  });

  it('reads by oid expression and a missing ref as null', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const doc = `query { repository(owner: "acme", name: "gitops") {
      f: object(expression: "${head}:apps/web/values.yaml") { ... on Blob { text } }
      c: object(expression: "${head}") { ... on Commit { oid message parents(first: 5) { nodes { oid } } } }
      r: ref(qualifiedName: "refs/heads/nope") { name }
    } }`;
    const r = await run('app-rw', doc);
    expect(r.body.data.repository).toEqual({
      f: { text: 'image:\n  tag: v1\n' },
      c: { oid: head, message: 'Initial commit', parents: { nodes: [] } },
      r: null,
    });
  });

  it("reads a commit's history newest first: first, path, totalCount, committedDate", async () => {
    await server.createRepo('acme/history', { files: { 'a.txt': 'a0\n', 'b.txt': 'b0\n' } });
    server.addToken('app-history', {
      login: 'gitops-bump[bot]',
      kind: 'app',
      repos: { 'acme/history': { contents: 'write' } },
    });
    await server.pushCommit('acme/history', 'main', { 'a.txt': 'a1\n' }, 'a one');
    await server.pushCommit('acme/history', 'main', { 'b.txt': 'b1\n' }, 'b one');
    await server.pushCommit('acme/history', 'main', { 'a.txt': 'a2\n' }, 'a two');
    const log = await server.log('acme/history', 'main');
    const doc = `query($n: Int!) { repository(owner: "acme", name: "history") { ref(qualifiedName: "main") {
      target { ... on Commit {
        newest: history(first: $n) { totalCount pageInfo { hasNextPage } nodes { oid messageHeadline committedDate } }
        a: history(first: 10, path: "a.txt") { totalCount nodes { messageHeadline } }
      } } } } }`;
    const r = await run('app-history', doc, { n: 2 });
    const target = r.body.data.repository.ref.target;
    expect(target.newest).toEqual({
      totalCount: 4,
      pageInfo: { hasNextPage: true },
      nodes: log.slice(0, 2).map((c) => ({
        oid: c.sha,
        messageHeadline: c.message.split('\n')[0],
        committedDate: c.committer.date,
      })),
    });
    expect(target.newest.nodes.map((n: { messageHeadline: string }) => n.messageHeadline)).toEqual([
      'a two',
      'b one',
    ]);
    expect(target.a).toEqual({
      totalCount: 3,
      nodes: [
        { messageHeadline: 'a two' },
        { messageHeadline: 'a one' },
        { messageHeadline: 'Initial commit' },
      ],
    });
    // GitHub's page limits: first or last is required, at most 100.
    const pages = async (args: string) =>
      (
        await run(
          'app-history',
          `{ repository(owner: "acme", name: "history") { ref(qualifiedName: "main") { target { ... on Commit { history${args} { totalCount } } } } } }`,
        )
      ).body.errors.map((e: { type: string }) => e.type);
    expect(await pages('')).toEqual(['MISSING_PAGINATION_BOUNDARIES']);
    expect(await pages('(first: 101)')).toEqual(['EXCESSIVE_PAGINATION']);
  });

  it('counts every request of a token: rateLimit { used } is the x-ratelimit-used of the same answer', async () => {
    const query = 'query { rateLimit { used remaining limit resetAt } }';
    const first = await gql(server, 'app-rw', query);
    expect(first.body.errors).toEqual(undefined);
    const used = first.body.data.rateLimit.used as number;
    expect(first.headers.get('x-ratelimit-used')).toBe(String(used));
    expect(first.headers.get('x-ratelimit-resource')).toBe('graphql');
    await gql(server, 'app-rw', 'query { viewer { login } }');
    const third = await gql(server, 'app-rw', query);
    expect(third.body.data.rateLimit.used).toBe(used + 2);
    expect(third.body.data.rateLimit.remaining).toBe(5000 - used - 2);
    expect(Date.parse(third.body.data.rateLimit.resetAt)).toBe(
      Number(third.headers.get('x-ratelimit-reset')) * 1000,
    );
    // Another token has a count of its own.
    const other = await gql(server, 'pat-ro', query);
    expect(other.body.data.rateLimit.used).toBe(1);
  });

  it('rejects documents that do not validate against GitHub schema (HTTP 200 + errors)', async () => {
    const doc = '{ repository(owner: "acme", name: "gitops") { nope } }';
    expect(validateGraphqlDocument(doc).length).toBeGreaterThan(0);
    const r = await gql(server, 'app-rw', doc);
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors[0].message).toMatch(/nope/);
    const parseError = await gql(server, 'app-rw', '{ repository(');
    expect(parseError.status).toBe(200);
    expect(parseError.body.errors).toHaveLength(1);
  });

  it('answers 401 for bad credentials', async () => {
    const r = await gql(server, 'nope', '{ viewer { login } }');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
  });

  it('answers NOT_FOUND for repositories outside the token', async () => {
    const r = await run('stranger', '{ repository(owner: "acme", name: "gitops") { id } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ repository: null });
    expect(r.body.errors).toEqual([
      {
        type: 'NOT_FOUND',
        path: ['repository'],
        locations: [{ line: 1, column: 3 }],
        message: "Could not resolve to a Repository with the name 'acme/gitops'.",
      },
    ]);
  });

  it('answers NOT_FOUND for a user that does not exist, and finds one that does', async () => {
    const r = await run(
      'app-rw',
      '{ a: user(login: "alice") { login } nobody: user(login: "no-such-user-here") { login } }',
    );
    expect(r.body.data).toEqual({ a: { login: 'alice' }, nobody: null });
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        path: ['nobody'],
        message: "Could not resolve to a User with the login of 'no-such-user-here'.",
      }),
    ]);
  });

  it('reports READ permission for read-only tokens', async () => {
    const r = await run(
      'pat-ro',
      '{ repository(owner: "acme", name: "gitops") { viewerPermission } }',
    );
    expect(r.body.data.repository.viewerPermission).toBe('READ');
  });
});

describe('createCommitOnBranch', () => {
  it('commits on the expected head: real git commit, parent = old head, signed', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const r = await run(
      'app-rw',
      COMMIT,
      commitInput(head, { 'apps/web/values.yaml': 'image:\n  tag: v2\n' }),
    );
    expect(r.body.errors).toBeUndefined();
    const oid = r.body.data.createCommitOnBranch.commit.oid;
    expect(r.body.data.createCommitOnBranch.ref).toEqual({ name: 'main', target: { oid } });
    expect(r.body.data.createCommitOnBranch.commit.url).toBe(`${server.url}/${REPO}/commit/${oid}`);
    expect(await server.headOf(REPO, 'main')).toBe(oid);
    const [latest] = await server.log(REPO, 'main');
    expect(latest).toMatchObject({
      sha: oid,
      parents: [head],
      message: 'bump\n\nAutomated by gitops-bump\n',
      verified: true,
      committer: { name: 'GitHub', email: 'noreply@github.com' },
    });
    expect(latest?.author.name).toBe('gitops-bump[bot]');
    expect(await server.readFile(REPO, 'main', 'apps/web/values.yaml')).toBe('image:\n  tag: v2\n');
    expect(await server.readFile(REPO, 'main', 'apps/api/values.yaml')).toBe('image:\n  tag: a1\n');
  });

  it('returns STALE_DATA with GitHub text when the head moved', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    await server.pushCommit(REPO, 'main', { 'other.txt': 'x\n' }, 'someone else');
    const r = await run(
      'app-rw',
      COMMIT,
      commitInput(head, { 'apps/web/values.yaml': 'image:\n  tag: v3\n' }),
    );
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ createCommitOnBranch: null });
    expect(r.body.errors).toEqual([
      {
        type: 'STALE_DATA',
        path: ['createCommitOnBranch'],
        locations: [{ line: 3, column: 5 }],
        message: `Expected branch to point to "${head}" but it did not. Pull and try again.`,
      },
    ]);
  });

  it('lets exactly one of many concurrent commits on the same head win', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        gql(
          server,
          'app-rw',
          COMMIT,
          commitInput(head, { [`apps/app${i}/values.yaml`]: `tag: ${i}\n` }, `c${i}`),
        ),
      ),
    );
    const winners = results.filter((r) => r.body.data?.createCommitOnBranch);
    const losers = results.filter((r) => r.body.errors?.[0]?.type === 'STALE_DATA');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(15);
    const log = await server.log(REPO, 'main');
    expect(log[0]?.parents).toEqual([head]);
    expect(log[1]?.sha).toBe(head);
  });

  it('serialises retried concurrent writers into a linear history', async () => {
    const writers = Array.from({ length: 8 }, async (_, i) => {
      for (;;) {
        const head = (await server.headOf(REPO, 'main')) as string;
        const r = await gql(
          server,
          'app-rw',
          COMMIT,
          commitInput(head, { [`w/${i}.txt`]: `${i}\n` }, `w${i}`),
        );
        if (r.body.data?.createCommitOnBranch) return;
        expect(r.body.errors[0].type).toBe('STALE_DATA');
      }
    });
    await Promise.all(writers);
    const log = await server.log(REPO, 'main');
    expect(log.slice(0, 8).every((c) => c.parents.length === 1)).toBe(true);
    for (let i = 0; i < 8; i++)
      expect(await server.readFile(REPO, 'main', `w/${i}.txt`)).toBe(`${i}\n`);
  });

  it('deletes files and reports deletions of missing paths', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const del = {
      input: {
        branch: { repositoryNameWithOwner: REPO, branchName: 'main' },
        expectedHeadOid: head,
        message: { headline: 'rm' },
        fileChanges: { deletions: [{ path: 'other.txt' }] },
      },
    };
    const r = await run('app-rw', COMMIT, del);
    expect(r.body.errors).toBeUndefined();
    expect(await server.readFile(REPO, 'main', 'other.txt')).toBeUndefined();
    const again = await run('app-rw', COMMIT, {
      input: { ...del.input, expectedHeadOid: r.body.data.createCommitOnBranch.commit.oid },
    });
    expect(again.body.errors[0].message).toMatch(
      /A path was requested for deletion which does not exist/,
    );
  });

  it('answers FORBIDDEN for read-only tokens with the token kind in the message', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const app = await run('actions-ro', COMMIT, commitInput(head, { 'x.txt': 'x' }));
    expect(app.status).toBe(200);
    expect(app.body.errors[0]).toMatchObject({
      type: 'FORBIDDEN',
      message: 'Resource not accessible by integration',
    });
    const pat = await run('pat-ro', COMMIT, commitInput(head, { 'x.txt': 'x' }));
    expect(pat.body.errors[0]).toMatchObject({
      type: 'FORBIDDEN',
      message: 'Resource not accessible by personal access token',
    });
    expect(await server.headOf(REPO, 'main')).toBe(head);
  });

  it('refuses direct commits to a protected default branch', async () => {
    const head = (await server.headOf('acme/locked', 'main')) as string;
    const r = await run('app-rw', COMMIT, {
      input: {
        branch: { repositoryNameWithOwner: 'acme/locked', branchName: 'main' },
        expectedHeadOid: head,
        message: { headline: 'x' },
        fileChanges: { additions: [{ path: 'a.txt', contents: b64('b') }] },
      },
    });
    expect(r.body.errors[0].message).toContain('Changes must be made through a pull request.');
  });
});

describe('refs', () => {
  it('createRef, updateRef (fast-forward only unless force) and deleteRef', async () => {
    const repoId = (await run('app-rw', '{ repository(owner: "acme", name: "gitops") { id } }'))
      .body.data.repository.id;
    const head = (await server.headOf(REPO, 'main')) as string;
    const created = await run(
      'app-rw',
      `mutation($r: ID!, $oid: GitObjectID!) { createRef(input: {repositoryId: $r, name: "refs/heads/gql", oid: $oid}) { ref { id name target { oid } } } }`,
      { r: repoId, oid: head },
    );
    expect(created.body.data.createRef.ref).toMatchObject({ name: 'gql', target: { oid: head } });
    const refId = created.body.data.createRef.ref.id;
    const dup = await run(
      'app-rw',
      `mutation($r: ID!, $oid: GitObjectID!) { createRef(input: {repositoryId: $r, name: "refs/heads/gql", oid: $oid}) { ref { id } } }`,
      { r: repoId, oid: head },
    );
    expect(dup.body.errors[0].message).toMatch(/already exists/);

    const ahead = await server.pushCommit(REPO, 'gql', { 'g.txt': 'g\n' }, 'g');
    const update = `mutation($id: ID!, $oid: GitObjectID!, $force: Boolean) { updateRef(input: {refId: $id, oid: $oid, force: $force}) { ref { target { oid } } } }`;
    const back = await run('app-rw', update, { id: refId, oid: head });
    expect(back.body.errors[0].message).toBe('Update is not a fast forward');
    const forced = await run('app-rw', update, { id: refId, oid: head, force: true });
    expect(forced.body.data.updateRef.ref.target.oid).toBe(head);
    const fwd = await run('app-rw', update, { id: refId, oid: ahead });
    expect(fwd.body.data.updateRef.ref.target.oid).toBe(ahead);

    const del = await run(
      'app-rw',
      `mutation($id: ID!) { deleteRef(input: {refId: $id}) { clientMutationId } }`,
      {
        id: refId,
      },
    );
    expect(del.body.errors).toBeUndefined();
    expect(await server.headOf(REPO, 'gql')).toBeUndefined();
  });

  it('runs several mutations of one document in order', async () => {
    const head = (await server.headOf(REPO, 'main')) as string;
    const repoId = (await run('app-rw', '{ repository(owner: "acme", name: "gitops") { id } }'))
      .body.data.repository.id;
    const doc = `mutation($r: ID!, $oid: GitObjectID!, $c: CreateCommitOnBranchInput!) {
      a: createRef(input: {repositoryId: $r, name: "refs/heads/seq", oid: $oid}) { ref { name } }
      b: createCommitOnBranch(input: $c) { commit { oid } }
    }`;
    const input = commitInput(head, { 'seq.txt': 'seq\n' }, 'seq', 'seq').input;
    const r = await run('app-rw', doc, { r: repoId, oid: head, c: input });
    expect(r.body.errors).toBeUndefined();
    expect(await server.headOf(REPO, 'seq')).toBe(r.body.data.b.commit.oid);
    expect(server.requests.at(-1)?.graphqlFields).toEqual(['createRef', 'createCommitOnBranch']);
  });
});

describe('request errors', () => {
  it('answers invalid variables without data', async () => {
    const r = await gql(server, 'app-rw', COMMIT, { input: { expectedHeadOid: 'x' } });
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors[0].message).toMatch(/Variable "\$input"/);
  });

  it('answers FORBIDDEN for file reads without contents permission', async () => {
    server.addToken('meta-only', {
      login: 'meta[bot]',
      kind: 'app',
      repos: { [REPO]: { pullRequests: 'read' } },
    });
    const r = await run(
      'meta-only',
      '{ repository(owner: "acme", name: "gitops") { nameWithOwner f: object(expression: "main:x") { oid } } }',
    );
    expect(r.body.data.repository).toEqual({ nameWithOwner: REPO, f: null });
    expect(r.body.errors[0]).toMatchObject({
      type: 'FORBIDDEN',
      path: ['repository', 'f'],
      message: 'Resource not accessible by integration',
    });
  });
});
