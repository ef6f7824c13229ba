// The CLI as a command-line tool: usage errors (exit 2, one line and a pointer to --help), flags
// that do not apply to the mode, --version, --check (exit 3), errors as JSON, the CLI's own
// words, the mutable-tag warning, and choosing files (exclusions; folders, links, submodules).
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';
import { cliWords } from '../src/cli/words.js';
import { workspace } from './helpers/workspace.js';

const DEPLOYMENT =
  'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/org/app:1.0.0\n';
const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const HELP = "Try 'gitops-bump --help' for the flags.\n";

const roots: string[] = [];
function folder(files: Record<string, string>): string {
  const root = workspace(files);
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function cli(root: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: root,
  });
  return { code, stdout, stderr };
}

const bump = ['--image', 'ghcr.io/org/app:1.1.0', '--files', 'd.yaml'];

describe('usage errors exit 2 with one line and a pointer to --help', () => {
  it.each([
    [
      'a pull-request flag with files on disk',
      ['--merge', 'now'],
      '--merge applies to a repository (--repository), not to files on disk; add --repository owner/name, or leave it out.',
    ],
    [
      'several repository flags with files on disk',
      ['--branch', 'prod', '--pr-labels', 'x'],
      '--branch, --pr-labels apply to a repository (--repository), not to files on disk; add --repository owner/name, or leave them out.',
    ],
    [
      '--repository with --mode workspace',
      ['--repository', 'acme/gitops', '--mode', 'workspace'],
      '--repository does not apply to --mode workspace (files on disk); leave out --mode, or --repository.',
    ],
    [
      'a pull-request flag in commit mode',
      ['--repository', 'acme/gitops', '--pr-reviewers', 'octocat'],
      '--pr-reviewers applies to --mode pull-request only (the mode is commit).',
    ],
    [
      '--cwd with --repository',
      ['--repository', 'acme/gitops', '--cwd', '.'],
      '--cwd applies to files on disk, not to --repository acme/gitops; leave out one of them.',
    ],
    ['a --cwd that does not exist', ['--cwd', 'nope'], "--cwd: 'nope' does not exist"],
    [
      'a bad flag value',
      ['--max-attempts', 'x', '--repository', 'acme/gitops', '--token', TOKEN],
      "--max-attempts: 'x' is not a number from 1 to 100.",
    ],
    [
      'a bad duration',
      ['--repository', 'a/b', '--mode', 'pull-request', '--token', TOKEN, '--wait-for-merge', '5'],
      "--wait-for-merge: '5' is not a duration up to 6h",
    ],
  ])('%s', async (_name, extra, message) => {
    const root = folder({ 'd.yaml': DEPLOYMENT });
    const result = await cli(root, ...bump, ...extra);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const [line, pointer, ...rest] = result.stderr.split('\n');
    expect(line).toMatch(/^gitops-bump: /);
    expect(line).toContain(message);
    expect(`${pointer}\n`).toBe(HELP);
    expect(rest).toEqual(['']);
    expect(readFileSync(join(root, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('--json prints errors as a JSON object: usage (2) and runtime (1)', async () => {
    const root = folder({ 'd.yaml': DEPLOYMENT });
    const usage = await cli(root, ...bump, '--merge', 'now', '--json');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('');
    expect(JSON.parse(usage.stdout)).toEqual({
      error: {
        message:
          '--merge applies to a repository (--repository), not to files on disk; add --repository owner/name, or leave it out.',
        exitCode: 2,
      },
    });
    const missing = await cli(
      root,
      '--image',
      'ghcr.io/org/app:2',
      '--files',
      'k8s/*.yaml',
      '--json',
    );
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.message).toMatch(
      /^--files: the glob 'k8s\/\*\.yaml' matches no file/,
    );
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cli('/', '--version')).toEqual({
      code: 0,
      stdout: `gitops-bump ${pkg.version}\n`,
      stderr: '',
    });
  });
});

describe('--check', () => {
  it('exits 3 when a change is needed, writing nothing; 0 when none is', async () => {
    const root = folder({ 'd.yaml': DEPLOYMENT });
    const needed = await cli(root, ...bump, '--check');
    expect(needed.code).toBe(3);
    expect(needed.stdout).toBe('d.yaml:7  ghcr.io/org/app  1.0.0 -> 1.1.0\n1 change in 1 file\n');
    expect(needed.stderr).toBe(
      'gitops-bump: --check: a change is needed; run without --check to make it.\n',
    );
    expect(readFileSync(join(root, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT);
    const done = await cli(
      root,
      '--image',
      'ghcr.io/org/app:1.0.0',
      '--files',
      'd.yaml',
      '--check',
    );
    expect(done.code).toBe(0);
  });
});

describe('reports', () => {
  it('operation is the same word as the action: written, none (dry run), refused', async () => {
    const root = folder({ 'd.yaml': DEPLOYMENT });
    const dry = await cli(root, ...bump, '--dry-run', '--json');
    expect(JSON.parse(dry.stdout).operation).toBe('none');
    const refused = await cli(
      root,
      '--image',
      'ghcr.io/org/app:0.9.0',
      '--files',
      'd.yaml',
      '--json',
    );
    expect(JSON.parse(refused.stdout).operation).toBe('refused');
    const written = await cli(root, ...bump, '--json');
    expect(JSON.parse(written.stdout)).toMatchObject({ operation: 'written', changed: true });
  });

  it('a mutable tag warns, as in the action', async () => {
    const root = folder({ 'd.yaml': DEPLOYMENT });
    const result = await cli(root, '--image', 'ghcr.io/org/app:latest', '--files', 'd.yaml');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "warning: d.yaml:7 ghcr.io/org/app: 'latest' is a mutable tag: GitOps tools see no change when it moves",
    );
  });
});

describe('choosing files', () => {
  it("'!' lines exclude what they match: includes first, then exclusions", async () => {
    const root = folder({
      'apps/staging/d.yaml': DEPLOYMENT,
      'apps/prod/d.yaml': DEPLOYMENT,
      'apps/prod/extra/d.yaml': DEPLOYMENT,
    });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:1.1.0',
      '--files',
      '!apps/prod/**',
      '--files',
      'apps/**/*.yaml',
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(root, 'apps/staging/d.yaml'), 'utf8')).toContain('app:1.1.0');
    expect(readFileSync(join(root, 'apps/prod/d.yaml'), 'utf8')).toBe(DEPLOYMENT);
    expect(readFileSync(join(root, 'apps/prod/extra/d.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('a line whose every file is excluded is an error that says so', async () => {
    const root = folder({ 'apps/prod/d.yaml': DEPLOYMENT, 'apps/dev/d.yaml': DEPLOYMENT });
    const result = await cli(
      root,
      ...['--image', 'ghcr.io/org/app:2', '--files', 'apps/prod/d.yaml'],
      ...['--files', 'apps/dev/*.yaml', '--files', '!apps/prod/**'],
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "gitops-bump: --files: every file 'apps/prod/d.yaml' names is excluded by '!apps/prod/**' (apps/prod/d.yaml); remove the exclusion or that line.\n",
    );
  });

  it('a folder, a symbolic link and a submodule are named as such', async () => {
    const root = folder({ 'd.yaml': DEPLOYMENT, 'apps/web/d.yaml': DEPLOYMENT });
    symlinkSync('d.yaml', join(root, 'link.yaml'));
    mkdirSync(join(root, 'vendor/charts'), { recursive: true });
    writeFileSync(join(root, 'vendor/charts/.git'), 'gitdir: ../../.git/modules/charts\n');
    const say = async (path: string) =>
      (await cli(root, '--image', 'ghcr.io/org/app:2', '--files', path)).stderr;
    expect(await say('apps/web')).toBe(
      "gitops-bump: --files: 'apps/web' is a directory, not a file; name its files, e.g. apps/web/*.yaml\n",
    );
    expect(await say('link.yaml')).toBe(
      "gitops-bump: --files: 'link.yaml' is a symbolic link to 'd.yaml', not a regular file; name the file it points to, so that the link itself is not rewritten\n",
    );
    expect(await say('vendor/charts')).toBe(
      "gitops-bump: --files: 'vendor/charts' is a git submodule (another repository), not a file; bump the files in that repository instead\n",
    );
    expect(readFileSync(join(root, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });
});

describe("the CLI's words", () => {
  it.each([
    [
      "files: the glob 'k8s/*.yaml' matches no file.",
      "--files: the glob 'k8s/*.yaml' matches no file.",
    ],
    [
      '1.0.1 is lower than 1.4.0; set allow-downgrade: true to roll back',
      '1.0.1 is lower than 1.4.0; pass --allow-downgrade to roll back',
    ],
    [
      'Raise max-attempts (now 3), or bump these images together with images: in one job.',
      'Raise --max-attempts (now 3), or bump these images together with several --image flags in one run.',
    ],
    [
      'Use merge: auto to let GitHub merge it once the required checks pass.',
      'Use --merge auto to let GitHub merge it once the required checks pass.',
    ],
    [
      `token: the token is empty. Pass one, e.g. token: \${{ secrets.GITOPS_TOKEN }}; an unset or misspelt secret name gives an empty value.`,
      '--token: the token is empty. Pass --token, or set GITHUB_TOKEN (or GH_TOKEN) in the environment.',
    ],
    // Every flag of the CLI is translated, the newer ones too (the list is the flags' own table).
    ['so nothing was written (on-missed: fail):', 'so nothing was written (--on-missed fail):'],
    ['verify-image: true needs a tag', '--verify-image: true needs a tag'],
    // Ordinary words that are also input names stay as they are.
    ['has no tag or digest to deploy', 'has no tag or digest to deploy'],
    ['the branch main moved', 'the branch main moved'],
  ])('%s', (action, cli) => {
    expect(cliWords(action)).toBe(cli);
  });
});
