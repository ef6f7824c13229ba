// GitHub's local action runner, as CONTRIBUTING.md and script/demo.local-action.env document it:
// the demo server on port 4010, then exactly
//   npx --yes @github/local-action@7 run . src/main.ts script/demo.local-action.env
// non-interactively, against src/main.ts's exported run(): the outputs table, the job summary
// file, the commit on the server, and the rerun that changes nothing.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENV_FILE = 'script/demo.local-action.env';
const SUMMARY = join(root, 'build', 'local-action-summary.md');
const OLD_TAG = '3f9c2b1a7d4e8f60c5b29e1d0a4f7c3b8e6d2a91';
const NEW_TAG = '8d1e4c7b2a9f0e3d6c5b4a3928170f6e5d4c3b2a';

/** The environment of a shell a developer opens: jest's own variables stay out. */
function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(NODE_OPTIONS|GITHUB_|INPUT_|RUNNER_|JEST_)/.test(key)) env[key] = value;
  return env;
}

/** `node script/demo.mjs --serve --port 4010`, resolved once it prints DEMO_READY=true. */
function startServer(): Promise<{ child: ChildProcess; vars: Record<string, string> }> {
  const child = spawn(process.execPath, ['script/demo.mjs', '--serve', '--port', '4010'], {
    cwd: root,
    env: shellEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      stdout += d;
      if (!/^DEMO_READY=true$/m.test(stdout)) return;
      const vars = Object.fromEntries(
        [...stdout.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
      );
      resolve({ child, vars });
    });
    child.on('close', (code) => reject(new Error(`the demo server exited (${code}): ${stderr}`)));
  });
}

/** The documented command, with no terminal: standard input closed. */
function localAction() {
  const run = spawnSync(
    'npx',
    ['--yes', '@github/local-action@7', 'run', '.', 'src/main.ts', ENV_FILE],
    { cwd: root, env: shellEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // npm's own install notices (`npm warn EBADENGINE` on Node 20 when npx fetches) are not the action's.
  const stderr = run.stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('npm warn'))
    .join('\n');
  return { status: run.status, stdout: run.stdout, stderr };
}

/** The rows of local-action's "Action Outputs" table (console.table escapes `"`): name → value. */
function outputsTable(stdout: string): Record<string, string> {
  const table = stdout.slice(stdout.indexOf('Action Outputs'));
  const rows = [...table.matchAll(/│\s*\d+\s*│\s*'([\w-]+)'\s*│\s*'(.*?)'\s*│/g)];
  return Object.fromEntries(rows.map((m) => [m[1]!, m[2]!.replaceAll('\\"', '"')]));
}

/** The deployment file on the demo server's main branch, through the REST API. */
function fileOnServer(vars: Record<string, string>): Promise<string> {
  const url = `${vars.GITHUB_API_URL}/repos/${vars.DEMO_REPOSITORY}/contents/${vars.DEMO_FILES}`;
  return new Promise((resolve, reject) => {
    // A fresh connection each time (agent: false): a kept-alive socket may be closed by the
    // server between two calls seconds apart, which Node reports as "socket hang up".
    const headers = { authorization: `Bearer ${vars.DEMO_TOKEN}` };
    get(url, { headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () =>
        resolve(Buffer.from(JSON.parse(body).content as string, 'base64').toString('utf8')),
      );
    }).on('error', reject);
  });
}

// Two runs of GitHub's tool, each compiling src/ with its own TypeScript loader: about 16 s of
// CPU, the most of any one test in a plain `npm test`; it runs with GITOPS_BUMP_HEAVY_TESTS=1,
// as .ci/run sets (the demo itself, which it drives, is demo.test.ts's in every run).
const HEAVY = process.env.GITOPS_BUMP_HEAVY_TESTS === '1';
if (!HEAVY)
  process.stderr.write(
    'local-action suite skipped: it runs with GITOPS_BUMP_HEAVY_TESTS=1, as .ci/run sets\n',
  );
const describeHeavy = HEAVY ? describe : describe.skip;

describeHeavy(
  'npx --yes @github/local-action@7 run . src/main.ts script/demo.local-action.env',
  () => {
    let server: ChildProcess | undefined;

    afterAll(() => {
      if (server && server.exitCode === null) server.kill('SIGINT');
      rmSync(SUMMARY, { force: true });
    });

    it('runs src/main.ts against the demo server: outputs, job summary, commit, then a no-op rerun', async () => {
      rmSync(SUMMARY, { force: true });
      const started = await startServer();
      server = started.child;
      expect(started.vars.GITHUB_API_URL).toBe('http://127.0.0.1:4010');
      expect(await fileOnServer(started.vars)).toContain(`platform-demo:${OLD_TAG}`);

      const first = localAction();
      expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
      expect(first.stdout).toMatch(
        new RegExp(`'Entrypoint'\\s*│ '${join(root, 'src', 'main.ts')}'`),
      );
      const outputs = outputsTable(first.stdout);
      expect(outputs).toMatchObject({
        changed: 'true',
        operation: 'committed',
        branch: 'main',
        image: 'ghcr.io/acme/platform-demo',
        tag: NEW_TAG,
        'previous-tag': OLD_TAG,
        files: '["manifests/platform-demo/00-deployment.yaml"]',
      });
      expect(outputs['commit-sha']).toMatch(/^[0-9a-f]{40}$/);
      expect(first.stdout).not.toContain('::error::');

      expect(existsSync(SUMMARY)).toBe(true);
      const summary = readFileSync(SUMMARY, 'utf8');
      expect(summary).toContain('### gitops-bump: committed in acme/gitops@main');
      expect(summary).toContain(`Commit: [${outputs['commit-sha']!.slice(0, 7)}]`);
      expect(summary).toContain(`${OLD_TAG} → ${NEW_TAG} | changed |`);

      const deployed = await fileOnServer(started.vars);
      expect(deployed).toContain(`platform-demo:${NEW_TAG}`);
      expect(deployed).not.toContain(OLD_TAG);

      const rerun = localAction();
      expect(rerun.status).toBe(0);
      expect(outputsTable(rerun.stdout)).toMatchObject({
        changed: 'false',
        operation: 'none',
        'commit-sha': '',
        'previous-tag': NEW_TAG,
      });
      expect(readFileSync(SUMMARY, 'utf8')).toContain('already there');
    }, 180_000);
  },
);
