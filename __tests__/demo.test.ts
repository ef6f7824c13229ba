// `npm run demo` (script/demo.mjs): the bundled action against the local GitHub API lookalike,
// run as a user runs it. Only the printed results are checked, never how long anything took.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NEW_TAG = '8d1e4c7b2a9f0e3d6c5b4a3928170f6e5d4c3b2a';
const OLD_TAG = '3f9c2b1a7d4e8f60c5b29e1d0a4f7c3b8e6d2a91';

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The demo as a child process; jest's NODE_OPTIONS (--experimental-vm-modules) stay out. */
function start(args: string[], extraEnv: Record<string, string> = {}) {
  const { NODE_OPTIONS: _options, GITHUB_ENV: _env, ...env } = process.env;
  return spawn(process.execPath, [join(root, 'script', 'demo.mjs'), ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `node script/demo.mjs ...args` and collects what it printed. */
function demo(...args: string[]): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = start(args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** KEY=VALUE lines (and dotenv's "quoted" values); comments and blank lines skipped. */
function keyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][\w-]*)=(.*)$/.exec(line.trim());
    if (!m) continue;
    const raw = m[2]!;
    values[m[1]!] = raw.startsWith('"') ? raw.slice(1, -1).replaceAll('\\n', '\n') : raw;
  }
  return values;
}

/** GET `url` with the token: the status code. */
function getStatus(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

/** The part of the output from the heading that starts with `title` to the next heading. */
function section(stdout: string, title: string): string {
  const start = stdout.indexOf(`=== ${title}`);
  if (start < 0) return '';
  const next = stdout.indexOf('\n=== ', start + 1);
  return stdout.slice(start, next < 0 ? undefined : next);
}

describe('npm run demo', () => {
  it('commits the bump, shows the diff and a verified commit, then reruns with nothing to change', async () => {
    const run = await demo();
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });

    const first = section(run.stdout, 'Run 1:');
    expect(first).toContain('  changed = true');
    expect(first).toContain('  operation = committed');
    expect(first).toContain(`  previous-tag = ${OLD_TAG}`);
    expect(first).toContain('### gitops-bump: committed in acme/gitops@main');

    const commit = section(run.stdout, 'The commit on main');
    expect(commit).toContain(`-          image: ghcr.io/acme/platform-demo:${OLD_TAG} # set by CI`);
    expect(commit).toContain(`+          image: ghcr.io/acme/platform-demo:${NEW_TAG} # set by CI`);
    expect(commit).toContain('1 file changed, 1 insertion(+), 1 deletion(-)');
    expect(commit).toContain('Verified: yes');

    const rerun = section(run.stdout, 'Run 2:');
    expect(rerun).toContain('  changed = false');
    expect(rerun).toContain('  operation = none');

    const requests = section(run.stdout, 'Requests the server got');
    expect(requests).toContain('Run 1 (2 requests):');
    expect(requests).toContain('Run 2 (1 request):');
    expect(run.stdout).toContain('OK: committed');
  }, 120_000);

  it('--mode pull-request opens the pull request and merges it at once', async () => {
    const run = await demo('--mode', 'pull-request');
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const first = section(run.stdout, 'Run 1:');
    expect(first).toContain('  changed = true');
    expect(first).toContain('  operation = pr-merged');
    expect(first).toContain('  pr-number = 1');
    expect(section(run.stdout, 'The pull request')).toContain('merged');
    expect(section(run.stdout, 'The commit on main')).toContain(
      `+          image: ghcr.io/acme/platform-demo:${NEW_TAG} # set by CI`,
    );
    expect(section(run.stdout, 'Run 2:')).toContain('  changed = false');
    expect(section(run.stdout, 'Requests the server got')).toContain('Run 2 (1 request):');
  }, 120_000);

  it('--serve prints the server and demo variables, appends DEMO_* to $GITHUB_ENV and stops on SIGINT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitops-bump-demo-test-'));
    const githubEnv = join(dir, 'github-env');
    writeFileSync(githubEnv, '');
    const child = start(['--serve'], { GITHUB_ENV: githubEnv });
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          stdout += d;
          if (/^DEMO_READY=true$/m.test(stdout)) resolve();
        });
        child.on('close', (code) => reject(new Error(`--serve exited (${code}): ${stderr}`)));
      });
      const printed = keyValues(stdout);
      expect(printed.GITHUB_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(printed.GITHUB_GRAPHQL_URL).toBe(`${printed.GITHUB_API_URL}/graphql`);
      expect(printed.DEMO_GITHUB_API_URL).toBe(printed.GITHUB_API_URL);
      expect(printed.DEMO_IMAGE).toBe(`ghcr.io/acme/platform-demo:${NEW_TAG}`);
      const appended = keyValues(readFileSync(githubEnv, 'utf8'));
      expect(Object.keys(appended).every((k) => k.startsWith('DEMO_'))).toBe(true);
      expect(appended.DEMO_TOKEN).toBe(printed.DEMO_TOKEN);
      expect(appended.DEMO_GITHUB_GRAPHQL_URL).toBe(printed.GITHUB_GRAPHQL_URL);
      expect(
        await getStatus(`${printed.GITHUB_API_URL}/repos/acme/gitops`, printed.DEMO_TOKEN!),
      ).toBe(200);

      // script/demo.local-action.env holds the same demo values (for --serve --port 4010) and
      // action.yml's defaults.
      const file = keyValues(readFileSync(join(root, 'script', 'demo.local-action.env'), 'utf8'));
      expect(file.GITHUB_API_URL).toBe('http://127.0.0.1:4010');
      expect(file.GITHUB_GRAPHQL_URL).toBe('http://127.0.0.1:4010/graphql');
      expect({
        image: file.INPUT_IMAGE,
        repository: file.INPUT_REPOSITORY,
        files: file.INPUT_FILES,
        container: file.INPUT_CONTAINER,
        token: file.INPUT_TOKEN,
      }).toEqual({
        image: printed.DEMO_IMAGE,
        repository: printed.DEMO_REPOSITORY,
        files: printed.DEMO_FILES,
        container: printed.DEMO_CONTAINER,
        token: printed.DEMO_TOKEN,
      });
      const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
        inputs: Record<string, { default?: string }>;
      };
      for (const [key, value] of Object.entries(file)) {
        if (!key.startsWith('INPUT_')) continue;
        const input = Object.keys(action.inputs).find((n) => `INPUT_${n.toUpperCase()}` === key);
        expect({ key, input: input !== undefined }).toEqual({ key, input: true });
        const fallback = action.inputs[input!]!.default;
        if (fallback !== undefined && !fallback.includes('${{') && key !== 'INPUT_MODE')
          expect({ key, value }).toEqual({ key, value: fallback });
      }

      child.kill('SIGINT');
      expect(await closed).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses an unknown option with the usage and exit code 2', async () => {
    const run = await demo('--mode', 'push');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--mode must be commit or pull-request');
    expect(run.stderr).toContain('usage: node script/demo.mjs');
  }, 120_000);
});
