// The CLI door, run in-process on temporary folders.
import { chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';
import { workspace } from './helpers/workspace.js';

const DEPLOYMENT =
  'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: web # the app\n        image: ghcr.io/org/app:1.0.0\n';
const VERSIONS = 'kind: ConfigMap\ndata:\n  backend: sha-abc1234\n';

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

describe('gitops-bump CLI', () => {
  it('bumps the files a glob matches and says what changed', async () => {
    const root = workspace({ 'apps/web/deploy.yaml': DEPLOYMENT, 'apps/web/other.txt': 'x' });
    const result = await cli(root, '--image', 'ghcr.io/org/app:1.1.0', '--files', 'apps/**/*.yaml');
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: 'apps/web/deploy.yaml:7  ghcr.io/org/app  1.0.0 -> 1.1.0\n1 change in 1 file\n',
    });
    expect(readFileSync(join(root, 'apps/web/deploy.yaml'), 'utf8')).toBe(
      DEPLOYMENT.replace('1.0.0', '1.1.0'),
    );
  });

  it('keeps the file mode', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    chmodSync(join(root, 'd.yaml'), 0o640);
    await cli(root, '--image', 'ghcr.io/org/app:2', '--files', 'd.yaml');
    expect(statSync(join(root, 'd.yaml')).mode & 0o777).toBe(0o640);
  });

  it('prints a unified diff and writes nothing with --dry-run', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:1.1.0',
      '--files',
      'd.yaml',
      '--dry-run',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--- a/d.yaml\n+++ b/d.yaml\n');
    expect(result.stdout).toContain(
      '-        image: ghcr.io/org/app:1.0.0\n+        image: ghcr.io/org/app:1.1.0\n',
    );
    expect(readFileSync(join(root, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('prints the change report as JSON, and reports an unchanged rerun with exit 0', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT, 'image-versions.yaml': VERSIONS });
    const args = [
      '--image',
      'ghcr.io/org/app:sha-def5678',
      '--files',
      'd.yaml',
      '--files',
      'image-versions.yaml#data.backend',
      '--json',
    ];
    const first = await cli(root, ...args);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      changed: true,
      files: ['d.yaml', 'image-versions.yaml'],
      changes: [
        {
          file: 'd.yaml',
          line: 7,
          image: 'ghcr.io/org/app',
          from: '1.0.0',
          to: 'sha-def5678',
          kind: 'container',
        },
        {
          file: 'image-versions.yaml',
          line: 3,
          image: 'ghcr.io/org/app',
          from: 'sha-abc1234',
          to: 'sha-def5678',
          kind: 'key-path',
        },
      ],
    });
    const second = await cli(root, ...args);
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: false, files: [], changes: [] });
  });

  it('lists the images it found when the image is found nowhere', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const result = await cli(root, '--image', 'ghcr.io/org/ap:2', '--files', 'd.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'gitops-bump: The image ghcr.io/org/ap was found in none of the files (d.yaml). Images found there:\n  ghcr.io/org/app:1.0.0 (d.yaml:7)\nCheck the image name (registry and path must match), or the files.\n',
    );
  });

  it('names the input and the bad value for a bad reference', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const result = await cli(root, '--image', 'ghcr.io/Org/app:1', '--files', 'd.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--image: Invalid image reference 'ghcr.io/Org/app:1': the repository name 'Org/app' must be lower-case.",
    );
  });

  it('says where a file does not parse, and writes no file', async () => {
    const root = workspace({
      'a.yaml': DEPLOYMENT,
      'b.yaml': 'image: ghcr.io/org/app:1\n  bad: [\n',
    });
    const result = await cli(root, '--image', 'ghcr.io/org/app:2', '--files', '*.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^gitops-bump: b\.yaml:1:8: the YAML does not parse: Nested mappings are not allowed in compact mappings/,
    );
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('refuses a glob that matches nothing and a path that leaves the repository', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    expect((await cli(root, '--image', 'app:1', '--files', 'k8s/*.yaml')).stderr).toContain(
      "files: the glob 'k8s/*.yaml' matches no file",
    );
    expect((await cli(root, '--image', 'app:1', '--files', '../d.yaml')).stderr).toContain(
      "files: '../d.yaml' leaves the repository with '..'",
    );
  });

  it('answers a usage error with exit 2 and the usage', async () => {
    const result = await cli('/', '--image', 'app:1');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "gitops-bump: --files is required (a path or glob, e.g. --files apps/web/*.yaml).\nTry 'gitops-bump --help' for the flags.\n",
    );
    const bogus = await cli('/', '--bogus');
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toBe(
      "gitops-bump: Unknown option '--bogus'\nTry 'gitops-bump --help' for the flags.\n",
    );
  });
});

describe('gitops-bump CLI version policy', () => {
  it('skips a downgrade by default, saying how to roll back', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const result = await cli(root, '--image', 'ghcr.io/org/app:0.9.0', '--files', 'd.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'd.yaml:7  ghcr.io/org/app  1.0.0 -> 0.9.0 not bumped: 0.9.0 is lower than 1.0.0; pass --allow-downgrade to roll back\nno change: 1 refused by the version policy\n',
    );
    expect(readFileSync(join(root, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('rolls back with --allow-downgrade', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:0.9.0',
      '--files',
      'd.yaml',
      '--allow-downgrade',
    );
    expect(result.stdout).toBe('d.yaml:7  ghcr.io/org/app  1.0.0 -> 0.9.0\n1 change in 1 file\n');
    expect(readFileSync(join(root, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT.replace('1.0.0', '0.9.0'));
  });

  it('fails with --on-policy-violation fail and writes nothing', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:2.0.0',
      '--files',
      'd.yaml',
      '--version-filter',
      '^1.0.0',
      '--on-policy-violation',
      'fail',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'gitops-bump: The version policy refused a bump, so nothing was written (--on-policy-violation fail):\n  d.yaml:7 ghcr.io/org/app 1.0.0 → 2.0.0: 2.0.0 is outside the filter ^1.0.0\n',
    );
    expect(readFileSync(join(root, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('names the CLI option in policy errors', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const bad = await cli(
      root,
      '--image',
      'ghcr.io/org/app:2',
      '--files',
      'd.yaml',
      '--tag-pattern',
      '^(x',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^gitops-bump: --tag-pattern: '\^\(x' is not a valid regular expression/,
    );
    const mode = await cli(
      root,
      '--image',
      'ghcr.io/org/app:2',
      '--files',
      'd.yaml',
      '--on-policy-violation',
      'warn',
    );
    expect(mode.code).toBe(2);
    expect(mode.stderr).toBe(
      "gitops-bump: --on-policy-violation: 'warn' is not one of skip, fail.\nTry 'gitops-bump --help' for the flags.\n",
    );
  });

  it('lists refusals in --json', async () => {
    const root = workspace({ 'd.yaml': DEPLOYMENT });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:0.1.0',
      '--files',
      'd.yaml',
      '--json',
    );
    expect(JSON.parse(result.stdout).refused).toEqual([
      {
        file: 'd.yaml',
        line: 7,
        image: 'ghcr.io/org/app',
        from: '1.0.0',
        to: '0.1.0',
        reason: '0.1.0 is lower than 1.0.0; pass --allow-downgrade to roll back',
      },
    ]);
  });
});

describe('gitops-bump CLI missed places', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>): string => {
    const root = workspace(files);
    roots.push(root);
    return root;
  };
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  const COMPOSE =
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, literal text
    'services:\n  web:\n    image: ghcr.io/org/app:1.0.0\n  worker:\n    image: ghcr.io/org/app:${WORKER_TAG}\n';

  it('writes the rest and reports each missed place with its line and why (warn)', async () => {
    const root = make({ 'compose.yaml': COMPOSE });
    const result = await cli(root, '--image', 'ghcr.io/org/app:1.1.0', '--files', 'compose.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('compose.yaml:3  ghcr.io/org/app  1.0.0 -> 1.1.0\n');
    expect(result.stdout).toMatch(
      /compose\.yaml:5 {2}ghcr\.io\/org\/app {2}missed: .*\$\{WORKER_TAG\}/,
    );
    expect(result.stdout).toContain('1 change in 1 file; 1 missed place (see above)\n');
    expect(readFileSync(join(root, 'compose.yaml'), 'utf8')).toBe(
      COMPOSE.replace('app:1.0.0', 'app:1.1.0'),
    );
  });

  it('lists missed places in --json', async () => {
    const root = make({ 'compose.yaml': COMPOSE });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:1.1.0',
      '--files',
      'compose.yaml',
      '--json',
    );
    const json = JSON.parse(result.stdout) as { missed: Array<Record<string, unknown>> };
    expect(json.missed).toEqual([
      expect.objectContaining({ file: 'compose.yaml', line: 5, image: 'ghcr.io/org/app' }),
    ]);
  });

  it('writes nothing and exits 1 with --on-missed fail', async () => {
    const root = make({ 'compose.yaml': COMPOSE });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:1.1.0',
      '--files',
      'compose.yaml',
      '--on-missed',
      'fail',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('compose.yaml:5 ghcr.io/org/app');
    expect(result.stderr).toContain('(--on-missed fail)');
    expect(readFileSync(join(root, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
  });

  it('names the flag for a bad --on-missed value', async () => {
    const root = make({ 'compose.yaml': COMPOSE });
    const result = await cli(
      root,
      '--image',
      'ghcr.io/org/app:1.1.0',
      '--files',
      'compose.yaml',
      '--on-missed',
      'ignore',
    );
    expect(result.code).toBe(2); // a bad flag value is a usage error
    expect(result.stderr).toContain('--on-missed');
    expect(result.stderr).toContain('ignore');
  });

  it('lists images only when the image is found nowhere', async () => {
    const root = make({
      'd.yaml': `${DEPLOYMENT}        securityContext:\n          user: "unit:root"\n`,
    });
    const result = await cli(root, '--image', 'ghcr.io/org/ap:2', '--files', 'd.yaml');
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('unit:root');
  });
});
