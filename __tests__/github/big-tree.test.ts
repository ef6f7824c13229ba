// Globs in a repository whose recursive tree GitHub truncates (more than 100,000 entries or
// 7 MB): a test-server repository of 150,000 files, built with git fast-import, behind a server
// that truncates tree answers at 5,000 entries. The glob's static prefix is listed instead of the
// whole tree, folder by folder where that is truncated too; the requests are counted.
import { spawnSync } from 'node:child_process';
import { parseBumps } from '../../src/engine/bumps.js';
import { parseFileSpecs } from '../../src/engine/file-specs.js';
import { bumpRemote, type RemoteRequest } from '../../src/run/remote.js';
import { connectGitHub } from '../../src/stores/github/connect.js';
import { MAX_TREE_REQUESTS } from '../../src/stores/github/tree.js';
import { startTestServer, type TestServer } from '../../test-server/index.js';
import { TOKEN } from './fixtures.js';

const APPS = 40;
const APP_FILES = 150;
const VENDOR_FOLDERS = 144;
const VENDOR_FILES = 1000;
const LIMIT = 5000;

function values(i: number): string {
  return `image:\n  repository: ghcr.io/acme/svc-${i}\n  tag: v1\n`;
}

/** One commit on main with 150,000 files (one shared blob for the filler), through fast-import. */
function bigCommit(gitDir: string): void {
  const filler = 'kind: ConfigMap\n';
  const lines = [
    'blob',
    'mark :1',
    `data ${Buffer.byteLength(filler)}`,
    filler,
    'commit refs/heads/main',
    'committer Seed <seed@example.com> 1700000000 +0000',
    'data 5',
    'big!',
    'from refs/heads/main^0',
  ];
  for (let a = 0; a < APPS; a++) {
    const text = values(a);
    lines.push(`M 100644 inline apps/svc-${a}/values.yaml`, `data ${text.length}`, text);
    for (let f = 1; f < APP_FILES; f++)
      lines.push(`M 100644 :1 apps/svc-${a}/templates/t${f}.yaml`);
  }
  for (let v = 0; v < VENDOR_FOLDERS; v++)
    for (let f = 0; f < VENDOR_FILES; f++) lines.push(`M 100644 :1 vendor/lib-${v}/f${f}.txt`);
  lines.push('');
  const run = spawnSync('git', ['fast-import', '--quiet'], {
    cwd: gitDir,
    input: lines.join('\n'),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`fast-import: ${run.stderr}`);
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ treeEntryLimit: LIMIT });
  await server.createRepo('acme/big', { files: { 'README.md': '# big\n' } });
  server.addToken(TOKEN, {
    login: 'gitops-bump[bot]',
    kind: 'app',
    repos: { 'acme/big': { contents: 'write', pullRequests: 'write' } },
  });
  bigCommit(server.gitDir('acme/big'));
}, 120_000);
afterAll(async () => {
  await server.close();
});

function request(files: string[], image: string): RemoteRequest {
  return {
    repo: { owner: 'acme', name: 'big' },
    files: parseFileSpecs(files),
    bumps: parseBumps([image], { image: 'image', tag: 'tag', digest: 'digest' }),
    options: {},
    mode: 'commit',
    commitApi: 'graphql',
    merge: 'auto',
    mergeMethod: 'squash',
    prBranch: 'gitops-bump/x',
    closeSuperseded: true,
    waitForMergeMs: 0,
    prTitle: 'Bump {{images}}',
    prBody: '',
    prLabels: [],
    prReviewers: [],
    commitMessage: 'Bump {{images}}',
    maxAttempts: 3,
    dryRun: false,
  };
}

function github() {
  return connectGitHub({
    token: TOKEN,
    endpoints: { apiUrl: server.url, graphqlUrl: `${server.url}/graphql` },
    timeoutMs: 30_000,
    log: { debug: () => {}, warning: () => {} },
  });
}

const quiet = { info: () => {}, warning: () => {} };
const trees = () => server.requests.filter((r) => r.path.includes('/git/trees/'));

it('the repository has 150,000 files and the server truncates its tree like GitHub', async () => {
  const files = spawnSync('git', ['ls-tree', '-r', '--name-only', 'main'], {
    cwd: server.gitDir('acme/big'),
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  })
    .stdout.split('\n')
    .filter(Boolean);
  expect(files).toHaveLength(1 + APPS * APP_FILES + VENDOR_FOLDERS * VENDOR_FILES);
  expect(files.length).toBeGreaterThanOrEqual(150_000);
  const answer = await fetch(`${server.url}/repos/acme/big/git/trees/main?recursive=1`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const body = (await answer.json()) as { truncated: boolean; tree: unknown[] };
  expect(body.truncated).toBe(true);
  expect(body.tree).toHaveLength(LIMIT);
}, 60_000);

it('expands apps/**/values.yaml from apps/ only, descending where apps/ is truncated too', async () => {
  server.resetRequests();
  const outcome = await bumpRemote(
    github(),
    request(['apps/**/values.yaml', 'README.md'], 'ghcr.io/acme/svc-7:v2'),
    quiet,
  );
  expect(outcome.operation).toBe('committed');
  expect(outcome.report.files.map((f) => f.path)).toHaveLength(APPS + 1);
  expect(outcome.report.files.filter((f) => f.changed).map((f) => f.path)).toEqual([
    'apps/svc-7/values.yaml',
  ]);
  expect(await server.readFile('acme/big', 'main', 'apps/svc-7/values.yaml')).toBe(
    values(7).replace('v1', 'v2'),
  );
  // The root (truncated; it names apps/), apps/ recursively (truncated: 6,080 entries), apps/
  // one level, then each of its 40 folders recursively: 43 tree requests, never vendor/.
  expect(trees()).toHaveLength(1 + 1 + 1 + APPS);
  expect(trees().length).toBeLessThanOrEqual(MAX_TREE_REQUESTS);
  expect(server.requests.filter((r) => r.path === '/graphql')).toHaveLength(2);
}, 60_000);

it('a glob whose folder is small costs two tree requests', async () => {
  server.resetRequests();
  const outcome = await bumpRemote(
    github(),
    request(['apps/svc-3/*.yaml'], 'ghcr.io/acme/svc-3:v3'),
    quiet,
  );
  expect(outcome.operation).toBe('committed');
  // The root (truncated, but its first 5,000 entries name apps/svc-3), then apps/svc-3
  // recursively.
  expect(trees()).toHaveLength(2);
}, 60_000);
