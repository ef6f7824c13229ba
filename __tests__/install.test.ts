// Installing the CLI outside GitHub Actions, the two ways README.md shows, each in a clean
// temporary folder: from a release tag (a shallow clone of the tag, then node dist/cli.js), and
// from the tarball of dist/ that script/pack-cli.mjs makes (npm install --global, then
// gitops-bump). Each runs --help and a real bump of a file on disk.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/my-org/api:1.4.1 # deployed by CI\n';

/** The environment of a plain shell: jest's NODE_OPTIONS and the runner's variables stay out. */
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(NODE_OPTIONS|GITHUB_|INPUT_|RUNNER_|JEST_)/.test(key)) env[key] = value;
  return env;
}

function run(command: string, args: string[], cwd: string) {
  const r = spawnSync(command, args, { cwd, env: shellEnv(), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A GitOps checkout with one deployment, the CLI bumping it there, and what the file became. */
function bumpIn(dir: string, cli: string[]) {
  const gitops = join(dir, 'gitops');
  mkdirSync(join(gitops, 'apps', 'api'), { recursive: true });
  writeFileSync(join(gitops, 'apps', 'api', 'deployment.yaml'), DEPLOYMENT);
  const [command, ...args] = cli;
  const bump = run(
    command!,
    [...args, '--image', 'ghcr.io/my-org/api:1.4.2', '--files', 'apps/**/*.yaml', '--json'],
    gitops,
  );
  return { ...bump, file: readFileSync(join(gitops, 'apps', 'api', 'deployment.yaml'), 'utf8') };
}

function expectInstalled(dir: string, cli: string[]) {
  const [command, ...args] = cli;
  const help = run(command!, [...args, '--help'], dir);
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: gitops-bump --image REF/);

  const bump = bumpIn(dir, cli);
  expect({ status: bump.status, stderr: bump.stderr }).toEqual({ status: 0, stderr: '' });
  expect(bump.file).toBe(DEPLOYMENT.replace('api:1.4.1 #', 'api:1.4.2 #'));
  const report = JSON.parse(bump.stdout) as { changes: { file: string; from: string }[] };
  expect(report.changes).toEqual([
    expect.objectContaining({ file: 'apps/api/deployment.yaml', from: '1.4.1', to: '1.4.2' }),
  ]);
}

describe('installing the CLI outside GitHub Actions', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('from a release tag: git clone --depth 1 --branch v1, then node gitops-bump/dist/cli.js', () => {
    // The project as a remote with a v1 tag: a throw-away clone of this repository's HEAD.
    const origin = join(tempDir('gitops-bump-origin-'), 'gitops-bump.git');
    execFileSync('git', ['clone', '--quiet', '--bare', root, origin]);
    execFileSync('git', ['--git-dir', origin, 'tag', 'v1', 'HEAD']);

    const user = tempDir('gitops-bump-user-');
    const clone = run(
      'git',
      ['clone', '--quiet', '--depth', '1', '--branch', 'v1', `file://${origin}`, 'gitops-bump'],
      user,
    );
    expect({ status: clone.status, stderr: clone.status === 0 ? '' : clone.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(readdirSync(join(user, 'gitops-bump'))).not.toContain('node_modules');
    expectInstalled(user, [process.execPath, join(user, 'gitops-bump', 'dist', 'cli.js')]);
  });

  it('from the tarball of dist/: npm install --global gitops-bump-X.Y.Z.tgz, then gitops-bump', () => {
    const user = tempDir('gitops-bump-user-');
    const pack = run(process.execPath, [join(root, 'script', 'pack-cli.mjs'), '--out', user], root);
    expect(pack.status).toBe(0);
    const version = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const tarball = join(user, `gitops-bump-${version}.tgz`);
    expect(pack.stdout.trim()).toBe(tarball);

    // --offline: the tarball has no dependencies, so nothing is fetched.
    const prefix = join(user, 'tools');
    const install = run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
      user,
    );
    expect(install.status).toBe(0);
    expect(readdirSync(join(prefix, 'lib', 'node_modules', 'gitops-bump')).sort()).toEqual([
      'README.md',
      'dist',
      'package.json',
    ]);
    expectInstalled(user, [join(prefix, 'bin', 'gitops-bump')]);
  });
});
