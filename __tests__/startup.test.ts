// What the bundles load at start (issue 12): a workspace bump loads none of node's network or
// process modules (@actions/core's http-client and exec are stand-ins that load the real
// packages on first use), while a git run, which needs them, still gets them; and dist/cli.js's
// compile cache goes to the folder it names, or nowhere on a node without one (Node 20).
// Runs dist/ (npm run build first). Each run writes node's list of loaded builtins at exit.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import module from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction, runActionAsync } from './helpers/run-action.js';
import { tempDir } from './helpers/temp.js';
import { workspace } from './helpers/workspace.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NETWORK_AND_PROCESS = ['http', 'https', 'tls', 'child_process', 'assert'];

/** NODE_OPTIONS that make a node process write the builtins it loaded to the returned file. */
function recordBuiltins(): { env: Record<string, string>; loaded: () => string[] } {
  const dir = tempDir('gitops-bump-builtins-');
  const list = join(dir, 'loaded.txt');
  const preload = join(dir, 'record.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));\n`,
  );
  return {
    env: { NODE_OPTIONS: `--require ${preload}` },
    loaded: () =>
      readFileSync(list, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('NativeModule '))
        .map((line) => line.slice('NativeModule '.length)),
  };
}

const FILE = 'image: ghcr.io/acme/app:1.0.0\n';

it('an action workspace bump loads no network or process module', () => {
  const ws = workspace({ 'app.yaml': FILE });
  const record = recordBuiltins();
  const run = runAction(
    { image: 'ghcr.io/acme/app:1.0.1', files: 'app.yaml', mode: 'workspace' },
    ws,
    record.env,
  );
  expect(run.status).toBe(0);
  expect(readFileSync(join(ws, 'app.yaml'), 'utf8')).toBe('image: ghcr.io/acme/app:1.0.1\n');
  expect(record.loaded().filter((m) => NETWORK_AND_PROCESS.includes(m))).toEqual([]);
});

it('a CLI bump of a file loads no network or process module', () => {
  const ws = workspace({ 'app.yaml': FILE });
  const record = recordBuiltins();
  const cli = join(root, 'dist', 'cli.js');
  const result = spawnSync(
    process.execPath,
    [cli, '--image', 'ghcr.io/acme/app:1.0.1', '--files', 'app.yaml', '--cwd', ws],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: ws, ...record.env } },
  );
  expect(result.status).toBe(0);
  expect(readFileSync(join(ws, 'app.yaml'), 'utf8')).toBe('image: ghcr.io/acme/app:1.0.1\n');
  expect(record.loaded().filter((m) => NETWORK_AND_PROCESS.includes(m))).toEqual([]);
});

/**
 * Runs a direct bump against a GitHub that refuses the token after `answerMs` (the run fails at
 * its first answer), with `hook(seen)` preloaded: the source of a CommonJS module that writes
 * what it observed to the file `seen`. Returns the run, what the hook wrote, and the GraphQL URL.
 */
async function directBumpObserved(hook: (seen: string) => string, answerMs = 0) {
  const ws = workspace({});
  const dir = tempDir('gitops-bump-observed-');
  const seen = join(dir, 'seen.json');
  const preload = join(dir, 'hook.cjs');
  writeFileSync(preload, hook(JSON.stringify(seen)));
  const github = createServer((_req, res) => {
    setTimeout(() => {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"message":"Bad credentials"}');
    }, answerMs);
  });
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  const graphqlUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}/graphql`;
  const run = await runActionAsync(
    {
      image: 'ghcr.io/acme/app:1.0.1',
      files: 'app.yaml',
      repository: 'acme/gitops',
      token: 'ghs_0123456789abcdef0123456789abcdef0123',
      'request-timeout': '2',
    },
    ws,
    { NODE_OPTIONS: `--require ${preload}`, GITHUB_GRAPHQL_URL: graphqlUrl },
  ).finally(() => github.close());
  return { run, graphqlUrl, observed: JSON.parse(readFileSync(seen, 'utf8')) as unknown };
}

it('a direct bump sends its first read before it loads @actions/core, node:crypto or any chunk', async () => {
  // At the first request: the builtins loaded and the bundle's files required so far.
  const { run, graphqlUrl, observed } = await directBumpObserved(
    (seen) => `const http = require('node:http');
const request = http.request;
http.request = function (...args) {
  if (!require('node:fs').existsSync(${seen}))
    require('node:fs').writeFileSync(${seen}, JSON.stringify({
      builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
      files: Object.keys(require.cache).filter((f) => f.includes('dist')),
      url: String(args[0]),
    }));
  return request.apply(this, args);
};
`,
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('Bad credentials');
  const first = observed as { builtins: string[]; files: string[]; url: string };
  expect(first.url).toBe(graphqlUrl);
  expect(first.files.map((f) => f.slice(f.lastIndexOf('dist')))).toEqual([
    join('dist', 'index.js'),
  ]);
  expect(first.builtins).not.toContain('crypto');
  expect(first.builtins).not.toContain('internal/fs/promises');
});

it('a direct bump has node:zlib loaded before its first answer comes (GitHub compresses)', async () => {
  // The wait's warm-up loads node:zlib and inflates once (src/stores/http.ts, warmDecoder). The
  // hook looks when the first answer's headers arrive, 150 ms after the request.
  const { run, observed } = await directBumpObserved(
    (seen) => `require('node:diagnostics_channel').subscribe('http.client.response.finish', () => {
  const fs = require('node:fs');
  if (!fs.existsSync(${seen}))
    fs.writeFileSync(${seen}, JSON.stringify(process.moduleLoadList.includes('NativeModule zlib')));
});
`,
    150,
  );
  expect(run.status).toBe(1);
  expect(observed).toBe(true);
});

it("a direct bump reads GitHub's answers without loading node's fetch (undici)", async () => {
  // The answers are handed to Octokit as fetch's Response presents them (src/stores/http.ts),
  // not as node's Response, whose first use loads undici's JavaScript. The hook looks at exit,
  // after the run read and reported GitHub's answer.
  const { run, observed } = await directBumpObserved(
    (seen) => `process.on('exit', () => {
  require('node:fs').writeFileSync(${seen}, JSON.stringify(process.moduleLoadList.filter((m) => m.includes('undici'))));
});
`,
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('Bad credentials');
  expect(observed).toEqual([]);
});

it('a run refused at its inputs loads neither the engine, the YAML library nor semver', () => {
  // It reports the refusal (src/action/main.ts) without loading the bump (src/action/bump.ts):
  // the files of the bundle it loaded, at exit, hold none of their code.
  const ws = workspace({ 'app.yaml': FILE });
  const dir = tempDir('gitops-bump-loaded-');
  const list = join(dir, 'loaded.json');
  const preload = join(dir, 'record.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`,
  );
  const run = runAction(
    { image: 'ghcr.io/acme/app:1.0.1', files: 'app.yaml', repository: 'acme/gitops', token: '-' },
    ws,
    { NODE_OPTIONS: `--require ${preload}` },
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/::error::token: the token is a placeholder/);
  const loaded = (JSON.parse(readFileSync(list, 'utf8')) as string[]).filter((f) =>
    f.startsWith(join(root, 'dist')),
  );
  expect(loaded.length).toBeGreaterThan(1); // the entry and the chunk with @actions/core
  const text = loaded.map((f) => readFileSync(f, 'utf8')).join('\n');
  const everything = readdirSync(join(root, 'dist'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(root, 'dist', f), 'utf8'))
    .join('\n');
  // yaml's Composer, semver's SemVer, the engine's bumpFiles: each is in a chunk of dist/.
  const markers = ['class Composer', 'class SemVer', 'function bumpFiles'];
  expect(markers.filter((m) => everything.includes(m))).toEqual(markers);
  expect(markers.filter((m) => text.includes(m))).toEqual([]);
  // The refusal's output and summary are still written, and the file is untouched.
  expect(run.outputs.changed).toBe('false');
  expect(run.summary).toContain('### gitops-bump: failed');
  expect(run.summary).toContain('Nothing was written.');
  expect(readFileSync(join(ws, 'app.yaml'), 'utf8')).toBe(FILE);
});

it("the action's entry leaves semver and picomatch's glob compiler to the chunks", () => {
  // Both load after the first request (a version policy's check, a glob's match): compiling and
  // running them held that request back by about 4 ms. Each is found by text of its own code.
  const dist = join(root, 'dist');
  const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f));
  const read = (f: string) => readFileSync(join(dist, f), 'utf8');
  for (const marker of ['class SemVer', 'to match literal characters']) {
    expect(read('index.js')).not.toContain(marker);
    expect(chunks.filter((f) => read(f).includes(marker))).toHaveLength(1);
  }
});

it('an action run against a git remote gets @actions/exec (child_process) when it needs it', () => {
  const dir = tempDir('gitops-bump-bare-');
  const bare = join(dir, 'gitops.git');
  const work = join(dir, 'work');
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });
  git(dir, 'init', '--quiet', '--bare', '-b', 'main', bare);
  git(dir, 'clone', '--quiet', bare, work);
  writeFileSync(join(work, 'app.yaml'), FILE);
  git(work, 'add', 'app.yaml');
  git(work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'seed');
  git(work, 'push', '--quiet', 'origin', 'HEAD:main');
  const record = recordBuiltins();
  const run = runAction(
    { image: 'ghcr.io/acme/app:1.0.1', files: 'app.yaml', repository: bare },
    tempDir('gitops-bump-ws-'),
    record.env,
  );
  expect(run.outputs).toMatchObject({ changed: 'true', operation: 'committed' });
  expect(record.loaded()).toContain('child_process');
});

it("dist/cli.js keeps the compile cache in the user's cache folder where node has one", () => {
  const home = tempDir('gitops-bump-home-');
  const result = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--version'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, 'cache') },
  });
  expect(result.status).toBe(0);
  const hasCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache;
  // Node 22.1+ writes it there; Node 20 has no compile cache and writes nothing anywhere.
  expect(existsSync(join(home, 'cache', 'gitops-bump', 'node-compile-cache'))).toBe(
    hasCache === 'function',
  );
});
