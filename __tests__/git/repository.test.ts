// bumpGitRepository against bare repositories on this machine (file:// URLs and plain paths):
// clone, edit, commit, push, reruns, dry runs, branches, errors that never show a credential, and
// pushers that race each other on one branch.
import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BumpReport } from '../../src/engine/bump-files.js';
import { parseBumps } from '../../src/engine/bumps.js';
import { parseFileSpecs } from '../../src/engine/file-specs.js';
import { bumpGitRepository, type GitRequest } from '../../src/run/git.js';
import { backoffMs } from '../../src/run/retry.js';
import { isGitUrl } from '../../src/stores/git/repository.js';

const BOT = { name: 'gitops-bump[bot]', email: 'gitops-bump[bot]@users.noreply.github.com' };
const NAMES = { image: 'image', tag: 'tag', digest: 'digest' };

const DEPLOYMENT = [
  '# web: deployed by gitops-bump',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 1',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: "ghcr.io/acme/web:v1"   # pinned',
  '        - name: sidecar',
  '          image: ghcr.io/acme/proxy:1.0.0',
  '',
].join('\n');

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tempDir(prefix = 'gitops-bump-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
}

function commitAll(cwd: string, message: string): void {
  git(cwd, 'add', '-A');
  git(
    cwd,
    '-c',
    'user.name=Seed',
    '-c',
    'user.email=seed@example.com',
    'commit',
    '-q',
    '-m',
    message,
  );
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    execFileSync('mkdir', ['-p', join(root, path, '..')]);
    writeFileSync(join(root, path), text);
  }
}

interface Remote {
  /** The bare repository's path. */
  bare: string;
  url: string;
  /** Commits on a branch, newest first. */
  log(branch?: string): string[];
  /** A file's text at a branch's head. */
  show(path: string, branch?: string): string;
}

/** A bare repository whose `branches` each hold the given files (the first is HEAD). */
function bareRepository(branches: Record<string, Record<string, string>>): Remote {
  const root = tempDir();
  const bare = join(root, 'gitops.git');
  const names = Object.keys(branches);
  git(root, 'init', '-q', '--bare', '-b', names[0] ?? 'main', bare);
  const seed = join(root, 'seed');
  git(root, 'init', '-q', '-b', names[0] ?? 'main', seed);
  for (const [index, name] of names.entries()) {
    if (index > 0) git(seed, 'checkout', '-q', '-b', name);
    writeTree(seed, branches[name] ?? {});
    commitAll(seed, `seed ${name}`);
    git(seed, 'push', '-q', bare, `HEAD:refs/heads/${name}`);
  }
  return {
    bare,
    url: `file://${bare}`,
    log: (branch = 'HEAD') => git(bare, 'log', '--format=%H', branch).trim().split('\n'),
    show: (path, branch = 'HEAD') => git(bare, 'show', `${branch}:${path}`),
  };
}

interface TestLog {
  info(m: string): void;
  warning(m: string): void;
  lines: string[];
}

function testLog(): TestLog {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
  };
}

function request(url: string, overrides: Partial<GitRequest> = {}): GitRequest & { log: TestLog } {
  return {
    url,
    files: parseFileSpecs(['apps/web/deployment.yaml']),
    bumps: parseBumps(['ghcr.io/acme/web:v2'], NAMES),
    options: {},
    commitMessage: { headline: 'Bump web to v2', body: '- apps/web/deployment.yaml:12 v1 → v2' },
    author: BOT,
    maxAttempts: 5,
    dryRun: false,
    workDir: join(tempDir('gitops-bump-clone-'), 'clone'),
    sleep: async () => {},
    ...overrides,
    log: testLog(),
  };
}

/** The messages a request logged. */
function logged(req: GitRequest & { log: TestLog }): string {
  return req.log.lines.join('\n');
}

describe('bumpGitRepository', () => {
  it('commits and pushes one file: one new commit by the bot, only the tag bytes changed', async () => {
    const remote = bareRepository({
      main: { 'apps/web/deployment.yaml': DEPLOYMENT, 'README.md': 'x\n' },
    });
    const before = remote.log();
    const outcome = await bumpGitRepository(request(remote.url));
    expect(outcome.operation).toBe('committed');
    expect(outcome.branch).toBe('main');
    expect(outcome.attempts).toBe(1);
    expect(outcome.commit?.url).toBe('');
    const after = remote.log();
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(1)).toEqual(before);
    expect(outcome.commit?.oid).toBe(after[0]);
    expect(remote.show('apps/web/deployment.yaml')).toBe(
      DEPLOYMENT.replace('"ghcr.io/acme/web:v1"', '"ghcr.io/acme/web:v2"'),
    );
    expect(git(remote.bare, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%B', 'main').trim()).toBe(
      `${BOT.name} <${BOT.email}>|${BOT.name} <${BOT.email}>|Bump web to v2\n\n- apps/web/deployment.yaml:12 v1 → v2`,
    );
    expect(git(remote.bare, 'show', '--name-only', '--format=', 'main').trim()).toBe(
      'apps/web/deployment.yaml',
    );
    expect(outcome.report.occurrences.map((o) => [o.file, o.line, o.from, o.to])).toEqual([
      ['apps/web/deployment.yaml', 12, 'v1', 'v2'],
    ]);
  });

  it('makes no commit on a rerun that finds the tag already there', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const first = await bumpGitRepository(request(remote.url));
    expect(first.operation).toBe('committed');
    const head = remote.log();
    const rerun = request(remote.url);
    const second = await bumpGitRepository(rerun);
    expect(second).toMatchObject({ operation: 'none', branch: 'main', attempts: 1 });
    expect(second.commit).toBeUndefined();
    expect(second.report.changed).toBe(false);
    expect(remote.log()).toEqual(head);
    expect(logged(rerun)).toMatch(/already holds the requested version/);
  });

  it('says refused, not none, when the version policy refuses the only change', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const head = remote.log();
    const req = request(remote.url, {
      bumps: parseBumps(['ghcr.io/acme/proxy:0.9.0'], NAMES),
      options: { policy: { allowDowngrade: false } },
    });
    const outcome = await bumpGitRepository(req);
    expect(outcome).toMatchObject({ operation: 'refused', attempts: 1 });
    expect(outcome.commit).toBeUndefined();
    expect(remote.log()).toEqual(head);
  });

  it('reports without committing in a dry run', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const head = remote.log();
    const outcome = await bumpGitRepository(request(remote.url, { dryRun: true }));
    expect(outcome.operation).toBe('none');
    expect(outcome.report.changed).toBe(true);
    expect(outcome.report.files[0]?.after).toContain('ghcr.io/acme/web:v2');
    expect(remote.log()).toEqual(head);
    expect(remote.show('apps/web/deployment.yaml')).toBe(DEPLOYMENT);
  });

  it("resolves the remote's default branch when none is given (trunk), from a plain path", async () => {
    const remote = bareRepository({
      main: { 'apps/web/deployment.yaml': DEPLOYMENT },
      trunk: { 'apps/web/deployment.yaml': DEPLOYMENT.replace('replicas: 1', 'replicas: 2') },
    });
    git(remote.bare, 'symbolic-ref', 'HEAD', 'refs/heads/trunk');
    const main = remote.log('main');
    const outcome = await bumpGitRepository(request(remote.bare));
    expect(outcome).toMatchObject({ operation: 'committed', branch: 'trunk' });
    expect(remote.show('apps/web/deployment.yaml', 'trunk')).toContain('replicas: 2');
    expect(remote.show('apps/web/deployment.yaml', 'trunk')).toContain('ghcr.io/acme/web:v2');
    expect(remote.log('main')).toEqual(main);
  });

  it('writes the branch it is given and leaves the default branch alone', async () => {
    const remote = bareRepository({
      main: { 'apps/web/deployment.yaml': DEPLOYMENT },
      staging: { 'apps/web/deployment.yaml': DEPLOYMENT.replace('replicas: 1', 'replicas: 3') },
    });
    const main = remote.log('main');
    const staging = remote.log('staging');
    const outcome = await bumpGitRepository(request(remote.url, { branch: 'staging' }));
    expect(outcome).toMatchObject({ operation: 'committed', branch: 'staging' });
    expect(remote.log('staging')).toHaveLength(staging.length + 1);
    expect(remote.show('apps/web/deployment.yaml', 'staging')).toBe(
      DEPLOYMENT.replace('replicas: 1', 'replicas: 3').replace('web:v1', 'web:v2'),
    );
    expect(remote.log('main')).toEqual(main);
  });

  it('expands globs over regular tracked files only (a symbolic link is never written through)', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const work = join(tempDir(), 'work');
    git(tmpdir(), 'clone', '-q', remote.url, work);
    execFileSync('ln', ['-s', 'deployment.yaml', join(work, 'apps/web/link.yaml')]);
    commitAll(work, 'a link');
    git(work, 'push', '-q', 'origin', 'HEAD:main');
    const req = request(remote.url, { files: parseFileSpecs(['apps/**/*.yaml']) });
    const outcome = await bumpGitRepository(req);
    expect(outcome.operation).toBe('committed');
    expect(outcome.report.files.map((f) => f.path)).toEqual(['apps/web/deployment.yaml']);
    expect(lstatSync(join(req.workDir, 'apps/web/link.yaml')).isSymbolicLink()).toBe(true);
    expect(git(remote.bare, 'ls-tree', 'main', 'apps/web/link.yaml')).toMatch(/^120000 /);
  });

  it('says what a named path is when it is not a regular file: a folder, a symbolic link, a submodule', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const work = join(tempDir(), 'work');
    git(tmpdir(), 'clone', '-q', remote.url, work);
    execFileSync('ln', ['-s', 'deployment.yaml', join(work, 'apps/web/link.yaml')]);
    git(work, 'add', '-A');
    const gitlink = `160000,${remote.log()[0]},vendor/charts`;
    git(work, 'update-index', '--add', '--cacheinfo', gitlink);
    git(work, '-c', 'user.name=Seed', '-c', 'user.email=s@example.com', 'commit', '-qm', 'more');
    git(work, 'push', '-q', 'origin', 'HEAD:main');
    expect(git(remote.bare, 'ls-tree', 'main', 'vendor/charts')).toMatch(/^160000 commit /);
    const head = remote.log();
    const refused = (path: string) =>
      bumpGitRepository(request(remote.url, { files: parseFileSpecs([path]) }));
    await expect(refused('apps/web')).rejects.toThrow(
      "files: 'apps/web' is a directory, not a file; name its files, e.g. apps/web/*.yaml",
    );
    await expect(refused('apps/web/link.yaml')).rejects.toThrow(
      "files: 'apps/web/link.yaml' is a symbolic link to 'deployment.yaml', not a regular file",
    );
    await expect(refused('vendor/charts')).rejects.toThrow(
      "files: 'vendor/charts' is a git submodule (another repository), not a file",
    );
    await expect(refused('apps/api')).rejects.toThrow("files: 'apps/api' does not exist");
    expect(remote.log()).toEqual(head);
  });

  it('keeps a commit another writer pushed between the clone and the push', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const base = remote.log();
    const other = join(tempDir(), 'other');
    git(tmpdir(), 'clone', '-q', remote.url, other);
    let calls = 0;
    const req = request(remote.url, {
      // Called after the edit and before the push: the moment to lose a race.
      commitMessage: (report: BumpReport) => {
        calls++;
        if (calls === 1) {
          const path = join(other, 'apps/web/deployment.yaml');
          writeFileSync(path, readFileSync(path, 'utf8').replace('replicas: 1', 'replicas: 5'));
          commitAll(other, 'scale web to 5');
          git(other, 'push', '-q', 'origin', 'HEAD:main');
        }
        return {
          headline: `Bump web (${report.files.filter((f) => f.changed).length} file)`,
          body: '',
        };
      },
    });
    const waits: number[] = [];
    req.sleep = async (ms) => {
      waits.push(ms);
    };
    const started = Date.now();
    const outcome = await bumpGitRepository(req);
    expect(outcome).toMatchObject({ operation: 'committed', attempts: 2 });
    expect(calls).toBe(2);
    expect(waits).toHaveLength(1);
    // The run's one backoff: within the first window for a round no longer than the whole run.
    expect(waits[0]).toBeLessThanOrEqual(backoffMs(1, Date.now() - started, () => 1));
    const history = remote.log();
    expect(history).toHaveLength(base.length + 2);
    expect(history[0]).toBe(outcome.commit?.oid);
    expect(git(remote.bare, 'log', '-1', '--format=%s', 'main~1').trim()).toBe('scale web to 5');
    expect(remote.show('apps/web/deployment.yaml')).toBe(
      DEPLOYMENT.replace('replicas: 1', 'replicas: 5').replace('web:v1', 'web:v2'),
    );
    expect(logged(req)).toMatch(/main moved while this bump was being pushed \(attempt 1/);
    // A git remote has no request count: the wait is random, and the log says how long.
    expect(logged(req)).toContain(
      `applying the bump again in ${(waits[0]! / 1000).toFixed(1)} s (a random wait).`,
    );
  });

  it('returns none when, after a lost race, the other writer already made the same bump', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const other = join(tempDir(), 'other');
    git(tmpdir(), 'clone', '-q', remote.url, other);
    const req = request(remote.url, {
      commitMessage: () => {
        const path = join(other, 'apps/web/deployment.yaml');
        writeFileSync(path, readFileSync(path, 'utf8').replace('web:v1', 'web:v2'));
        commitAll(other, 'the same bump, elsewhere');
        git(other, 'push', '-q', 'origin', 'HEAD:main');
        return { headline: 'Bump web', body: '' };
      },
    });
    const outcome = await bumpGitRepository(req);
    expect(outcome).toMatchObject({ operation: 'none', attempts: 2 });
    expect(git(remote.bare, 'log', '-1', '--format=%s').trim()).toBe('the same bump, elsewhere');
  });

  it('gives up after max-attempts rejected pushes, without forcing, and says how to fix it', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const other = join(tempDir(), 'other');
    git(tmpdir(), 'clone', '-q', remote.url, other);
    let n = 0;
    const req = request(remote.url, {
      maxAttempts: 2,
      commitMessage: () => {
        n++;
        writeFileSync(join(other, `note-${n}.txt`), `${n}\n`);
        commitAll(other, `note ${n}`);
        git(other, 'push', '-q', 'origin', 'HEAD:main');
        return { headline: 'Bump web', body: '' };
      },
    });
    await expect(bumpGitRepository(req)).rejects.toThrow(
      /rejected 2 times: other writers moved the branch first.*nothing was overwritten\. Raise max-attempts \(now 2\)/,
    );
    expect(git(remote.bare, 'log', '-1', '--format=%s').trim()).toBe('note 2');
    expect(remote.show('apps/web/deployment.yaml')).toBe(DEPLOYMENT);
  });

  it('names the repository, the branch and git’s reason when the branch does not exist', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const error = await bumpGitRepository(request(remote.url, { branch: 'nope' })).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GitError');
    expect(error.message).toContain(`Could not clone ${remote.url} (branch 'nope')`);
    expect(error.message).toContain('fatal: Remote branch nope not found in upstream origin');
    expect(error.message).toMatch(
      /Check the repository URL, that the branch exists, and that the token/,
    );
  });

  it('names the repository when its path does not exist', async () => {
    const missing = join(tempDir(), 'missing.git');
    const error = await bumpGitRepository(request(missing)).catch((e) => e);
    expect(error.message).toContain(`Could not clone ${missing} (its default branch)`);
    expect(error.message).toMatch(/fatal: .*missing\.git/);
    expect(error.message).toMatch(/Check the repository URL/);
  });

  it('refuses an invalid branch name before running anything else', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    await expect(
      bumpGitRepository(request(remote.url, { branch: '--upload-pack=touch x' })),
    ).rejects.toThrow(/branch: '--upload-pack=touch x' is not a valid branch name/);
    await expect(bumpGitRepository(request(remote.url, { branch: 'a..b' }))).rejects.toThrow(
      /not a valid branch name/,
    );
  });

  it('lets errors from the engine through (an image found nowhere), pushing nothing', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const head = remote.log();
    await expect(
      bumpGitRepository(request(remote.url, { bumps: parseBumps(['ghcr.io/acme/api:v2'], NAMES) })),
    ).rejects.toThrow(/ghcr.io\/acme\/api was found in none of the files/);
    await expect(
      bumpGitRepository(
        request(remote.url, { files: parseFileSpecs(['apps/api/deployment.yaml']) }),
      ),
    ).rejects.toThrow(/files: 'apps\/api\/deployment.yaml' does not exist/);
    expect(remote.log()).toEqual(head);
  });

  it('never shows the token or the credentials of the URL, in errors or logs', async () => {
    const token = 'glpat-S3cretT0kenValue';
    const encoded = Buffer.from(`x-access-token:${token}`).toString('base64');
    for (const url of [
      'http://127.0.0.1:9/x.git',
      'http://alice:hunter2-pw@127.0.0.1:9/group/x.git',
    ]) {
      const req = request(url, { token });
      const error = await bumpGitRepository(req).catch((e) => e);
      expect(error).toBeInstanceOf(Error);
      const text = `${error.message}\n${error.stack}\n${logged(req)}`;
      expect(error.message).toMatch(
        /Could not clone http:\/\/127\.0\.0\.1:9\/(group\/)?x\.git \(its default branch\)/,
      );
      expect(error.message).toMatch(/Failed to connect|Couldn't connect|Connection refused/);
      for (const secret of [token, encoded, 'hunter2', 'alice']) expect(text).not.toContain(secret);
    }
  });

  it('rejects max-attempts below 1', async () => {
    await expect(bumpGitRepository(request('/nowhere.git', { maxAttempts: 0 }))).rejects.toThrow(
      /max-attempts must be a whole number of at least 1/,
    );
  });

  it('lands 8 concurrent pushers bumping 8 images in one file: 8 linear commits, nothing lost', async () => {
    const images = Array.from({ length: 8 }, (_, i) => `ghcr.io/acme/svc-${i}`);
    const file = images
      .map(
        (image, i) =>
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: svc-${i}\n          image: ${image}:v1\n`,
      )
      .join('---\n');
    const remote = bareRepository({ main: { 'apps/all.yaml': file } });
    const base = remote.log();
    const requests = images.map((image) =>
      request(remote.url, {
        files: parseFileSpecs(['apps/all.yaml']),
        bumps: parseBumps([`${image}:v2`], NAMES),
        commitMessage: { headline: `Bump ${image} to v2`, body: '' },
        maxAttempts: 30,
        // The run's jittered backoff, each wait a tenth as long (the test checks the history,
        // not the policy; the bench measures that).
        sleep: (ms) => new Promise((done) => setTimeout(done, ms / 10)),
      }),
    );
    const outcomes = await Promise.all(requests.map((r) => bumpGitRepository(r)));
    expect(outcomes.every((o) => o.operation === 'committed')).toBe(true);
    expect(remote.show('apps/all.yaml')).toBe(file.replaceAll(':v1', ':v2'));
    const history = remote.log();
    expect(history).toHaveLength(base.length + 8);
    // Linear: no merges, and every commit made by a pusher is on the branch.
    expect(git(remote.bare, 'rev-list', '--merges', 'main').trim()).toBe('');
    expect(git(remote.bare, 'rev-list', '--first-parent', '--count', 'main').trim()).toBe(
      String(history.length),
    );
    for (const outcome of outcomes) expect(history).toContain(outcome.commit?.oid);
    // Each commit changes its own image's line and nothing else.
    for (const [i, outcome] of outcomes.entries()) {
      const diff = git(remote.bare, 'show', '--format=', '-U0', outcome.commit?.oid ?? '')
        .split('\n')
        .filter((l) => /^[-+](?![-+])/.test(l));
      expect(diff).toEqual([
        `-          image: ghcr.io/acme/svc-${i}:v1`,
        `+          image: ghcr.io/acme/svc-${i}:v2`,
      ]);
    }
  }, 60_000);
});

/** Smart HTTP in front of a bare repository (git http-backend), answering 401 without `auth`. */
async function httpRemote(
  remote: Remote,
  auth: string,
): Promise<{
  url: string;
  requests: Array<{ auth: string; agent: string }>;
  close(): Promise<void>;
}> {
  const requests: Array<{ auth: string; agent: string }> = [];
  const server: Server = createServer((req, res) => {
    requests.push({
      auth: req.headers.authorization ?? '',
      agent: String(req.headers['user-agent'] ?? ''),
    });
    if (req.headers.authorization !== auth) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="gitops"' });
      res.end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const backend = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: dirname(remote.bare),
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'bot',
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        ...(req.headers['content-length'] && { CONTENT_LENGTH: req.headers['content-length'] }),
      },
    });
    req.pipe(backend.stdin);
    const chunks: Buffer[] = [];
    backend.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    backend.on('close', () => {
      const output = Buffer.concat(chunks);
      const end = output.indexOf('\r\n\r\n');
      const head = output.subarray(0, end).toString('latin1').split('\r\n');
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon);
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.end(output.subarray(end + 4));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${remote.bare.split('/').pop()}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

describe('bumpGitRepository over http with a token', () => {
  const token = 'glpat-h77pT0kenS3cret';
  const basic = (user: string) => `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;

  it('sends the token as Basic auth on every request, clones, pushes, and stores it nowhere', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const http = await httpRemote(remote, basic('oauth2'));
    try {
      const req = request(http.url, { token, tokenUser: 'oauth2' });
      const outcome = await bumpGitRepository(req);
      expect(outcome).toMatchObject({ operation: 'committed', branch: 'main', attempts: 1 });
      expect(remote.show('apps/web/deployment.yaml')).toContain('ghcr.io/acme/web:v2');
      expect(http.requests.length).toBeGreaterThanOrEqual(4); // ls-remote, clone, push (2)
      expect(http.requests.every((r) => r.auth === basic('oauth2'))).toBe(true);
      const config = readFileSync(join(req.workDir, '.git/config'), 'utf8');
      expect(config).toContain(`url = ${http.url}`);
      for (const secret of [token, basic('oauth2').slice(6)]) {
        expect(config).not.toContain(secret);
        expect(logged(req)).not.toContain(secret);
      }
    } finally {
      await http.close();
    }
  });

  it('defaults the token user to x-access-token and keeps GIT_CONFIG_* entries already set', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const http = await httpRemote(remote, basic('x-access-token'));
    const saved = { ...process.env };
    process.env.GIT_CONFIG_COUNT = '1';
    process.env.GIT_CONFIG_KEY_0 = 'http.userAgent';
    process.env.GIT_CONFIG_VALUE_0 = 'runner-agent/1.0';
    try {
      const outcome = await bumpGitRepository(request(http.url, { token, dryRun: true }));
      expect(outcome.report.changed).toBe(true);
      expect(http.requests.every((r) => r.auth === basic('x-access-token'))).toBe(true);
      expect(http.requests.every((r) => r.agent === 'runner-agent/1.0')).toBe(true);
    } finally {
      process.env = saved;
      await http.close();
    }
  });

  it('fails with the URL, the branch, git’s reason and the fix when the token is refused, without showing it', async () => {
    const remote = bareRepository({ main: { 'apps/web/deployment.yaml': DEPLOYMENT } });
    const http = await httpRemote(remote, basic('someone-else'));
    try {
      const withCredentials = http.url.replace('http://', 'http://bob:pa55w0rd@');
      for (const url of [http.url, withCredentials]) {
        const req = request(url, { token, branch: 'main' });
        const error = await bumpGitRepository(req).catch((e) => e);
        expect(error.message).toContain(`Could not clone ${http.url} (branch 'main'): fatal:`);
        expect(error.message).toMatch(
          /Check the repository URL, .* the token \(https\) or SSH key/,
        );
        const text = `${error.message}\n${error.stack}\n${logged(req)}`;
        for (const secret of [token, basic('x-access-token').slice(6), 'pa55w0rd', 'bob']) {
          expect(text).not.toContain(secret);
        }
      }
    } finally {
      await http.close();
    }
  });
});

describe('isGitUrl', () => {
  it.each([
    ['https://gitlab.com/acme/gitops.git', true],
    ['https://bitbucket.org/acme/gitops', true],
    ['http://127.0.0.1:8080/x.git', true],
    ['ssh://git@git.example.com:2222/acme/gitops.git', true],
    ['git@gitlab.com:acme/gitops.git', true],
    ['git@git.example.com:gitops', true],
    ['git://git.example.com/gitops', true],
    ['file:///srv/git/gitops.git', true],
    ['/srv/git/gitops', true],
    ['./gitops', true],
    ['../gitops', true],
    ['gitops.git', true],
    ['acme/gitops.git', true],
    ['C:\\repos\\gitops', true],
    ['acme/gitops', false],
    ['my-org/gitops-repo', false],
    ['acme', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isGitUrl(value)).toBe(expected);
  });
});
