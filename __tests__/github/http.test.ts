// The stores' fetch over node:http (src/stores/http.ts): what Octokit relies on from
// fetch (status, headers, body, url, redirects, compressed answers, network errors, aborts),
// against a plain node:http server on 127.0.0.1 that records each request and its connection.
import {
  createServer,
  globalAgent,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { httpFetch, send } from '../../src/stores/http.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Which connection carried it (1, 2, ... in the order they were opened). */
  connection: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let handler: Handler;
let seen: Seen[];

beforeEach(async () => {
  seen = [];
  handler = (_req, res) => res.end('ok');
  const connections = new WeakMap<Socket, number>();
  let opened = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const connection = connections.get(req.socket) ?? 0;
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        connection,
      });
      handler(req, res, body);
    });
  });
  server.on('connection', (socket: Socket) => connections.set(socket, ++opened));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('httpFetch', () => {
  it('sends the method, headers and body, and answers with a Response Octokit can read', async () => {
    handler = (_req, res, body) => {
      res.writeHead(201, 'Created', { 'content-type': 'application/json', 'x-echo': body });
      res.end(JSON.stringify({ got: JSON.parse(body) }));
    };
    const response = await httpFetch(`${base}/graphql`, {
      method: 'POST',
      headers: { Authorization: 'token t0k', 'content-type': 'application/json' },
      body: '{"query":"q"}',
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.url).toBe(`${base}/graphql`);
    expect(response.headers.get('x-echo')).toBe('{"query":"q"}');
    expect(Object.fromEntries(response.headers)['content-type']).toBe('application/json');
    expect(await response.json()).toEqual({ got: { query: 'q' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/graphql', body: '{"query":"q"}' });
    expect(seen[0]!.headers.authorization).toBe('token t0k');
    expect(seen[0]!.headers['content-length']).toBe('13');
    expect(seen[0]!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('presents the answer as fetch does: joined and sorted headers, ok, one read of the body', async () => {
    handler = (_req, res) => {
      res.setHeader('X-Multi', ['a', 'b']);
      res.setHeader('Set-Cookie', ['c=1', 'd=2']);
      res.setHeader('B-Header', 'x');
      res.writeHead(404, 'Not Found', { 'content-type': 'text/plain; charset=utf-8' });
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('missing ✓')]));
    };
    const response = await httpFetch(`${base}/x`);
    expect(response.ok).toBe(false);
    expect(response.redirected).toBe(false);
    expect(response.headers.get('X-MULTI')).toBe('a, b');
    expect(response.headers.has('b-header')).toBe(true);
    expect(response.headers.get('absent')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual(['c=1', 'd=2']);
    const names = [...response.headers].map(([name]) => name);
    expect(names).toEqual([...names].sort());
    expect([...response.headers].filter(([name]) => name === 'set-cookie')).toEqual([
      ['set-cookie', 'c=1'],
      ['set-cookie', 'd=2'],
    ]);
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe('missing ✓');
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    const bytes = await (await httpFetch(`${base}/x`)).arrayBuffer();
    expect(Buffer.from(bytes).subarray(3).toString()).toBe('missing ✓');
    await expect((await httpFetch(`${base}/x`)).json()).rejects.toThrow(SyntaxError);
  });

  it('answers 204 and 304 without a body', async () => {
    handler = (req, res) => {
      res.statusCode = req.url === '/a' ? 204 : 304;
      res.end();
    };
    expect((await httpFetch(`${base}/a`)).status).toBe(204);
    const notModified = await httpFetch(`${base}/b`);
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('decompresses a %s answer', async (encoding, compress) => {
    const text = JSON.stringify({ tree: Array.from({ length: 200 }, (_, i) => `path/${i}.yaml`) });
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      res.end(compress(Buffer.from(text)));
    };
    expect(await (await httpFetch(`${base}/tree`)).text()).toBe(text);
  });

  it('reuses one connection for requests one after another (keep-alive)', async () => {
    await (await httpFetch(`${base}/1`)).text();
    await (await httpFetch(`${base}/2`, { method: 'POST', body: 'x' })).text();
    await (await send(new URL(`${base}/3`), { method: 'GET', headers: {} })).body;
    expect(seen.map((s) => s.connection)).toEqual([1, 1, 1]);
  });

  it('follows a redirect, keeping the token on the same origin and dropping it on another', async () => {
    const other = createServer((req, res) => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: '',
        connection: -1,
      });
      res.end('moved here');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      handler = (req, res) => {
        if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
        else if (req.url === '/new') res.writeHead(307, { location: `${otherBase}/far` }).end();
        else res.end('?');
      };
      const response = await httpFetch(`${base}/old`, { headers: { authorization: 'token t0k' } });
      expect(await response.text()).toBe('moved here');
      expect(response.url).toBe(`${otherBase}/far`);
      expect(response.redirected).toBe(true);
      expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual([
        ['/old', 'token t0k'],
        ['/new', 'token t0k'],
        ['/far', undefined],
      ]);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('turns a POST into a GET without a body on 303; manual leaves the redirect to the caller', async () => {
    handler = (req, res) => {
      if (req.url === '/form') res.writeHead(303, { location: '/result' }).end();
      else res.end(`${req.method} ${req.url}`);
    };
    const followed = await httpFetch(`${base}/form`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await followed.text()).toBe('GET /result');
    expect(seen[1]).toMatchObject({ method: 'GET', body: '' });
    expect(seen[1]!.headers['content-type']).toBeUndefined();
    const manual = await httpFetch(`${base}/form`, {
      method: 'POST',
      body: '{}',
      redirect: 'manual',
    });
    expect(manual.status).toBe(303);
    expect(manual.headers.get('location')).toBe('/result');
  });

  it('stops after 20 redirects, as fetch does', async () => {
    handler = (req, res) => res.writeHead(302, { location: `${req.url}x` }).end();
    await expect(httpFetch(`${base}/loop`)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { message: expect.stringContaining('not followed') },
    });
    expect(seen).toHaveLength(21);
  });

  it('fails like fetch when nothing answers: a TypeError whose cause is the network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(httpFetch(`http://127.0.0.1:${port}/graphql`)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: { code: 'ECONNREFUSED' },
    });
  });

  it('fails like fetch when the connection closes in the middle of the answer', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data":', () => res.socket?.destroy());
    };
    await expect(httpFetch(`${base}/graphql`)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: expect.anything(),
    });
    // A gzip answer that is cut off does not decompress into part of a body either.
    handler = (_req, res) => {
      const whole = gzipSync(JSON.stringify({ data: { text: 'x'.repeat(5000) } }));
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': String(whole.length) });
      res.write(whole.subarray(0, 20), () => res.socket?.destroy());
    };
    await expect(httpFetch(`${base}/graphql`)).rejects.toMatchObject({ message: 'fetch failed' });
  });

  it("rejects with the signal's reason when it aborts, before or while waiting for the answer", async () => {
    const before = new AbortController();
    before.abort(new Error('stopped before'));
    await expect(httpFetch(`${base}/x`, { signal: before.signal })).rejects.toThrow(
      'stopped before',
    );
    expect(seen).toHaveLength(0);
    handler = () => {}; // never answers
    await expect(
      httpFetch(`${base}/slow`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it("waits past the global agent's idle-socket timeout (5 s in node 20+): only the caller's own timeout ends a request", async () => {
    const agent = globalAgent as typeof globalAgent & { options: { timeout?: number } };
    const was = agent.options.timeout;
    expect(was).toBeGreaterThan(0); // 5 s since node 19, which a slow answer from GitHub can outlast
    agent.options.timeout = 100; // the same, shortened
    try {
      handler = (_req, res) => setTimeout(() => res.end('slow but whole'), 400);
      const response = await httpFetch(`${base}/slow`);
      expect(await response.text()).toBe('slow but whole');
    } finally {
      agent.options.timeout = was;
    }
  });

  it('refuses what Octokit never passes: a Request, or a stream body', async () => {
    await expect(httpFetch(new Request(`${base}/x`))).rejects.toThrow('takes a URL');
    await expect(httpFetch(`${base}/x`, { method: 'POST', body: new Blob(['x']) })).rejects.toThrow(
      'a string or bytes',
    );
    expect(seen).toHaveLength(0);
  });
});

describe('send', () => {
  it('calls onSent once the request is written, and gives up after the timeout', async () => {
    let sentAt = -1;
    handler = (_req, res, body) => {
      expect(sentAt).toBeGreaterThanOrEqual(0);
      res.end(body);
    };
    const answer = await send(new URL(`${base}/x`), {
      method: 'POST',
      headers: {},
      body: 'hello',
      onSent: () => {
        sentAt = seen.length;
      },
    });
    expect(answer.body.toString()).toBe('hello');
    expect(sentAt).toBe(0);
    handler = () => {};
    await expect(
      send(new URL(`${base}/slow`), { method: 'GET', headers: {}, timeoutMs: 50 }),
    ).rejects.toThrow('no answer within 50 ms');
  });
});
