// The three stores behind one interface (src/stores/store.ts): the same contract run against
// files on disk, a clone of a git remote, and a branch on the GitHub API test server. A read
// names its head; a write guarded by that head lands; a write guarded by a head another writer
// moved throws StaleHeadError and writes nothing; the next read sees the other writer's change.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseBumps } from '../../src/engine/bumps.js';
import { parseFileSpecs } from '../../src/engine/file-specs.js';
import { readAndBump } from '../../src/run/store-bump.js';
import { openGitRemote } from '../../src/stores/git/repository.js';
import { connectGitHub } from '../../src/stores/github/connect.js';
import { GitHubBranch } from '../../src/stores/github/store.js';
import { StaleHeadError, type Store } from '../../src/stores/store.js';
import { WorkspaceFolder } from '../../src/stores/workspace.js';
import { startTestServer, type TestServer } from '../../test-server/index.js';

const PATH = 'apps/web/values.yaml';
const TEXT = 'image:\n  tag: v1\nreplicas: 1\n';
const MSG = { headline: 'Bump web', body: '' };
const BOT = { name: 'gitops-bump[bot]', email: 'bot@example.com' };
const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';

const roots: string[] = [];
let server: TestServer | undefined;
afterEach(async () => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  await server?.close();
  server = undefined;
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-bump-stores-'));
  roots.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A store holding PATH = TEXT, and a way for another writer to change `replicas`. */
interface Subject {
  store: Store;
  otherWriter(): Promise<void>;
  current(): Promise<string | undefined>;
}

async function onDisk(): Promise<Subject> {
  const root = tempDir();
  mkdirSync(dirname(join(root, PATH)), { recursive: true });
  writeFileSync(join(root, PATH), TEXT);
  return {
    store: new WorkspaceFolder(root),
    otherWriter: async () =>
      writeFileSync(join(root, PATH), TEXT.replace('replicas: 1', 'replicas: 5')),
    current: async () => readFileSync(join(root, PATH), 'utf8'),
  };
}

async function gitRemote(): Promise<Subject> {
  const root = tempDir();
  const bare = join(root, 'gitops.git');
  const seed = join(root, 'seed');
  git(root, 'init', '-q', '--bare', '-b', 'main', bare);
  git(root, 'clone', '-q', bare, seed);
  mkdirSync(dirname(join(seed, PATH)), { recursive: true });
  writeFileSync(join(seed, PATH), TEXT);
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'seed');
  git(seed, 'push', '-q', 'origin', 'HEAD:main');
  const store = await openGitRemote({
    url: bare,
    author: BOT,
    workDir: join(root, 'clone'),
    log: { info: () => {}, warning: () => {} },
  });
  return {
    store,
    otherWriter: async () => {
      writeFileSync(join(seed, PATH), TEXT.replace('replicas: 1', 'replicas: 5'));
      git(seed, 'commit', '-q', '-am', 'scale');
      git(seed, 'push', '-q', 'origin', 'HEAD:main');
    },
    current: async () => git(bare, 'show', `main:${PATH}`),
  };
}

async function gitHub(): Promise<Subject> {
  server = await startTestServer();
  const s = server;
  await s.createRepo('acme/gitops', { files: { [PATH]: TEXT } });
  s.addToken(TOKEN, {
    login: 'gitops-bump[bot]',
    kind: 'app',
    repos: { 'acme/gitops': { contents: 'write', pullRequests: 'write' } },
  });
  const port = connectGitHub({
    token: TOKEN,
    endpoints: { apiUrl: s.url, graphqlUrl: `${s.url}/graphql` },
    timeoutMs: 10_000,
    log: { debug: () => {}, warning: () => {} },
  });
  return {
    store: new GitHubBranch(port, {
      repo: { owner: 'acme', name: 'gitops' },
      commitApi: 'graphql',
    }),
    otherWriter: async () => {
      await s.pushCommit(
        'acme/gitops',
        'main',
        { [PATH]: TEXT.replace('replicas: 1', 'replicas: 5') },
        'scale',
      );
    },
    current: () => s.readFile('acme/gitops', 'main', PATH),
  };
}

describe.each([
  ['files on disk', onDisk],
  ['a git remote', gitRemote],
  ['a GitHub branch', gitHub],
])('%s as a Store', (_name, make) => {
  it('lists, and reads the paths asked for at a head (absent paths as undefined)', async () => {
    const { store } = await make();
    expect(await store.list()).toEqual([PATH]);
    const read = await store.read([PATH, 'nope.yaml']);
    expect(read.head).toMatch(/^[0-9a-f]{40,64}$/);
    expect(read.files.get(PATH)).toBe(TEXT);
    expect(read.files.has('nope.yaml')).toBe(true);
    expect(read.files.get('nope.yaml')).toBeUndefined();
  });

  it('writes the changes guarded by the head read', async () => {
    const { store, current } = await make();
    const read = await store.read([PATH]);
    await store.write(read.head, [{ path: PATH, text: TEXT.replace('v1', 'v2') }], MSG);
    expect(await current()).toBe(TEXT.replace('v1', 'v2'));
    expect((await store.read([PATH])).head).not.toBe(read.head);
  });

  it('refuses a write guarded by a head another writer moved, then reads the new head', async () => {
    const { store, otherWriter, current } = await make();
    const read = await store.read([PATH]);
    await otherWriter();
    const moved = TEXT.replace('replicas: 1', 'replicas: 5');
    await expect(
      store.write(read.head, [{ path: PATH, text: TEXT.replace('v1', 'v2') }], MSG),
    ).rejects.toBeInstanceOf(StaleHeadError);
    expect(await current()).toBe(moved);
    const again = await store.read([PATH]);
    expect(again.head).not.toBe(read.head);
    expect(again.files.get(PATH)).toBe(moved);
    await store.write(again.head, [{ path: PATH, text: moved.replace('v1', 'v2') }], MSG);
    expect(await current()).toBe(moved.replace('v1', 'v2'));
  });
});

it("a GitHub branch's refused write carries the token's count, comparable with the read's", async () => {
  // src/run/retry.ts takes the count at the refused write as the first retry's ticket.
  const { store, otherWriter } = await gitHub();
  const branch = store as GitHubBranch;
  branch.usage = true;
  const read = await branch.read([PATH]);
  const before = branch.snapshot?.usage;
  expect(before).toEqual({ used: expect.any(Number), resetAt: expect.any(Number) });
  await otherWriter();
  const refused = await branch
    .write(read.head, [{ path: PATH, text: TEXT.replace('v1', 'v2') }], MSG)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(refused).toBeInstanceOf(StaleHeadError);
  // The read, then the write: the count of the write's answer is the next one.
  expect((refused as StaleHeadError).usage).toEqual({
    used: before!.used + 1,
    resetAt: before!.resetAt,
  });
});

describe('readAndBump without a glob (src/run/store-bump.ts)', () => {
  const specs = (...lines: string[]) => parseFileSpecs(lines);
  const bumps = parseBumps(['ghcr.io/acme/web:v2'], {
    image: 'image',
    tag: 'tag',
    digest: 'digest',
  });
  const FILE = 'image: ghcr.io/acme/web:v1\n';

  /** A folder with `files`, and a count of the listings of it. */
  function folder(files: Record<string, string>) {
    const root = tempDir();
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const store = new WorkspaceFolder(root);
    let listings = 0;
    const list = store.list.bind(store);
    store.list = () => {
      listings++;
      return list();
    };
    return { root, store, listings: () => listings };
  }

  it('reads the named files from disk without listing the tree', async () => {
    const { store, listings } = folder({ 'apps/web.yaml': FILE, 'other/x.yaml': 'a: 1\n' });
    const { report } = await readAndBump(store, specs('apps/web.yaml'), bumps, {});
    expect(report.files.map((f) => f.after)).toEqual(['image: ghcr.io/acme/web:v2\n']);
    expect(listings()).toBe(0);
  });

  it('lists when a glob is given, or to say why a named path cannot be read', async () => {
    const { root, store, listings } = folder({ 'apps/web.yaml': FILE, 'apps/webb.yaml': FILE });
    await readAndBump(store, specs('apps/*.yaml'), bumps, {});
    expect(listings()).toBe(1);
    await expect(readAndBump(store, specs('apps/web.yml'), bumps, {})).rejects.toThrow(
      "files: 'apps/web.yml' does not exist",
    );
    expect(listings()).toBe(2);
    await expect(readAndBump(store, specs('apps'), bumps, {})).rejects.toThrow('is a directory');
    execFileSync('ln', ['-s', 'web.yaml', join(root, 'apps/link.yaml')]);
    await expect(readAndBump(store, specs('apps/link.yaml'), bumps, {})).rejects.toThrow(
      'is a symbolic link',
    );
  });

  it('a clone of a git remote always lists: it learns symlinks and submodules from the listing', async () => {
    expect(new WorkspaceFolder(tempDir()).describesUnlisted).toBe(true);
    const remote = tempDir();
    git(remote, 'init', '-q', '-b', 'main');
    writeFileSync(join(remote, 'a.yaml'), FILE);
    git(remote, 'add', '-A');
    git(remote, 'commit', '-qm', 'seed');
    const clone = await openGitRemote({
      url: remote,
      author: BOT,
      workDir: join(tempDir(), 'clone'),
      log: { info: () => {}, warning: () => {} },
    });
    expect((clone as Store).describesUnlisted).toBeFalsy();
  });
});
