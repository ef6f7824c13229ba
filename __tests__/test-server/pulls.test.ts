import { execFileSync } from 'node:child_process';
import { startTestServer, type TestServer } from '../../test-server/index.js';
import { validateGraphqlDocument } from './graphql.js';
import { gql, rest } from './helpers.js';
import { validateRestResponse } from './openapi.js';

let server: TestServer;
const TOKEN = 'app-rw';
const BASE_FILES = {
  'apps/web/values.yaml': 'image:\n  tag: v1\n',
  'apps/api/values.yaml': 'image:\n  tag: a1\n',
};

function expectSchema(method: string, template: string, status: number, body: unknown): void {
  expect(validateRestResponse(method, template, status, body)).toEqual([]);
}

async function run(doc: string, variables?: Record<string, unknown>, token = TOKEN) {
  expect(validateGraphqlDocument(doc).map((e) => e.message)).toEqual([]);
  return gql(server, token, doc, variables);
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('/usr/bin/git', ['--git-dir', server.gitDir(repo), ...args])
    .toString()
    .trim();
}

/** A fresh repository with a feature branch one commit ahead of main. */
async function repoWithBranch(
  name: string,
  opts: Partial<Parameters<TestServer['createRepo']>[1]> = {},
  branchFiles: Record<string, string> = { 'apps/web/values.yaml': 'image:\n  tag: v2\n' },
): Promise<string> {
  const full = `acme/${name}`;
  await server.createRepo(full, { ...opts, files: BASE_FILES });
  const rw = { contents: 'write', pullRequests: 'write' } as const;
  server.addToken(TOKEN, {
    login: 'gitops-bump[bot]',
    kind: 'app',
    repos: { ...grants, [full]: rw },
  });
  grants[full] = rw;
  const main = (await server.headOf(full, 'main')) as string;
  await rest(server, TOKEN, 'POST', `/repos/${full}/git/refs`, {
    ref: 'refs/heads/bump',
    sha: main,
  });
  await server.pushCommit(full, 'bump', branchFiles, 'bump web to v2');
  return full;
}

const grants: Record<string, { contents: 'write'; pullRequests: 'write' }> = {};

beforeAll(async () => {
  server = await startTestServer();
  server.addToken('reader', { login: 'reader', kind: 'pat', repos: {} });
});

afterAll(async () => {
  await server.close();
});

describe('REST pull requests', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await repoWithBranch('rest-pulls');
  });

  it('opens a PR, refuses a duplicate and an empty one', async () => {
    const r = await rest(server, TOKEN, 'POST', `/repos/${repo}/pulls`, {
      title: 'Bump web',
      head: 'acme:bump',
      base: 'main',
      body: 'auto',
    });
    expect(r.status).toBe(201);
    expectSchema('post', '/repos/{owner}/{repo}/pulls', 201, r.body);
    expect(r.body).toMatchObject({
      number: 1,
      state: 'open',
      merged: false,
      head: { ref: 'bump' },
      base: { ref: 'main' },
    });
    expect(r.body.html_url).toBe(`${server.url}/${repo}/pull/1`);
    expect(r.body.node_id).toMatch(/^PR_/);

    const dup = await rest(server, TOKEN, 'POST', `/repos/${repo}/pulls`, {
      title: 'again',
      head: 'bump',
      base: 'main',
    });
    expect(dup.status).toBe(422);
    expectSchema('post', '/repos/{owner}/{repo}/pulls', 422, dup.body);
    expect(dup.body.errors[0].message).toBe('A pull request already exists for acme:bump.');

    const main = await server.headOf(repo, 'main');
    await rest(server, TOKEN, 'POST', `/repos/${repo}/git/refs`, {
      ref: 'refs/heads/empty',
      sha: main,
    });
    const empty = await rest(server, TOKEN, 'POST', `/repos/${repo}/pulls`, {
      title: 'e',
      head: 'empty',
      base: 'main',
    });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].message).toBe('No commits between main and empty');
  });

  it('lists PRs filtered by head, base and state', async () => {
    const list = await rest(
      server,
      TOKEN,
      'GET',
      `/repos/${repo}/pulls?head=acme:bump&base=main&state=open`,
    );
    expect(list.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/pulls', 200, list.body);
    expect(list.body.map((p: { number: number }) => p.number)).toEqual([1]);
    const none = await rest(server, TOKEN, 'GET', `/repos/${repo}/pulls?head=acme:other`);
    expect(none.body).toEqual([]);
    const closed = await rest(server, TOKEN, 'GET', `/repos/${repo}/pulls?state=closed`);
    expect(closed.body).toEqual([]);
  });

  it('GET /pulls/{n} reports a clean, mergeable PR; PATCH edits it', async () => {
    const r = await rest(server, TOKEN, 'GET', `/repos/${repo}/pulls/1`);
    expect(r.status).toBe(200);
    expectSchema('get', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, r.body);
    expect(r.body).toMatchObject({
      mergeable: true,
      mergeable_state: 'clean',
      merged: false,
      commits: 1,
      changed_files: 1,
      auto_merge: null,
    });
    expect(r.body.head.sha).toBe(await server.headOf(repo, 'bump'));
    expect(r.body.base.sha).toBe(await server.headOf(repo, 'main'));
    const patched = await rest(server, TOKEN, 'PATCH', `/repos/${repo}/pulls/1`, {
      title: 'Bump web to v2',
      body: 'b',
    });
    expect(patched.status).toBe(200);
    expectSchema('patch', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, patched.body);
    expect(patched.body.title).toBe('Bump web to v2');
    expect((await rest(server, TOKEN, 'GET', `/repos/${repo}/pulls/99`)).status).toBe(404);
  });

  it('labels and review requests', async () => {
    const labels = await rest(server, TOKEN, 'POST', `/repos/${repo}/issues/1/labels`, {
      labels: ['gitops', 'auto'],
    });
    expect(labels.status).toBe(200);
    expectSchema('post', '/repos/{owner}/{repo}/issues/{issue_number}/labels', 200, labels.body);
    expect(labels.body.map((l: { name: string }) => l.name)).toEqual(['gitops', 'auto']);
    const rr = await rest(server, TOKEN, 'POST', `/repos/${repo}/pulls/1/requested_reviewers`, {
      reviewers: ['alice'],
    });
    expect(rr.status).toBe(201);
    expectSchema(
      'post',
      '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      201,
      rr.body,
    );
    expect(rr.body.requested_reviewers.map((u: { login: string }) => u.login)).toEqual(['alice']);
    expect(server.pulls(repo)[0]?.labels).toEqual(['gitops', 'auto']);
  });

  it('team review requests are listed on the pull request, in both PR shapes', async () => {
    const full = await repoWithBranch('team-reviews', { teams: ['sre', 'platform'] });
    const opened = await rest(server, TOKEN, 'POST', `/repos/${full}/pulls`, {
      title: 'Bump web',
      head: 'acme:bump',
      base: 'main',
    });
    expect(opened.status).toBe(201);
    expect(opened.body.requested_teams).toEqual([]);
    const unknown = await rest(
      server,
      TOKEN,
      'POST',
      `/repos/${full}/pulls/1/requested_reviewers`,
      {
        team_reviewers: ['nobody'],
      },
    );
    expect(unknown.status).toBe(422);
    const rr = await rest(server, TOKEN, 'POST', `/repos/${full}/pulls/1/requested_reviewers`, {
      reviewers: ['alice'],
      team_reviewers: ['sre', 'platform'],
    });
    expect(rr.status).toBe(201);
    const template = '/repos/{owner}/{repo}/pulls/{pull_number}';
    expectSchema('post', `${template}/requested_reviewers`, 201, rr.body);
    const slugs = (body: { requested_teams: { slug: string }[] }) =>
      body.requested_teams.map((t) => t.slug);
    expect(slugs(rr.body)).toEqual(['sre', 'platform']);
    expect(rr.body.requested_teams[0]).toMatchObject({
      name: 'sre',
      html_url: `${server.url}/orgs/acme/teams/sre`,
    });
    expect(rr.body.requested_teams[0].id).not.toBe(rr.body.requested_teams[1].id);
    const one = await rest(server, TOKEN, 'GET', `/repos/${full}/pulls/1`);
    expectSchema('get', template, 200, one.body);
    expect(slugs(one.body)).toEqual(['sre', 'platform']);
    expect(one.body.requested_teams[0].id).toBe(rr.body.requested_teams[0].id);
    const list = await rest(server, TOKEN, 'GET', `/repos/${full}/pulls?head=acme:bump`);
    expectSchema('get', '/repos/{owner}/{repo}/pulls', 200, list.body);
    expect(list.body.map(slugs)).toEqual([['sre', 'platform']]);
    // Asking again does not list a team twice.
    await rest(server, TOKEN, 'POST', `/repos/${full}/pulls/1/requested_reviewers`, {
      team_reviewers: ['sre'],
    });
    expect(slugs((await rest(server, TOKEN, 'GET', `/repos/${full}/pulls/1`)).body)).toEqual([
      'sre',
      'platform',
    ]);
  });

  it('merge: 409 on a stale sha, 405 for a disallowed method, then squash into one commit', async () => {
    const stale = await rest(server, TOKEN, 'PUT', `/repos/${repo}/pulls/1/merge`, {
      merge_method: 'squash',
      sha: 'a'.repeat(40),
    });
    expect(stale.status).toBe(409);
    expectSchema('put', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', 409, stale.body);
    expect(stale.body.message).toBe('Head branch was modified. Review and try the merge again.');

    const head = (await server.headOf(repo, 'bump')) as string;
    const base = (await server.headOf(repo, 'main')) as string;
    await server.pushCommit(
      repo,
      'main',
      { 'apps/api/values.yaml': 'image:\n  tag: a2\n' },
      'api moved on',
    );
    const newBase = (await server.headOf(repo, 'main')) as string;
    expect(newBase).not.toBe(base);
    const merged = await rest(server, TOKEN, 'PUT', `/repos/${repo}/pulls/1/merge`, {
      merge_method: 'squash',
      sha: head,
    });
    expect(merged.status).toBe(200);
    expectSchema('put', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', 200, merged.body);
    expect(merged.body).toMatchObject({
      merged: true,
      message: 'Pull Request successfully merged',
    });
    const [squash] = await server.log(repo, 'main');
    expect(squash).toMatchObject({ sha: merged.body.sha, parents: [newBase], verified: true });
    expect(squash?.message.split('\n')[0]).toBe('Bump web to v2 (#1)');
    expect(await server.readFile(repo, 'main', 'apps/web/values.yaml')).toBe('image:\n  tag: v2\n');
    expect(await server.readFile(repo, 'main', 'apps/api/values.yaml')).toBe('image:\n  tag: a2\n');
    expect(git(repo, 'rev-list', '--count', `${newBase}..main`)).toBe('1');

    const after = await rest(server, TOKEN, 'GET', `/repos/${repo}/pulls/1`);
    expectSchema('get', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, after.body);
    expect(after.body).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: merged.body.sha,
    });
    const again = await rest(server, TOKEN, 'PUT', `/repos/${repo}/pulls/1/merge`, {});
    expect(again.status).toBe(405);
  });

  it('405 when the merge method is disabled', async () => {
    const r = await repoWithBranch('no-merge-commits', { allowMerge: false });
    await rest(server, TOKEN, 'POST', `/repos/${r}/pulls`, {
      title: 't',
      head: 'bump',
      base: 'main',
    });
    const res = await rest(server, TOKEN, 'PUT', `/repos/${r}/pulls/1/merge`, {
      merge_method: 'merge',
    });
    expect(res.status).toBe(405);
    expectSchema('put', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', 405, res.body);
    expect(res.body.message).toBe('Merge commits are not allowed on this repository.');
  });

  it('conflicting PRs are dirty and not mergeable', async () => {
    const r = await repoWithBranch('conflict');
    await server.pushCommit(
      r,
      'main',
      { 'apps/web/values.yaml': 'image:\n  tag: v3\n' },
      'conflicting',
    );
    const pr = await rest(server, TOKEN, 'POST', `/repos/${r}/pulls`, {
      title: 't',
      head: 'bump',
      base: 'main',
    });
    expect(pr.body).toMatchObject({ mergeable: false, mergeable_state: 'dirty' });
    const res = await rest(server, TOKEN, 'PUT', `/repos/${r}/pulls/1/merge`, {
      merge_method: 'squash',
    });
    expect(res.status).toBe(405);
    expect(res.body.message).toBe('Pull Request is not mergeable');
    const q = await run(
      `{ repository(owner: "acme", name: "conflict") { pullRequests(first: 5, states: [OPEN]) { nodes { mergeable mergeStateStatus } } } }`,
    );
    expect(q.body.data.repository.pullRequests.nodes).toEqual([
      { mergeable: 'CONFLICTING', mergeStateStatus: 'DIRTY' },
    ]);
  });

  it('required checks block merging until they succeed; merge commit has two parents', async () => {
    const r = await repoWithBranch('checks', { requiredChecks: ['ci/test'] });
    const pr = await rest(server, TOKEN, 'POST', `/repos/${r}/pulls`, {
      title: 't',
      head: 'bump',
      base: 'main',
    });
    expect(pr.body.mergeable_state).toBe('blocked');
    expect((await rest(server, TOKEN, 'PUT', `/repos/${r}/pulls/1/merge`, {})).status).toBe(405);
    const head = pr.body.head.sha as string;
    await server.setStatus(r, head, 'ci/test', 'pending');
    expect((await rest(server, TOKEN, 'GET', `/repos/${r}/pulls/1`)).body.mergeable_state).toBe(
      'blocked',
    );
    await server.setStatus(r, head, 'ci/test', 'success');
    expect((await rest(server, TOKEN, 'GET', `/repos/${r}/pulls/1`)).body.mergeable_state).toBe(
      'clean',
    );
    const base = await server.headOf(r, 'main');
    const m = await rest(server, TOKEN, 'PUT', `/repos/${r}/pulls/1/merge`, {
      merge_method: 'merge',
    });
    expect(m.status).toBe(200);
    const [mergeCommit] = await server.log(r, 'main');
    expect(mergeCommit?.parents).toEqual([base, head]);
    expect(mergeCommit?.message).toMatch(/^Merge pull request #1 from acme\/bump/);
  });
});

describe('GraphQL pull requests', () => {
  const CREATE = `mutation($input: CreatePullRequestInput!) {
    createPullRequest(input: $input) { pullRequest { id number url state headRefName baseRefName headRefOid mergeable mergeStateStatus } }
  }`;
  const AUTO = `mutation($id: ID!, $method: PullRequestMergeMethod!) {
    enablePullRequestAutoMerge(input: {pullRequestId: $id, mergeMethod: $method}) {
      pullRequest { autoMergeRequest { enabledAt mergeMethod } merged }
    }
  }`;

  async function open(name: string, opts: Partial<Parameters<TestServer['createRepo']>[1]> = {}) {
    const full = await repoWithBranch(name, opts);
    const repoId = (await run(`{ repository(owner: "acme", name: "${name}") { id } }`)).body.data
      .repository.id;
    const r = await run(CREATE, {
      input: {
        repositoryId: repoId,
        baseRefName: 'main',
        headRefName: 'bump',
        title: 'Bump',
        body: 'b',
      },
    });
    expect(r.body.errors).toBeUndefined();
    return { full, repoId, pr: r.body.data.createPullRequest.pullRequest };
  }

  it('createPullRequest and finding it by head ref', async () => {
    const { full, pr } = await open('gql-pulls');
    expect(pr).toMatchObject({
      number: 1,
      state: 'OPEN',
      headRefName: 'bump',
      baseRefName: 'main',
      mergeable: 'MERGEABLE',
      mergeStateStatus: 'CLEAN',
    });
    expect(pr.url).toBe(`${server.url}/${full}/pull/1`);
    const q = await run(
      `query($h: String!) { repository(owner: "acme", name: "gql-pulls") {
      pullRequests(headRefName: $h, baseRefName: "main", states: [OPEN], first: 10) {
        nodes { id number url state headRefName baseRefName headRefOid mergeable mergeStateStatus autoMergeRequest { enabledAt mergeMethod } merged }
      } } }`,
      { h: 'bump' },
    );
    expect(q.body.data.repository.pullRequests.nodes).toEqual([
      expect.objectContaining({
        id: pr.id,
        number: 1,
        autoMergeRequest: null,
        merged: false,
        headRefOid: await server.headOf(full, 'bump'),
      }),
    ]);
    const dup = await run(CREATE, {
      input: {
        repositoryId: (await run('{ repository(owner: "acme", name: "gql-pulls") { id } }')).body
          .data.repository.id,
        baseRefName: 'main',
        headRefName: 'bump',
        title: 'x',
      },
    });
    expect(dup.body.errors[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      message: 'A pull request already exists for acme:bump.',
    });
  });

  it('updatePullRequest, createLabel + addLabelsToLabelable, requestReviews', async () => {
    const { repoId, pr } = await open('gql-edit');
    const upd = await run(
      `mutation($id: ID!) { updatePullRequest(input: {pullRequestId: $id, title: "New title", body: "nb"}) { pullRequest { title body } } }`,
      { id: pr.id },
    );
    expect(upd.body.data.updatePullRequest.pullRequest).toEqual({ title: 'New title', body: 'nb' });
    const label = await run(
      `mutation($r: ID!) { createLabel(input: {repositoryId: $r, name: "gitops", color: "0e8a16"}) { label { id name } } }`,
      { r: repoId },
    );
    const labelId = label.body.data.createLabel.label.id;
    const add = await run(
      `mutation($id: ID!, $l: [ID!]!) { addLabelsToLabelable(input: {labelableId: $id, labelIds: $l}) { labelable { ... on PullRequest { labels(first: 10) { nodes { name } } } } } }`,
      { id: pr.id, l: [labelId] },
    );
    expect(add.body.data.addLabelsToLabelable.labelable.labels.nodes).toEqual([{ name: 'gitops' }]);
    const user = await run(`{ user(login: "alice") { id } }`);
    const rr = await run(
      `mutation($id: ID!, $u: [ID!]) { requestReviews(input: {pullRequestId: $id, userIds: $u}) { pullRequest { reviewRequests(first: 5) { nodes { requestedReviewer { ... on User { login } } } } } } }`,
      { id: pr.id, u: [user.body.data.user.id] },
    );
    expect(rr.body.data.requestReviews.pullRequest.reviewRequests.nodes).toEqual([
      { requestedReviewer: { login: 'alice' } },
    ]);
    const close = await run(
      `mutation($id: ID!) { updatePullRequest(input: {pullRequestId: $id, state: CLOSED}) { pullRequest { state closed } } }`,
      { id: pr.id },
    );
    expect(close.body.data.updatePullRequest.pullRequest).toEqual({
      state: 'CLOSED',
      closed: true,
    });
  });

  it('addComment, closePullRequest and deleteRef in one document; a merged PR cannot be closed', async () => {
    const { full, pr } = await open('gql-close');
    const ref = await run(
      `{ repository(owner: "acme", name: "gql-close") { ref(qualifiedName: "refs/heads/bump") { id } } }`,
    );
    const doc = `mutation($c: AddCommentInput!, $x: ClosePullRequestInput!, $d: DeleteRefInput!) {
      c0: addComment(input: $c) { commentEdge { node { body author { login } } } }
      x0: closePullRequest(input: $x) { pullRequest { state closed merged comments(first: 5) { totalCount nodes { body } } } }
      d0: deleteRef(input: $d) { clientMutationId }
    }`;
    const r = await run(doc, {
      c: { subjectId: pr.id, body: 'Superseded by #2.' },
      x: { pullRequestId: pr.id },
      d: { refId: ref.body.data.repository.ref.id },
    });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.c0.commentEdge.node).toEqual({
      body: 'Superseded by #2.',
      author: { login: 'gitops-bump[bot]' },
    });
    expect(r.body.data.x0.pullRequest).toEqual({
      state: 'CLOSED',
      closed: true,
      merged: false,
      comments: { totalCount: 1, nodes: [{ body: 'Superseded by #2.' }] },
    });
    expect(await server.headOf(full, 'bump')).toBeUndefined();
    expect(server.pulls(full)[0]!.comments).toEqual([
      { user: 'gitops-bump[bot]', body: 'Superseded by #2.' },
    ]);
    const rest = await fetch(`${server.url}/repos/${full}/pulls/1`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    expect(((await rest.json()) as { comments: number }).comments).toBe(1);
    const merged = await open('gql-close-merged');
    await run(
      `mutation($id: ID!) { mergePullRequest(input: {pullRequestId: $id, mergeMethod: MERGE}) { clientMutationId } }`,
      { id: merged.pr.id },
    );
    const again = await run(
      `mutation($id: ID!) { closePullRequest(input: {pullRequestId: $id}) { pullRequest { state } } }`,
      { id: merged.pr.id },
    );
    expect(again.body.errors[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      message: 'Pull request is already merged',
    });
  });

  it('enablePullRequestAutoMerge: refused when the repository disallows it', async () => {
    const { pr } = await open('auto-off', {
      allowAutoMerge: false,
      requiredChecks: ['ci'],
    });
    const r = await run(AUTO, { id: pr.id, method: 'SQUASH' });
    expect(r.body.data).toEqual({ enablePullRequestAutoMerge: null });
    expect(r.body.errors[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      message: 'Auto merge is not allowed for this repository',
    });
  });

  it('enablePullRequestAutoMerge: refused when the PR is already clean', async () => {
    const { pr } = await open('auto-clean', { allowAutoMerge: true });
    const r = await run(AUTO, { id: pr.id, method: 'SQUASH' });
    expect(r.body.errors[0]).toMatchObject({
      type: 'UNPROCESSABLE',
      message: 'Pull request Pull request is in clean status',
    });
  });

  it('auto-merge with pending required checks merges (squash) once they succeed', async () => {
    const { full, pr } = await open('auto-on', {
      allowAutoMerge: true,
      requiredChecks: ['ci/a', 'ci/b'],
    });
    expect(pr.mergeStateStatus).toBe('BLOCKED');
    const r = await run(AUTO, { id: pr.id, method: 'SQUASH' });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.enablePullRequestAutoMerge.pullRequest).toMatchObject({
      autoMergeRequest: { mergeMethod: 'SQUASH' },
      merged: false,
    });
    const rest1 = await rest(server, TOKEN, 'GET', `/repos/${full}/pulls/1`);
    expect(rest1.body.auto_merge).toMatchObject({ merge_method: 'squash' });
    expectSchema('get', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, rest1.body);
    const base = await server.headOf(full, 'main');
    await server.setStatus(full, pr.headRefOid, 'ci/a', 'success');
    expect(server.pulls(full)[0]?.merged).toBe(false);
    await server.setStatus(full, pr.headRefOid, 'ci/b', 'success');
    const [record] = server.pulls(full);
    expect(record).toMatchObject({ merged: true, state: 'closed', autoMerge: null });
    const [squash] = await server.log(full, 'main');
    expect(squash).toMatchObject({ sha: record?.mergeCommitSha, parents: [base], verified: true });
    expect(await server.readFile(full, 'main', 'apps/web/values.yaml')).toBe('image:\n  tag: v2\n');
  });

  it('mergePullRequest: stale expectedHeadOid, then rebase replays the commits', async () => {
    const { full, pr } = await open('gql-merge');
    await server.pushCommit(
      full,
      'bump',
      { 'apps/api/values.yaml': 'image:\n  tag: a9\n' },
      'second',
    );
    const doc = `mutation($id: ID!, $oid: GitObjectID, $m: PullRequestMergeMethod) {
      mergePullRequest(input: {pullRequestId: $id, expectedHeadOid: $oid, mergeMethod: $m}) { pullRequest { merged state mergeCommit { oid } } }
    }`;
    const stale = await run(doc, { id: pr.id, oid: pr.headRefOid, m: 'REBASE' });
    expect(stale.body.errors[0].message).toBe(
      'Head branch was modified. Review and try the merge again.',
    );
    await server.pushCommit(full, 'main', { 'README.md': 'hi\n' }, 'main moved');
    const base = await server.headOf(full, 'main');
    const ok = await run(doc, { id: pr.id, m: 'REBASE' });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.mergePullRequest.pullRequest).toMatchObject({
      merged: true,
      state: 'MERGED',
    });
    const log = await server.log(full, 'main');
    expect(log.slice(0, 2).map((c) => c.message.trim())).toEqual(['second', 'bump web to v2']);
    expect(log[1]?.parents).toEqual([base]);
    expect(log[0]?.parents).toEqual([log[1]?.sha]);
    expect(await server.readFile(full, 'main', 'README.md')).toBe('hi\n');
    expect(await server.readFile(full, 'main', 'apps/api/values.yaml')).toBe('image:\n  tag: a9\n');
  });

  it('PR ids of repositories outside the token are NOT_FOUND', async () => {
    const { pr } = await open('hidden');
    const r = await run(AUTO, { id: pr.id, method: 'SQUASH' }, 'reader');
    expect(r.body.errors[0].type).toBe('NOT_FOUND');
  });
});
