// Protocol parts a local distribution 2.8 registry does not show: Link pagination (its tag list
// comes in one piece), Docker Hub's rate-limit answer, a token realm over plain HTTP, names and
// hosts. The servers here speak the distribution API for exactly that one behaviour.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseReference } from '../../src/engine/image-ref.js';
import { nextLink, parseChallenge, RegistryClient } from '../../src/registry/client.js';
import { dockerConfigCredentials } from '../../src/registry/credentials.js';
import { allowsPlainHttp, locate } from '../../src/registry/location.js';
import { chooseNewest, nearestTags } from '../../src/registry/resolve.js';

let server: Server;
let host: string;
let handler: (req: IncomingMessage, res: ServerResponse) => void;
beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const client = () =>
  new RegistryClient({ credentials: async () => undefined, sleep: async () => {} });

describe('tag lists', () => {
  it('follow Link pages (n and last), one request per page', async () => {
    const all = Array.from({ length: 2500 }, (_, i) => `t${String(i).padStart(4, '0')}`);
    handler = (req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      const n = Number(url.searchParams.get('n'));
      const last = url.searchParams.get('last');
      const from = last ? all.indexOf(last) + 1 : 0;
      const page = all.slice(from, from + n);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (from + n < all.length)
        headers.Link = `</v2/acme/app/tags/list?n=${n}&last=${page[page.length - 1]}>; rel="next"`;
      res.writeHead(200, headers).end(JSON.stringify({ name: 'acme/app', tags: page }));
    };
    const c = client();
    expect(await c.listTags(locate(parseReference(`${host}/acme/app`)))).toEqual(all);
    expect(c.requests.map((r) => new URL(r.url).search)).toEqual([
      '?n=1000',
      '?n=1000&last=t0999',
      '?n=1000&last=t1999',
    ]);
  });

  it('stop at 100 pages', async () => {
    let served = 0;
    handler = (_req, res) => {
      served++;
      res
        .writeHead(200, {
          'Content-Type': 'application/json',
          Link: `</v2/acme/app/tags/list?n=1&last=x${served}>; rel="next"`,
        })
        .end(JSON.stringify({ tags: [`x${served}`] }));
    };
    await expect(client().listTags(locate(parseReference(`${host}/acme/app`)))).rejects.toThrow(
      /has more than 100 pages of tags \(100 read\); gitops-bump reads at most 100 pages/,
    );
    expect(served).toBe(100);
  });
});

describe('errors name the fix', () => {
  it("rate limits quote Docker Hub's ratelimit-remaining", async () => {
    handler = (_req, res) => {
      res
        .writeHead(429, {
          'Content-Type': 'application/json',
          'ratelimit-limit': '100;w=21600',
          'ratelimit-remaining': '0;w=21600',
        })
        .end(
          JSON.stringify({
            errors: [
              { code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' },
            ],
          }),
        );
    };
    const c = client();
    await expect(c.listTags(locate(parseReference(`${host}/acme/app`)))).rejects.toThrow(
      `${host}/acme/app: could not list the tags of ${host}/acme/app: HTTP 429 TOOMANYREQUESTS (You have reached your pull rate limit.): rate limit reached. ratelimit-remaining: 0;w=21600, ratelimit-limit: 100;w=21600. Fix: run again later.`,
    );
    expect(c.requests).toHaveLength(1); // not retried
  });

  it('a 503 is retried twice, then said', async () => {
    handler = (_req, res) => res.writeHead(503).end();
    const c = client();
    await expect(c.manifest(locate(parseReference(`${host}/acme/app`)), '1.0.0')).rejects.toThrow(
      `${host}/acme/app: could not read 1.0.0 of ${host}/acme/app: HTTP 503, after 3 attempts: the registry is down or overloaded; run again later.`,
    );
    expect(c.requests).toHaveLength(3);
  });

  it('no credential goes to a token realm over plain HTTP on another host', async () => {
    handler = (_req, res) =>
      res
        .writeHead(401, {
          'WWW-Authenticate': 'Bearer realm="http://auth.example.com/token",service="x"',
        })
        .end();
    const c = new RegistryClient({
      credentials: async () => ({ username: 'u', password: 'p', source: 'test' }),
    });
    await expect(c.listTags(locate(parseReference(`${host}/acme/app`)))).rejects.toThrow(
      /names the token realm http:\/\/auth\.example\.com, which is not https; no credential is sent over plain HTTP/,
    );
    expect(c.requests).toHaveLength(1);
  });
});

describe('names, hosts and headers', () => {
  it('normalises Docker Hub names', () => {
    expect(locate(parseReference('nginx'))).toMatchObject({
      host: 'registry-1.docker.io',
      repository: 'library/nginx',
      base: 'https://registry-1.docker.io',
    });
    expect(locate(parseReference('docker.io/my-org/app'))).toMatchObject({
      host: 'registry-1.docker.io',
      repository: 'my-org/app',
    });
    expect(locate(parseReference('ghcr.io/acme/app'))).toMatchObject({
      host: 'ghcr.io',
      base: 'https://ghcr.io',
    });
    expect(
      locate(parseReference('registry.internal:5000/app'), ['registry.internal:5000']).base,
    ).toBe('http://registry.internal:5000');
  });

  it('speaks plain HTTP only to loopback hosts and named insecure ones', () => {
    for (const h of ['localhost:5000', '127.0.0.1', '127.1.2.3:80', '[::1]:5000'])
      expect(allowsPlainHttp(h, [])).toBe(true);
    for (const h of ['128.0.0.1', 'localhost.example.com', 'ghcr.io', '10.0.0.1:5000'])
      expect(allowsPlainHttp(h, [])).toBe(false);
    expect(allowsPlainHttp('10.0.0.1:5000', ['10.0.0.1'])).toBe(true);
  });

  it('parses challenges and Link headers', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    });
    expect(parseChallenge('Basic realm="Harbor"')?.scheme).toBe('basic');
    expect(
      nextLink('</v2/a/tags/list?last=b&n=2>; rel="next"', 'https://ghcr.io/v2/a/tags/list?n=2'),
    ).toBe('https://ghcr.io/v2/a/tags/list?last=b&n=2');
    expect(nextLink(null, 'https://ghcr.io/')).toBeUndefined();
  });

  it('finds Docker Hub credentials under the index URL docker login uses', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'gitops-bump-config-'));
    try {
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({
          auths: {
            'https://index.docker.io/v1/': { auth: Buffer.from('me:secret').toString('base64') },
          },
        }),
      );
      const lookup = dockerConfigCredentials({ DOCKER_CONFIG: dir });
      expect(await lookup('registry-1.docker.io')).toMatchObject({
        username: 'me',
        password: 'secret',
      });
      expect(await lookup('ghcr.io')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nearest tags and the newest choice follow the version policy', () => {
    expect(nearestTags('1.4.l', ['1.4.1', '1.3.0', 'latest', '2.0.0'], 2)).toEqual([
      '1.4.1',
      '1.3.0',
    ]);
    expect(
      chooseNewest(['v1.2.0', '1.2.0', '1.1.9'], { filter: '^1.0.0', allowDowngrade: false }).tag,
    ).toBe('1.2.0');
    expect(
      chooseNewest(['release-1.2.0', 'release-1.10.0', '9.9.9'], {
        filter: '^1.0.0',
        allowDowngrade: false,
        tagPattern: '^release-(?<version>\\d+\\.\\d+\\.\\d+)$',
      }).tag,
    ).toBe('release-1.10.0');
  });
});
