// Errors through the bundled action: each names the fix, none prints the token, and none
// leaves anything written.
import type { TestServer } from '../../test-server/index.js';
import { branchesOf, bump, calls, gitopsServer, READ_TOKEN, TOKEN } from './fixtures.js';

const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const demo = { image: 'ghcr.io/acme/platform-demo:2222222', files: DEPLOY_FILE };

let server: TestServer;
beforeEach(async () => {
  server = await gitopsServer();
});
afterEach(async () => {
  await server.close();
});

/** The error line of a run. */
function errorOf(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('::error::'))
    .join('\n');
}

async function untouched(head: string | undefined): Promise<void> {
  expect(await server.headOf('acme/gitops', 'main')).toBe(head);
  expect(server.pulls('acme/gitops')).toHaveLength(0);
  expect(branchesOf(server)).toEqual(['refs/heads/main']);
}

describe('malformed tokens are reported before any call', () => {
  it.each([
    ['empty', '', 'token: the token is empty.'],
    ['a dash', '-', 'token: the token is a placeholder (1 character, no letters), not a token.'],
    [
      'with a space',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789 x',
      'token: the token (42 characters) contains whitespace, which no GitHub token does.',
    ],
    [
      'with a Bearer prefix',
      'Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'without the "Bearer"/"token" prefix',
    ],
    ['too short', 'abc123', 'token: the token is 6 characters long, too short for a GitHub token'],
  ])('%s', async (_name, token, message) => {
    const head = await server.headOf('acme/gitops', 'main');
    const run = await bump(server, { ...demo, token });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toContain(message);
    expect(server.requests).toHaveLength(0);
    if (token.length > 1) expect(errorOf(run.stdout)).not.toContain(token.trim().split(' ').pop());
    await untouched(head);
  });
});

describe('GitHub refusals name the fix', () => {
  it('401: the token is rejected', async () => {
    const bad = 'ghs_expiredexpiredexpiredexpiredexpired1';
    const run = await bump(server, { ...demo, token: bad });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toBe(
      '::error::GitHub rejected the token while reading the default branch and the files (401 Bad credentials): it is expired, revoked, or not a token at all. Check the secret passed in token (an empty or mistyped secret name gives an empty value; a GitHub App token expires after one hour).',
    );
    expect(calls(server)).toEqual(['POST /graphql GitopsBumpSnapshot 401']);
    expect(run.stdout.replace(`::add-mask::${bad}`, '')).not.toContain(bad.slice(4));
  });

  it('403 in commit mode: Contents write is missing, and GITHUB_TOKEN cannot write other repos', async () => {
    const head = await server.headOf('acme/gitops', 'main');
    const run = await bump(server, { ...demo, token: READ_TOKEN });
    expect(run.status).toBe(1);
    const error = errorOf(run.stdout);
    expect(error).toContain('::error::GitHub refused committing to main (403: ');
    expect(error).toContain(
      'The token needs "Contents: write" on acme/gitops (for GITHUB_TOKEN, set `permissions: { contents: write }` in the workflow). The default GITHUB_TOKEN can only write acme/app, the repository the workflow runs in; to write acme/gitops pass a GitHub App token (actions/create-github-app-token) or a fine-grained token with access to it.',
    );
    await untouched(head);
  });

  it('403 in pull-request mode: names Pull requests write', async () => {
    const run = await bump(server, { ...demo, token: READ_TOKEN, mode: 'pull-request' });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toContain(
      'The token needs "Contents: write" and "Pull requests: write" on acme/gitops',
    );
    expect(server.pulls('acme/gitops')).toHaveLength(0);
  });

  it('404: the repository is not visible to the token', async () => {
    const run = await bump(server, { ...demo, repository: 'acme/secret-gitops' });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toContain(
      '::error::The repository acme/secret-gitops is not visible to this token (404 while reading the default branch and the files). Check the repository name (owner/name), and that the token can read it',
    );
  });

  it('a branch that does not exist', async () => {
    const run = await bump(server, { ...demo, branch: 'prod' });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toBe(
      "::error::branch: 'prod' does not exist in acme/gitops. Give an existing branch, or leave branch empty for the default branch (main).",
    );
  });

  it('a file that does not exist', async () => {
    const head = await server.headOf('acme/gitops', 'main');
    const run = await bump(server, { ...demo, files: 'manifests/platform-demo/01-service.yaml' });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toMatch(
      /^::error::files: 'manifests\/platform-demo\/01-service.yaml' does not exist in acme\/gitops at main \([0-9a-f]{7}\)\. Check the path/,
    );
    await untouched(head);
  });

  it('a glob that matches nothing', async () => {
    const run = await bump(server, { ...demo, files: 'clusters/**/*.yaml' });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toBe(
      "::error::files: the glob 'clusters/**/*.yaml' matches no file (files ending in .yaml: apps/vecton-admin/image-versions.yaml, apps/vecton-admin/kustomization.yaml, manifests/platform-demo/00-deployment.yaml).",
    );
  });

  it('an image found nowhere lists what was found', async () => {
    const run = await bump(server, { ...demo, image: 'ghcr.io/acme/other:1' });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toContain(
      'The image ghcr.io/acme/other was found in none of the files',
    );
    expect(run.stdout).toContain('ghcr.io/acme/platform-demo:1111111');
  });

  it('a protected branch in commit mode: use pull-request mode', async () => {
    const s = await gitopsServer({ protectedBranch: true });
    try {
      const run = await bump(s, demo);
      expect(run.status).toBe(1);
      expect(errorOf(run.stdout)).toBe(
        '::error::The branch is protected, so GitHub refused committing to main (Changes must be made through a pull request.). Use mode: pull-request (with merge: auto, GitHub merges once the rules are met), or let this token bypass the rules.',
      );
    } finally {
      await s.close();
    }
  });

  it.each([
    ['mode', 'pr', "::error::mode: 'pr' is not one of commit, pull-request, workspace."],
    [
      'merge',
      'Auto',
      "::error::merge: 'Auto' is not one of auto, now, none (did you mean 'auto'?).",
    ],
    [
      'merge-method',
      'fast-forward',
      "::error::merge-method: 'fast-forward' is not one of squash, merge, rebase.",
    ],
    ['commit-api', 'rest', "::error::commit-api: 'rest' is not one of graphql, contents."],
    ['max-attempts', '0', "::error::max-attempts: '0' is not a number from 1 to 100."],
    ['request-timeout', 'soon', "::error::request-timeout: 'soon' is not a number from 1 to 600."],
    [
      'repository',
      'acme',
      "::error::repository: 'acme' is not a repository; write it as owner/name, e.g. acme/gitops.",
    ],
    [
      'pr-branch',
      'bad..name',
      "::error::pr-branch: 'bad..name' is not a usable branch name; use letters, digits, '.', '_', '-' and '/', e.g. gitops-bump/web.",
    ],
    [
      'commit-message',
      'Bump {{version}}',
      "::error::commit-message: unknown placeholder '{{version}}' in 'Bump {{version}}'.",
    ],
  ])('%s: %s is refused before any call', async (input, value, message) => {
    const run = await bump(server, { ...demo, [input]: value });
    expect(run.status).toBe(1);
    expect(errorOf(run.stdout)).toContain(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe('the token never appears', () => {
  it('in the log, outputs or summary of a successful run, only in the mask command', async () => {
    const run = await bump(server, demo, { ACTIONS_STEP_DEBUG: 'true', RUNNER_DEBUG: '1' });
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l.includes(TOKEN));
    expect(lines).toEqual([`::add-mask::${TOKEN}`]);
    expect(JSON.stringify(run.outputs)).not.toContain(TOKEN);
    expect(run.summary).not.toContain(TOKEN);
  });
});
