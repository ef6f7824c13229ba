// The CLI's registry flags on files on disk, against a real distribution registry with htpasswd
// basic auth: newest in a range, --verify-image, --resolve-digest, the login flags and env, and
// the settings checks that refuse bad registry inputs before anything is asked.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { workspace } from '../helpers/workspace.js';
import {
  PASSWORD,
  PROFILE_TAGS,
  Pusher,
  registryAvailable,
  startRegistry,
  type TestRegistry,
  USER,
} from './registry-server.js';

const roots: string[] = [];
function folder(files: Record<string, string>): string {
  const root = workspace(files);
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

async function cli(
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: root },
) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root },
    env,
  );
  return { code, stdout, stderr };
}

describe('registry inputs that are refused before any request', () => {
  it('a bare image without version-filter names both fixes', async () => {
    const root = folder({ 'a.yaml': 'image: ghcr.io/acme/app:1.0.0\n' });
    const result = await cli(root, ['--image', 'ghcr.io/acme/app', '--files', 'a.yaml']);
    expect(result.code).toBe(2); // a bad flag value: a usage error
    expect(result.stderr).toBe(
      "gitops-bump: --image 'ghcr.io/acme/app' has no tag or digest to deploy. Write it as ghcr.io/acme/app:<tag> or ghcr.io/acme/app@sha256:<digest>, or give --tag, or set --version-filter (e.g. ^1.0.0) to deploy the newest tag the registry has in that range.\nTry 'gitops-bump --help' for the flags.\n",
    );
  });

  it('a password without a user name, and one login for images in two registries', async () => {
    const root = folder({ 'a.yaml': 'image: ghcr.io/acme/app:1.0.0\n' });
    const half = await cli(root, [
      '--image',
      'ghcr.io/acme/app:1.0.1',
      '--files',
      'a.yaml',
      '--registry-password',
      'x',
    ]);
    expect(half.stderr).toContain(
      'gitops-bump: --registry-username is empty while --registry-password is set; give both, or neither',
    );
    const two = await cli(root, [
      '--image',
      'ghcr.io/acme/app:1.0.1',
      '--image',
      'nginx:1.27.0',
      '--files',
      'a.yaml',
      '--registry-username',
      'u',
      '--registry-password',
      'p',
    ]);
    expect(two.stderr).toContain(
      '--registry-username: the images live in 2 registries (ghcr.io, registry-1.docker.io), and the credential is sent to one registry only. Log in to each with docker/login-action instead.',
    );
    const insecure = await cli(root, [
      '--image',
      'ghcr.io/acme/app:1.0.1',
      '--files',
      'a.yaml',
      '--insecure-registries',
      'http://reg:5000',
    ]);
    expect(insecure.stderr).toContain(
      "--insecure-registries: 'http://reg:5000' is not a registry host; give host or host:port",
    );
  });
});

const available = registryAvailable();
const suite = available ? describe : describe.skip;

suite('CLI with a registry (htpasswd basic auth)', () => {
  let registry: TestRegistry;
  let index: string;
  beforeAll(async () => {
    registry = await startRegistry('htpasswd');
    await (await Pusher.for(registry, 'acme/central-ledger')).tags(PROFILE_TAGS);
    index = (await (await Pusher.for(registry, 'acme/multi')).multiArch('1.0.0')).index;
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
  });

  it('newest in a named pre-release line, with the login from the environment', async () => {
    const file = `image: ${registry.host}/acme/central-ledger:1.0.0-name.1\n`;
    const root = folder({ 'values.yaml': file });
    const result = await cli(
      root,
      [
        '--image',
        `${registry.host}/acme/central-ledger`,
        '--files',
        'values.yaml',
        '--version-filter',
        '>=1.0.0-name.0 <=1.0.0-name.9999',
        '--registry-username',
        USER,
        '--json',
      ],
      { PATH: process.env.PATH, HOME: root, REGISTRY_PASSWORD: PASSWORD },
    );
    expect(result.code).toBe(0);
    expect(readFileSync(join(root, 'values.yaml'), 'utf8')).toBe(
      file.replace('1.0.0-name.1', '1.0.0-name.3'),
    );
    const json = JSON.parse(result.stdout) as { resolved: { tag: string; reason: string }[] };
    expect(json.resolved[0]).toMatchObject({
      tag: '1.0.0-name.3',
      reason: 'the highest of 1 tag in >=1.0.0-name.0 <=1.0.0-name.9999 (7 listed)',
    });
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it('--verify-image and --resolve-digest with --pin-digest: the index digest everywhere (2 requests)', async () => {
    const root = folder({ 'c.yaml': `image: ${registry.host}/acme/multi:0.9.0\n` });
    const result = await cli(root, [
      '--image',
      `${registry.host}/acme/multi:1.0.0`,
      '--files',
      'c.yaml',
      '--verify-image',
      '--resolve-digest',
      '--pin-digest',
      '--registry-username',
      USER,
      '--registry-password',
      PASSWORD,
    ]);
    expect(result.code).toBe(0);
    expect(readFileSync(join(root, 'c.yaml'), 'utf8')).toBe(
      `image: ${registry.host}/acme/multi:1.0.0@${index}\n`,
    );
    // The 401 challenge and the HEAD with basic auth: one HEAD serves both checks.
    expect(result.stderr).toContain('registry: 2 requests');
  });

  it('anonymous against a registry that needs a login: fails with the fix, nothing written', async () => {
    const file = `image: ${registry.host}/acme/multi:0.9.0\n`;
    const root = folder({ 'c.yaml': file });
    const result = await cli(root, [
      '--image',
      `${registry.host}/acme/multi:1.0.0`,
      '--files',
      'c.yaml',
      '--verify-image',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `answered 401 Unauthorized and asks for a user name and password; no credential was found for it. Fix: run docker login first, or pass --registry-username and --registry-password (or set REGISTRY_USERNAME and REGISTRY_PASSWORD).`,
    );
    expect(readFileSync(join(root, 'c.yaml'), 'utf8')).toBe(file);
  });
});
