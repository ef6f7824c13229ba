// A real CNCF distribution registry (Debian package docker-registry) on 127.0.0.1 for the tests:
// no auth, htpasswd basic auth, or token auth backed by a small token server of the tests' own
// (RS256 tokens with the certificate in the x5c header; key and certificate made by openssl).
// Images are pushed over the API. Every server and temp folder is gone after stop().
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, createSign, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = 'docker-registry';
export const INSTALL_HINT =
  'the registry tests need the CNCF distribution registry, htpasswd and openssl: apt-get update && apt-get install -y docker-registry apache2-utils openssl (.ci/run does this)';

function onPath(binary: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Whether the registry tests can run here; prints how to install what is missing once. */
export function registryAvailable(): boolean {
  const ok = onPath(BINARY) && onPath('htpasswd') && onPath('openssl');
  if (!ok) process.stderr.write(`Skipping: ${INSTALL_HINT}\n`);
  return ok;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const USER = 'ci-bot';
export const PASSWORD = 'hunter2-registry-password';

export type AuthMode = 'none' | 'htpasswd' | 'token';

/** A running registry. */
export interface TestRegistry {
  /** `127.0.0.1:PORT`: the image name prefix. */
  host: string;
  base: string;
  auth: AuthMode;
  /** The token server's requests (token mode): path with query, and the Authorization header. */
  tokenRequests: { url: string; authorization?: string }[];
  /** An Authorization header that may push to `repository`. */
  pushAuthorization(repository: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** The token server: grants what is asked to USER/PASSWORD, nothing to anyone else. */
function tokenServer(dir: string, service: string, requests: TestRegistry['tokenRequests']) {
  const key = join(dir, 'token.key');
  const cert = join(dir, 'token.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=gitops-bump test token issuer',
    ],
    { stdio: 'ignore' },
  );
  const der = execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER']);
  const privateKey = readFileSync(key, 'utf8');
  const sign = (claims: object) => {
    const header = base64url(
      JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der.toString('base64')] }),
    );
    const body = base64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey);
    return `${header}.${body}.${base64url(signature)}`;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      url: req.url ?? '',
      ...(req.headers.authorization && { authorization: req.headers.authorization }),
    });
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    if (req.headers.authorization && req.headers.authorization !== expected) {
      res
        .writeHead(401, { 'Content-Type': 'application/json' })
        .end('{"details":"wrong password"}');
      return;
    }
    const access = req.headers.authorization
      ? url.searchParams.getAll('scope').map((scope) => {
          const [type, name, actions] = scope.split(':');
          return { type, name, actions: (actions ?? '').split(',') };
        })
      : [];
    const now = Math.floor(Date.now() / 1000);
    const token = sign({
      iss: 'gitops-bump-test-issuer',
      sub: req.headers.authorization ? USER : '',
      aud: url.searchParams.get('service') ?? service,
      exp: now + 600,
      nbf: now - 60,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access,
    });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token }));
  });
  return { server, cert };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    }),
  );
}

function authSection(auth: AuthMode, dir: string, tokenPort: number, cert: string): string {
  if (auth === 'htpasswd') {
    const line = execFileSync('htpasswd', ['-nbB', USER, PASSWORD], { encoding: 'utf8' }).trim();
    writeFileSync(join(dir, 'htpasswd'), `${line}\n`);
    return `auth:\n  htpasswd:\n    realm: gitops-bump-test\n    path: ${join(dir, 'htpasswd')}\n`;
  }
  if (auth === 'token')
    return [
      'auth:',
      '  token:',
      `    realm: http://127.0.0.1:${tokenPort}/token`,
      '    service: gitops-bump-test-registry',
      '    issuer: gitops-bump-test-issuer',
      `    rootcertbundle: ${cert}`,
      '',
    ].join('\n');
  return '';
}

async function waitUntilUp(base: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log()}`);
    try {
      const response = await fetch(`${base}/v2/`);
      await response.body?.cancel();
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not start: ${log()}`);
}

/** Starts a registry with a fresh storage folder. */
export async function startRegistry(auth: AuthMode = 'none'): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-bump-registry-'));
  const tokenRequests: TestRegistry['tokenRequests'] = [];
  let token: ReturnType<typeof tokenServer> | undefined;
  let tokenPort = 0;
  if (auth === 'token') {
    token = tokenServer(dir, 'gitops-bump-test-registry', tokenRequests);
    tokenPort = await listen(token.server);
  }
  const port = await freePort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'storage')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    authSection(auth, dir, tokenPort, token?.cert ?? ''),
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), config);
  const child = spawn(BINARY, ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (token) await new Promise((r) => token.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(base, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  return {
    host: `127.0.0.1:${port}`,
    base,
    auth,
    tokenRequests,
    async pushAuthorization(repository) {
      if (auth === 'none') return undefined;
      if (auth === 'htpasswd') return basic;
      const response = await fetch(
        `http://127.0.0.1:${tokenPort}/token?service=gitops-bump-test-registry&scope=repository:${repository}:pull,push`,
        { headers: { Authorization: basic } },
      );
      tokenRequests.pop();
      return `Bearer ${((await response.json()) as { token: string }).token}`;
    },
    stop,
  };
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Pushes synthetic images over the distribution API. */
export class Pusher {
  private constructor(
    private readonly registry: TestRegistry,
    private readonly repository: string,
    private readonly authorization: string | undefined,
  ) {}

  static async for(registry: TestRegistry, repository: string): Promise<Pusher> {
    return new Pusher(registry, repository, await registry.pushAuthorization(repository));
  }

  private async call(method: string, url: string, body?: Buffer | string, type?: string) {
    const response = await fetch(new URL(url, this.registry.base), {
      method,
      headers: {
        ...(this.authorization && { Authorization: this.authorization }),
        ...(type && { 'Content-Type': type }),
      },
      ...(body !== undefined && { body }),
    });
    if (response.status >= 300)
      throw new Error(`test push: ${method} ${url}: ${response.status} ${await response.text()}`);
    return response;
  }

  /** Uploads a blob; returns its descriptor fields. */
  async blob(bytes: Buffer | string): Promise<{ digest: string; size: number }> {
    const digest = sha256(bytes);
    const start = await this.call('POST', `/v2/${this.repository}/blobs/uploads/`);
    await start.body?.cancel();
    const location = new URL(start.headers.get('location') ?? '', this.registry.base);
    location.searchParams.set('digest', digest);
    const put = await this.call('PUT', location.toString(), bytes, 'application/octet-stream');
    await put.body?.cancel();
    return { digest, size: Buffer.byteLength(bytes) };
  }

  /** Puts a manifest under a tag or by its digest; returns its digest. */
  async manifest(reference: string | undefined, body: string, type: string): Promise<string> {
    const digest = sha256(body);
    const put = await this.call(
      'PUT',
      `/v2/${this.repository}/manifests/${reference ?? digest}`,
      body,
      type,
    );
    await put.body?.cancel();
    return digest;
  }

  /** A single-platform image (config and layer blobs, OCI manifest); returns the manifest. */
  async image(platform = 'amd64', seed = 'app'): Promise<{ body: string; digest: string }> {
    const layer = await this.blob(`layer of ${seed} for linux/${platform}\n`);
    const config = await this.blob(
      JSON.stringify({
        architecture: platform,
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [layer.digest] },
      }),
    );
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
    });
    return { body, digest: await this.manifest(undefined, body, OCI_MANIFEST) };
  }

  /** Tags one single-platform image with every tag (8 at a time); returns its digest. */
  async tags(tags: readonly string[], seed = 'app'): Promise<string> {
    const { body, digest } = await this.image('amd64', seed);
    for (let i = 0; i < tags.length; i += 8)
      await Promise.all(tags.slice(i, i + 8).map((tag) => this.manifest(tag, body, OCI_MANIFEST)));
    return digest;
  }

  /** A two-platform image: two manifests and an OCI index under `tag`; returns the index digest. */
  async multiArch(tag: string): Promise<{ index: string; platforms: string[] }> {
    const amd = await this.image('amd64', 'multi');
    const arm = await this.image('arm64', 'multi');
    const index = JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        {
          mediaType: OCI_MANIFEST,
          digest: amd.digest,
          size: Buffer.byteLength(amd.body),
          platform: { architecture: 'amd64', os: 'linux' },
        },
        {
          mediaType: OCI_MANIFEST,
          digest: arm.digest,
          size: Buffer.byteLength(arm.body),
          platform: { architecture: 'arm64', os: 'linux' },
        },
      ],
    });
    return {
      index: await this.manifest(tag, index, OCI_INDEX),
      platforms: [amd.digest, arm.digest],
    };
  }
}

/** The tags of the issue's profile-cd set-up. */
export const PROFILE_TAGS = [
  '1.0.0',
  '1.1.0',
  '1.2.0-rc.1',
  '2.0.0',
  '1.0.0-name.3',
  'V.1.3.0',
  'sha-abc1234',
];
