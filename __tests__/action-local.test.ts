// The bundled action against files in the workspace, run as a runner runs it.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runAction } from './helpers/run-action.js';
import { workspace } from './helpers/workspace.js';

const __dirname_ = dirname(fileURLToPath(import.meta.url));

const DEPLOYMENT =
  'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: platform-demo\n        image: ghcr.io/org/platform-demo:abc123 # deployed\n      - name: proxy\n        image: ghcr.io/org/platform-demo:abc123\n';

describe('the action on files in the workspace (mode: workspace)', () => {
  it('bumps the named container, sets the outputs and writes the job summary', () => {
    const ws = workspace({ 'manifests/platform-demo/00-deployment.yaml': DEPLOYMENT });
    const run = runAction(
      {
        mode: 'workspace',
        image: 'ghcr.io/org/platform-demo:def456',
        files: 'manifests/platform-demo/*.yaml',
        container: 'platform-demo',
      },
      ws,
    );
    expect(run.status).toBe(0);
    expect(readFileSync(join(ws, 'manifests/platform-demo/00-deployment.yaml'), 'utf8')).toBe(
      DEPLOYMENT.replace('abc123 # deployed', 'def456 # deployed'),
    );
    expect(run.outputs).toEqual({
      changed: 'true',
      files: '["manifests/platform-demo/00-deployment.yaml"]',
      changes:
        '[{"file":"manifests/platform-demo/00-deployment.yaml","line":7,"image":"ghcr.io/org/platform-demo","from":"abc123","to":"def456"}]',
      image: 'ghcr.io/org/platform-demo',
      tag: 'def456',
      'previous-tag': 'abc123',
      results:
        '[{"file":"manifests/platform-demo/00-deployment.yaml","line":7,"image":"ghcr.io/org/platform-demo","from":"abc123","to":"def456","decision":"bumped","reason":"def456 is not a version (unordered tag): allowed"}]',
      // Workspace mode that wrote the files says so.
      operation: 'written',
      'commit-sha': '',
      'commit-url': '',
      'pr-number': '',
      'pr-url': '',
      branch: '',
      merged: '',
      'merge-commit-sha': '',
      superseded: '[]',
      resolved: '[]',
    });
    expect(run.summary).toContain('### gitops-bump: files written');
    expect(run.summary).toContain(
      '| manifests/platform-demo/00-deployment.yaml:7 | ghcr.io/org/platform-demo | abc123 → def456 | changed |',
    );
    expect(run.stdout).toContain('::group::Read and edit the files');
    expect(run.stdout).toContain('::group::Outputs');
  });

  it('appends to the job summary, and says so when its file cannot be written', () => {
    const ws = workspace({ 'app.yaml': 'image: ghcr.io/org/app:1.0.0\n' });
    const first = runAction(
      { mode: 'workspace', image: 'ghcr.io/org/app:1.0.1', files: 'app.yaml' },
      ws,
    );
    expect(first.status).toBe(0);
    expect(first.summary.startsWith('### gitops-bump: files written')).toBe(true);
    expect(first.summary.endsWith('\n')).toBe(true);
    // GITHUB_STEP_SUMMARY naming a folder: the run fails with the path and the fix.
    const refused = runAction(
      { mode: 'workspace', image: 'ghcr.io/org/app:1.0.2', files: 'app.yaml' },
      ws,
      { GITHUB_STEP_SUMMARY: ws },
    );
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(
      `::error::Unable to write the job summary to GITHUB_STEP_SUMMARY='${ws}' (EISDIR). Check that the file can be written.`,
    );
  });

  it('reports changed=false on a rerun and exits 0', () => {
    const ws = workspace({ 'd.yaml': DEPLOYMENT });
    runAction(
      { mode: 'workspace', image: 'ghcr.io/org/platform-demo:def456', files: 'd.yaml' },
      ws,
    );
    const rerun = runAction(
      { mode: 'workspace', image: 'ghcr.io/org/platform-demo:def456', files: 'd.yaml' },
      ws,
    );
    expect(rerun.status).toBe(0);
    expect(rerun.outputs.changed).toBe('false');
    expect(rerun.outputs['previous-tag']).toBe('def456');
  });

  it('writes nothing in a dry run but reports what it would do', () => {
    const ws = workspace({ 'd.yaml': DEPLOYMENT });
    const run = runAction(
      {
        mode: 'workspace',
        image: 'ghcr.io/org/platform-demo',
        tag: 'v2',
        files: 'd.yaml',
        'dry-run': 'true',
      },
      ws,
    );
    expect(run.outputs.changed).toBe('true');
    expect(readFileSync(join(ws, 'd.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('fails with a message that names the input and the fix', () => {
    const ws = workspace({ 'd.yaml': DEPLOYMENT });
    const run = runAction(
      { mode: 'workspace', image: 'ghcr.io/org/platform-demo', files: 'd.yaml' },
      ws,
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "::error::image 'ghcr.io/org/platform-demo' has no tag or digest to deploy. Write it as ghcr.io/org/platform-demo:<tag> or ghcr.io/org/platform-demo@sha256:<digest>, or give tag, or set version-filter (e.g. ^1.0.0) to deploy the newest tag the registry has in that range.",
    );
    const bad = runAction(
      { mode: 'workspace', image: 'app:1', files: 'd.yaml', 'dry-run': 'maybe' },
      ws,
    );
    expect(bad.stdout).toContain("::error::dry-run: 'maybe' is not a boolean; use true or false.");
  });
});

describe('the action reports missed places', () => {
  const COMPOSE =
    // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolation, literal text
    'services:\n  web:\n    image: ghcr.io/org/app:1.0.0\n  worker:\n    image: ghcr.io/org/app:${WORKER_TAG}\n';
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('as a warning on the line, in results and in the summary; the rest is written', () => {
    const ws = workspace({ 'compose.yaml': COMPOSE });
    roots.push(ws);
    const run = runAction(
      { mode: 'workspace', image: 'ghcr.io/org/app:1.1.0', files: 'compose.yaml' },
      ws,
    );
    expect(run.status).toBe(0);
    expect(readFileSync(join(ws, 'compose.yaml'), 'utf8')).toBe(
      COMPOSE.replace('app:1.0.0', 'app:1.1.0'),
    );
    expect(run.stdout).toMatch(
      /::warning title=gitops-bump%3A missed place,file=compose\.yaml,line=5::ghcr\.io\/org\/app not bumped here: .*WORKER_TAG/,
    );
    const results = JSON.parse(run.outputs.results ?? '[]') as Array<Record<string, unknown>>;
    expect(results).toContainEqual(
      expect.objectContaining({ file: 'compose.yaml', line: 5, decision: 'missed' }),
    );
    expect(run.summary).toContain('| compose.yaml:5 | ghcr.io/org/app | | missed: ');
    // action.yml's description of `results` names every decision the output carries.
    const action = parse(readFileSync(join(__dirname_, '..', 'action.yml'), 'utf8')) as {
      outputs: Record<string, { description: string }>;
    };
    const described = action.outputs.results!.description;
    for (const decision of new Set(results.map((r) => String(r.decision))))
      expect(described).toMatch(new RegExp(`\\b${decision}\\b`));
  });

  it('fails and writes nothing with on-missed: fail', () => {
    const ws = workspace({ 'compose.yaml': COMPOSE });
    roots.push(ws);
    const run = runAction(
      {
        mode: 'workspace',
        image: 'ghcr.io/org/app:1.1.0',
        files: 'compose.yaml',
        'on-missed': 'fail',
      },
      ws,
    );
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('(on-missed: fail)');
    // Each missed place also gets its annotation on its line, as under on-missed: warn.
    expect(run.stdout).toMatch(
      /::warning title=gitops-bump%3A missed place,file=compose\.yaml,line=5::ghcr\.io\/org\/app not bumped here: .*WORKER_TAG/,
    );
    expect(readFileSync(join(ws, 'compose.yaml'), 'utf8')).toBe(COMPOSE);
    // A failed step that wrote nothing still says so to an `if: always()` step.
    expect(run.outputs.changed).toBe('false');
    expect(run.summary).toContain('Nothing was written.');
  });
});

describe('the outputs of several images, the first refused', () => {
  it('image, tag and previous-tag name the first image that was bumped, not the refused request', () => {
    const COMPOSE =
      'services:\n  one:\n    image: ghcr.io/org/one:2.0.0\n  two:\n    image: ghcr.io/org/two:1.0.0\n';
    const ws = workspace({ 'compose.yaml': COMPOSE });
    const run = runAction(
      {
        mode: 'workspace',
        images: 'ghcr.io/org/one:1.0.0\nghcr.io/org/two:1.1.0',
        files: 'compose.yaml',
      },
      ws,
    );
    expect(run.status).toBe(0);
    expect(readFileSync(join(ws, 'compose.yaml'), 'utf8')).toBe(
      COMPOSE.replace('two:1.0.0', 'two:1.1.0'),
    );
    expect(run.outputs).toMatchObject({
      changed: 'true',
      image: 'ghcr.io/org/two',
      tag: '1.1.0',
      'previous-tag': '1.0.0',
    });
    rmSync(ws, { recursive: true, force: true });
  });
});
