// End to end: the bundled action against the local GitHub API test server and a real
// distribution registry. profile-cd (three images, newest in ^1.0.0, one auto-merged pull
// request), a rollback to a tag that does not exist (verify-image: fails, nothing written), and
// resolve-digest on a two-platform image (the index digest written).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServer } from '../../test-server/index.js';
import { bump, calls, gitopsServer } from '../github/fixtures.js';
import {
  PASSWORD,
  PROFILE_TAGS,
  Pusher,
  registryAvailable,
  startRegistry,
  type TestRegistry,
  USER,
} from './registry-server.js';

const available = registryAvailable();
const suite = available ? describe : describe.skip;

const OLD_DIGEST = `sha256:${'0'.repeat(64)}`;

suite('the action asks the registry (docker-registry with token auth)', () => {
  let registry: TestRegistry;
  let server: TestServer | undefined;
  let dockerConfig: string;
  let index: string;

  beforeAll(async () => {
    registry = await startRegistry('token');
    await (await Pusher.for(registry, 'acme/central-ledger')).tags(PROFILE_TAGS);
    await (await Pusher.for(registry, 'acme/account-lookup')).tags([
      '1.0.0',
      '1.2.0',
      '2.0.0-rc.1',
    ]);
    await (await Pusher.for(registry, 'acme/quoting')).tags(['1.0.0', '1.1.0', '2.0.0']);
    index = (await (await Pusher.for(registry, 'acme/multi')).multiArch('1.0.0')).index;
    // What docker/login-action leaves behind.
    dockerConfig = mkdtempSync(join(tmpdir(), 'gitops-bump-docker-config-'));
    writeFileSync(
      join(dockerConfig, 'config.json'),
      JSON.stringify({
        auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
      }),
    );
  }, 60_000);
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await registry?.stop();
    if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
  });

  const override = (name: string, tag: string) =>
    [
      'image:',
      `  registry: ${registry.host}`,
      `  repository: acme/${name}`,
      `  tag: ${tag}`,
      'replicaCount: 1',
      '',
    ].join('\n');

  it('profile-cd: two of three images have a newer version in ^1.0.0; one pull request, auto-merged', async () => {
    server = await gitopsServer({
      allowAutoMerge: true,
      requiredChecks: ['ci'],
      files: {
        'central-ledger/values-override.yaml': override('central-ledger', '1.0.0'),
        'account-lookup/values-override.yaml': override('account-lookup', '1.0.0'),
        'quoting/values-override.yaml': override('quoting', '1.1.0'),
      },
    });
    const run = await bump(
      server,
      {
        images: ['central-ledger', 'account-lookup', 'quoting']
          .map((n) => `${registry.host}/acme/${n}`)
          .join('\n'),
        files: '**/*-override.yaml',
        'version-filter': '^1.0.0',
        mode: 'pull-request',
      },
      { DOCKER_CONFIG: dockerConfig },
    );
    // The runner hides what follows ::add-mask::; nothing else may print the password.
    expect(run.stdout).toContain(`::add-mask::${PASSWORD}\n`);
    expect(run.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD);
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('auto-merge-enabled');
    const resolved = JSON.parse(run.outputs.resolved!) as {
      image: string;
      tag: string;
      reason: string;
    }[];
    expect(
      resolved.map((r) => [r.image.replace(`${registry.host}/`, ''), r.tag, r.reason]),
    ).toEqual([
      ['acme/central-ledger', 'V.1.3.0', 'the highest of 3 tags in ^1.0.0 (7 listed)'],
      ['acme/account-lookup', '1.2.0', 'the highest of 2 tags in ^1.0.0 (3 listed)'],
      ['acme/quoting', '1.1.0', 'the highest of 2 tags in ^1.0.0 (3 listed)'],
    ]);
    const results = JSON.parse(run.outputs.results!) as {
      file: string;
      decision: string;
      from: string;
      to: string;
    }[];
    expect(results.map((r) => `${r.file} ${r.from}->${r.to} ${r.decision}`)).toEqual([
      'account-lookup/values-override.yaml 1.0.0->1.2.0 bumped',
      'central-ledger/values-override.yaml 1.0.0->V.1.3.0 bumped',
      'quoting/values-override.yaml 1.1.0->1.1.0 unchanged',
    ]);
    // The first image: the 401 challenge (naming the realm), its token, the tag list; each
    // next image on that registry: its token and its tag list.
    expect(run.stdout).toContain('registry: 7 requests');
    expect(run.summary).toContain(
      `| ${registry.host}/acme/central-ledger | V.1.3.0 | the highest of 3 tags in ^1.0.0 (7 listed) | outside the filter ^1.0.0: 3; not a version: 1; lower than V.1.3.0: 2 |`,
    );
    const pulls = server.pulls('acme/gitops');
    expect(pulls).toHaveLength(1);
    await server.setStatus('acme/gitops', pulls[0]!.headSha, 'ci', 'success');
    expect(server.pulls('acme/gitops')[0]!.merged).toBe(true);
    expect(
      await server.readFile('acme/gitops', 'main', 'central-ledger/values-override.yaml'),
    ).toBe(override('central-ledger', 'V.1.3.0'));
    expect(await server.readFile('acme/gitops', 'main', 'quoting/values-override.yaml')).toBe(
      override('quoting', '1.1.0'),
    );
  });

  it('rollback with verify-image to a tag that does not exist: fails, nothing written', async () => {
    server = await gitopsServer({
      files: { 'apps/api.yaml': `image: ${registry.host}/acme/quoting:1.1.0\n` },
    });
    const run = await bump(
      server,
      {
        image: `${registry.host}/acme/quoting`,
        tag: '1.0.1',
        files: 'apps/*.yaml',
        'allow-downgrade': 'true',
        'verify-image': 'true',
      },
      { DOCKER_CONFIG: dockerConfig },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `::error::${registry.host}/acme/quoting:1.0.1 does not exist: ${registry.host} answered HTTP 404 (manifest unknown) to HEAD /v2/acme/quoting/manifests/1.0.1. Nearest existing tags: 1.0.0, 1.1.0, 2.0.0. Check the tag. Nothing was written.`,
    );
    expect(calls(server)).toEqual([]); // the GitHub API was never asked
    expect(await server.readFile('acme/gitops', 'main', 'apps/api.yaml')).toBe(
      `image: ${registry.host}/acme/quoting:1.1.0\n`,
    );
  });

  it('resolve-digest on a two-platform image writes the index digest where the file pins one', async () => {
    server = await gitopsServer({
      files: {
        'apps/pinned.yaml': `image: ${registry.host}/acme/multi:0.9.0@${OLD_DIGEST}\n`,
        'apps/plain.yaml': `image: ${registry.host}/acme/multi:0.9.0\n`,
      },
    });
    const run = await bump(
      server,
      {
        image: `${registry.host}/acme/multi:1.0.0`,
        files: 'apps/*.yaml',
        'resolve-digest': 'true',
      },
      { DOCKER_CONFIG: dockerConfig },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('registry: 3 requests');
    expect(await server.readFile('acme/gitops', 'main', 'apps/pinned.yaml')).toBe(
      `image: ${registry.host}/acme/multi:1.0.0@${index}\n`,
    );
    expect(await server.readFile('acme/gitops', 'main', 'apps/plain.yaml')).toBe(
      `image: ${registry.host}/acme/multi:1.0.0\n`,
    );
    expect(JSON.parse(run.outputs.resolved!)[0]).toMatchObject({
      action: 'digest',
      tag: '1.0.0',
      digest: index,
    });
  });
});
