// Logging in to a real distribution registry: htpasswd basic auth and token auth (a token
// server of the tests' own), with credentials from the inputs, the Docker config `auths`, and a
// docker-credential helper on PATH. A credential goes only to its registry and the realm it names.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseReference } from '../../src/engine/image-ref.js';
import { RegistryClient } from '../../src/registry/client.js';
import {
  type CredentialLookup,
  dockerConfigCredentials,
  withInputCredential,
} from '../../src/registry/credentials.js';
import { locate } from '../../src/registry/location.js';
import {
  PASSWORD,
  Pusher,
  registryAvailable,
  startRegistry,
  type TestRegistry,
  USER,
} from './registry-server.js';

const available = registryAvailable();

const anonymous: CredentialLookup = async () => undefined;

/** A client whose requests record where an Authorization header was sent. */
function recordingClient(credentials: CredentialLookup, masked: string[] = []) {
  const sent: string[] = [];
  const client = new RegistryClient({
    credentials,
    sleep: async () => {},
    mask: (s) => masked.push(s),
    fetch: (input, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      sent.push(`${new URL(String(input)).host} ${headers.Authorization?.split(' ')[0] ?? '-'}`);
      return fetch(input, init);
    },
  });
  return { client, sent };
}

describe.each(['htpasswd', 'token'] as const)('registry with %s auth', (mode) => {
  if (!available) {
    it.skip('needs docker-registry', () => {});
    return;
  }
  let registry: TestRegistry;
  let dir: string;
  beforeAll(async () => {
    registry = await startRegistry(mode);
    await (await Pusher.for(registry, 'acme/api')).tags(['1.0.0', '1.1.0', '2.0.0']);
    dir = mkdtempSync(join(tmpdir(), 'gitops-bump-docker-config-'));
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const repo = () => locate(parseReference(`${registry.host}/acme/api`));
  const input = () =>
    withInputCredential(
      { host: registry.host, username: USER, password: PASSWORD, source: 'registry-username' },
      anonymous,
    );

  it('reads with the inputs credential; first request logs in, later ones reuse it', async () => {
    registry.tokenRequests.length = 0;
    const masked: string[] = [];
    const { client, sent } = recordingClient(input(), masked);
    expect((await client.listTags(repo())).sort()).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect((await client.manifest(repo(), '1.1.0'))?.digest).toMatch(/^sha256:/);
    const port = registry.host;
    if (mode === 'htpasswd') {
      // 401 challenge, the retry with basic auth, then the HEAD with it straight away.
      expect(sent).toEqual([`${port} -`, `${port} Basic`, `${port} Basic`]);
      expect(masked).toEqual([PASSWORD]);
    } else {
      // 401 challenge, the token (basic auth to the realm only), the retry and the HEAD with it.
      expect(
        sent.map((s) => s.replace(/^127\.0\.0\.1:\d+/, (h) => (h === port ? 'registry' : 'realm'))),
      ).toEqual(['registry -', 'realm Basic', 'registry Bearer', 'registry Bearer']);
      expect(registry.tokenRequests.map((r) => r.url)).toEqual([
        '/token?service=gitops-bump-test-registry&scope=repository%3Aacme%2Fapi%3Apull',
      ]);
      expect(masked).toHaveLength(2); // the password and the token
    }
    expect(client.requests).toHaveLength(mode === 'htpasswd' ? 3 : 4);
  });

  it('anonymous: 401 names the fix', async () => {
    const { client } = recordingClient(anonymous);
    await expect(client.listTags(repo())).rejects.toThrow(
      mode === 'htpasswd'
        ? `${registry.host}/acme/api: ${registry.host} answered 401 Unauthorized and asks for a user name and password; no credential was found for it. Fix: log in first with docker/login-action, or set registry-username and registry-password.`
        : `${registry.host}/acme/api: ${registry.host} answered 401 Unauthorized after logging in; no credential was found for it. Fix: log in first with docker/login-action, or set registry-username and registry-password.`,
    );
  });

  it('a wrong password is refused, and the message never holds it', async () => {
    const { client } = recordingClient(
      withInputCredential(
        {
          host: registry.host,
          username: USER,
          password: 'wrong-password-123',
          source: 'registry-username',
        },
        anonymous,
      ),
    );
    const error = (await client.listTags(repo()).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /answered 401 Unauthorized .*the credential from registry-username \(user 'ci-bot'\) was refused/,
    );
    expect(error.message).not.toContain('wrong-password-123');
  });

  it('reads the credential from the Docker config auths (as docker/login-action writes it)', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: { [registry.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } },
      }),
    );
    const { client } = recordingClient(dockerConfigCredentials({ DOCKER_CONFIG: dir }));
    expect(await client.listTags(repo())).toHaveLength(3);
  });

  it('asks the docker-credential helper named in credHelpers', async () => {
    const bin = join(dir, 'bin');
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    const helper = join(bin, 'docker-credential-gitopstest');
    writeFileSync(
      helper,
      `#!/bin/sh\nread server\nif [ "$server" = "${registry.host}" ]; then echo '{"ServerURL":"'$server'","Username":"${USER}","Secret":"${PASSWORD}"}'; else echo "credentials not found in native keychain"; exit 1; fi\n`,
    );
    chmodSync(helper, 0o755);
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ credHelpers: { [registry.host]: 'gitopstest' } }),
    );
    const lookup = dockerConfigCredentials({
      DOCKER_CONFIG: dir,
      PATH: `${bin}:${process.env.PATH}`,
    });
    const { client } = recordingClient(lookup);
    expect(await client.listTags(repo())).toHaveLength(3);
    expect(await lookup('ghcr.io')).toBeUndefined();
  });
});
