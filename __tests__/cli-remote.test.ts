// The CLI's remote modes, in-process: a GitHub repository through the API (the local test
// server), and a plain git remote (a bare repository on disk). The same flags as the action.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';
import type { TestServer } from '../test-server/index.js';
import { calls, DEPLOYMENT, gitopsServer, TOKEN } from './github/fixtures.js';
import { tempDir } from './helpers/temp.js';

const FILE = 'manifests/platform-demo/00-deployment.yaml';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: tmpdir() },
    env,
  );
  return { code, stdout, stderr };
}

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer({ allowAutoMerge: true });
});
afterEach(async () => {
  await server.close();
});

const remote = (s: TestServer) => [
  '--repository',
  'acme/gitops',
  '--api-url',
  s.url,
  '--graphql-url',
  `${s.url}/graphql`,
];

describe('gitops-bump CLI on GitHub', () => {
  it('commits through the API with the token from GITHUB_TOKEN, in 2 requests', async () => {
    const result = await cli(
      ['--image', 'ghcr.io/acme/platform-demo:2222222', '--files', FILE, ...remote(server)],
      { GITHUB_TOKEN: TOKEN },
    );
    expect(result.code).toBe(0);
    const [head] = await server.log('acme/gitops', 'main');
    expect(result.stdout).toBe(
      `${FILE}:10  ghcr.io/acme/platform-demo  1111111 -> 2222222\n1 change in 1 file\noperation: committed (main)\ncommit ${head!.sha}: ${server.url}/acme/gitops/commit/${head!.sha}\n`,
    );
    expect(calls(server)).toHaveLength(2);
    // The read went out before the client loaded (the start's own request, as the action's),
    // and the client took its answer: the write is the client's.
    expect(server.requests.map((r) => r.userAgent?.split(' ')[1] ?? 'early')).toEqual([
      'early',
      expect.stringMatching(/^octokit-core/),
    ]);
    expect(await server.readFile('acme/gitops', 'main', FILE)).toBe(
      DEPLOYMENT.replace(':1111111', ':2222222'),
    );
    expect(result.stderr).not.toContain(TOKEN);
  });

  it('opens and merges a pull request (--mode pull-request --merge now), JSON report', async () => {
    const result = await cli([
      '--image',
      'ghcr.io/acme/platform-demo:2222222',
      '--files',
      FILE,
      ...remote(server),
      '--token',
      TOKEN,
      '--mode',
      'pull-request',
      '--merge',
      'now',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      changed: true,
      operation: 'pr-merged',
      pullRequest: { number: 1, url: `${server.url}/acme/gitops/pull/1` },
    });
    expect(server.pulls('acme/gitops')[0]!.merged).toBe(true);
  });

  it('a rerun whose open PR already holds the change: changed false, as the action says', async () => {
    const args = [
      '--image',
      'ghcr.io/acme/platform-demo:2222222',
      '--files',
      FILE,
      ...remote(server),
      '--mode',
      'pull-request',
      '--merge',
      'none',
    ];
    const env = { GITHUB_TOKEN: TOKEN };
    expect((await cli(args, env)).code).toBe(0);
    const json = await cli([...args, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({
      changed: false,
      operation: 'none',
      pullRequest: { number: 1 },
      merged: false,
    });
    const text = await cli(args, env);
    expect(text.stdout).toContain('operation: none (pull request #1 already holds the change)');
    expect(server.pulls('acme/gitops')).toHaveLength(1);
  });

  it('a failure after the PR was opened (--merge now refused) names the PR, in text and --json', async () => {
    const checked = await gitopsServer({ requiredChecks: ['ci'] });
    try {
      const args = [
        '--image',
        'ghcr.io/acme/platform-demo:2222222',
        '--files',
        FILE,
        ...remote(checked),
        '--mode',
        'pull-request',
        '--merge',
        'now',
      ];
      const text = await cli(args, { GITHUB_TOKEN: TOKEN });
      expect(text.code).toBe(1);
      const url = `${checked.url}/acme/gitops/pull/1`;
      expect(text.stderr).toContain(
        `Written before the failure: pull request #1 (${url}), operation pr-created.`,
      );
      const json = await cli([...args, '--pr-branch', 'other', '--json'], { GITHUB_TOKEN: TOKEN });
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        error: { exitCode: 1 },
        written: { operation: 'pr-created', pullRequest: { number: 2, url: expect.any(String) } },
      });
    } finally {
      await checked.close();
    }
  });

  it('names the flag when the token is missing, before any call', async () => {
    const result = await cli([
      '--image',
      'ghcr.io/acme/platform-demo:2222222',
      '--files',
      FILE,
      ...remote(server),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "gitops-bump: --token: the token is empty. Pass --token, or set GITHUB_TOKEN (or GH_TOKEN) in the environment.\nTry 'gitops-bump --help' for the flags.\n",
    );
    expect(server.requests).toHaveLength(0);
  });

  it('names the flag for a bad choice', async () => {
    const result = await cli(
      [
        '--image',
        'ghcr.io/acme/platform-demo:2',
        '--files',
        FILE,
        ...remote(server),
        '--mode',
        'pull-request',
        '--merge',
        'later',
      ],
      { GITHUB_TOKEN: TOKEN },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "gitops-bump: --merge: 'later' is not one of auto, now, none.\nTry 'gitops-bump --help' for the flags.\n",
    );
  });
});

describe('gitops-bump CLI on a plain git remote', () => {
  it('clones, commits and pushes', async () => {
    const dir = tempDir('gitops-bump-cli-git-');
    const bare = join(dir, 'gitops.git');
    execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', bare]);
    const work = join(dir, 'work');
    execFileSync('git', ['clone', '--quiet', bare, work], { stdio: 'pipe' });
    writeFileSync(
      join(work, 'values.yaml'),
      'image:\n  repository: ghcr.io/acme/api\n  tag: 1.0.0\n',
    );
    execFileSync('git', ['add', '.'], { cwd: work });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'seed'], {
      cwd: work,
    });
    execFileSync('git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: work });
    const result = await cli([
      '--image',
      'ghcr.io/acme/api:1.1.0',
      '--files',
      'values.yaml',
      '--repository',
      bare,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('operation: committed (main)');
    expect(execFileSync('git', ['show', 'main:values.yaml'], { cwd: bare, encoding: 'utf8' })).toBe(
      'image:\n  repository: ghcr.io/acme/api\n  tag: 1.1.0\n',
    );
  });
});
