// Requests over node:http and node:https, for the stores that talk HTTP: GitHub's early read
// (github/early-read.ts), GitHub's client without a proxy (github/octokit.ts passes `httpFetch`
// as Octokit's `request.fetch`) and the container registry's client (src/registry/client.ts).
// Why not node's fetch: a run makes one to a few requests, and node's fetch costs a fresh process
// more than the requests' own work. Its first use loads node's built-in undici and compiles its
// WebAssembly HTTP parser (about 60 ms of the main thread on the benchmark machine), and at exit
// node waits for V8 to finish optimising that parser on a background thread (about 70 ms more,
// for code that never runs again): a bump that found nothing to change took 229 ms, 1.8x its one
// request and node's start (bench/README.md). node:http parses in C++ and is compiled from
// node's code cache. The answer is read whole and handed over as fetch's Response presents it
// (status, headers, text(), json(), arrayBuffer(): what Octokit and the registry's client read),
// not as node's Response, whose first use loads undici's JavaScript. Requests share node's
// keep-alive agent: GitHub's first request reuses the early read's connection (one TLS handshake
// a run on github.com). Like fetch, `httpFetch` asks for compressed answers and decompresses
// them, follows redirects (dropping the token when the origin changes) unless told 'manual',
// rejects with a TypeError whose `cause` is the network error, and with the signal's reason on
// abort.
import type { IncomingMessage, RequestOptions } from 'node:http';

/** An HTTP answer, as received (the body decompressed). */
export interface RawAnswer {
  status: number;
  statusText: string;
  /** Name and value pairs, in the order received. */
  headers: Array<[string, string]>;
  body: Buffer;
}

/** One request. */
export interface RawRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Abandon the request after this many milliseconds of socket inactivity. */
  timeoutMs?: number;
  /** Called once the request has been written to the connection. */
  onSent?: () => void;
}

/** How many redirects a request follows, as fetch does. */
const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Statuses whose answer has no body. */
const NULL_BODY = new Set([204, 205, 304]);

/** Sends one request and reads the whole answer. Rejects with the network error. */
export async function send(url: URL, request: RawRequest): Promise<RawAnswer> {
  const { request: open } =
    url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' };
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body = request.body;
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const options: RequestOptions = {
    method: request.method,
    headers,
    ...(request.signal && { signal: request.signal }),
    ...(request.timeoutMs !== undefined && { timeout: request.timeoutMs }),
  };
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = open(url, options);
    if (request.onSent) req.on('finish', request.onSent);
    req.on('response', resolve);
    req.on('error', reject);
    // Only a request's own timeout ends it: node's global agent also times its idle sockets out
    // after 5 s, and that event would otherwise cut a slow answer (GitHub's writes can take
    // longer) that the caller's request-timeout still waits for.
    const limit = request.timeoutMs;
    if (limit !== undefined)
      req.on('timeout', () => req.destroy(new Error(`no answer within ${limit} ms`)));
    req.end(body);
  });
  const headerPairs: Array<[string, string]> = [];
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headerPairs.push([raw[i]!, raw[i + 1]!]);
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    headers: headerPairs,
    body: await readBody(response),
  };
}

/**
 * The answer's body, decompressed by its content-encoding. Read with the stream's events rather
 * than `for await`: a fresh process's first async iterator over a stream costs about 2 ms of
 * node's own loading, on the way from GitHub's answer to the next request.
 */
function readBody(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      ended = true;
      decode(Buffer.concat(chunks), response.headers['content-encoding']).then(resolve, reject);
    });
    response.on('close', () => {
      if (!ended) reject(new Error('the connection closed before the whole answer arrived'));
    });
  });
}

/** node:zlib, once imported (each dynamic import of the bundle builds a new namespace object). */
let zlib: typeof import('node:zlib') | undefined;

/** `body` decoded by its content-encoding. */
async function decode(body: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  const encoding = String(contentEncoding ?? '')
    .trim()
    .toLowerCase();
  if (!encoding || encoding === 'identity' || body.length === 0) return body;
  zlib ??= await import('node:zlib');
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body);
  if (encoding === 'deflate') return zlib.inflateSync(body);
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  throw new Error(`unsupported content-encoding ${encoding}`);
}

/**
 * An answer's headers as fetch's Headers presents them: names lower-cased, a repeated header's
 * values joined with ', ' (set-cookie's kept apart), iterated in name order.
 */
class AnswerHeaders {
  private readonly lists = new Map<string, string[]>();

  constructor(pairs: ReadonlyArray<readonly [string, string]>) {
    for (const [name, value] of pairs) {
      const key = name.toLowerCase();
      const list = this.lists.get(key);
      if (list) list.push(value);
      else this.lists.set(key, [value]);
    }
  }

  get(name: string): string | null {
    return this.lists.get(name.toLowerCase())?.join(', ') ?? null;
  }

  has(name: string): boolean {
    return this.lists.has(name.toLowerCase());
  }

  getSetCookie(): string[] {
    return [...(this.lists.get('set-cookie') ?? [])];
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.lists.keys()].sort()) {
      const list = this.lists.get(name)!;
      if (name === 'set-cookie') for (const value of list) yield [name, value];
      else yield [name, list.join(', ')];
    }
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/**
 * An answer read whole, as fetch's Response presents it to its readers here (Octokit's request
 * and the registry's client): status, statusText, ok, url, redirected, headers, and the body
 * once through text(), json() or arrayBuffer(). `body` is null: the bytes are already read, so
 * there is no stream to read or cancel. Not node's own Response: that class is undici's, and its
 * first use loads and compiles undici's JavaScript (about 30 ms of the main thread on a quiet
 * machine, 45 on a busy one), which a run pays between GitHub's first answer and its write
 * whenever loading the rest of the action already fills the wait.
 */
class Answer {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: AnswerHeaders;
  readonly body = null;
  private bytes: Buffer | undefined;

  constructor(
    answer: RawAnswer,
    readonly url: string,
    readonly redirected: boolean,
  ) {
    this.status = answer.status;
    this.statusText = answer.statusText;
    this.ok = answer.status >= 200 && answer.status <= 299;
    this.headers = new AnswerHeaders(answer.headers);
    this.bytes = NULL_BODY.has(answer.status) ? Buffer.alloc(0) : answer.body;
  }

  get bodyUsed(): boolean {
    return this.bytes === undefined;
  }

  /** The body, once: a second read fails as fetch's does. */
  private take(): Buffer {
    const bytes = this.bytes;
    if (bytes === undefined) throw new TypeError('Body is unusable: Body has already been read');
    this.bytes = undefined;
    return bytes;
  }

  async text(): Promise<string> {
    const text = this.take().toString('utf8');
    // As fetch's text(): UTF-8, a byte order mark dropped.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.take();
    return new Uint8Array(bytes).buffer;
  }
}

/**
 * The answer as fetch's Response (`url`: the address it came from, after redirects; `redirected`:
 * whether a redirect was followed to get there).
 */
export function toResponse(answer: RawAnswer, url = '', redirected = false): Response {
  return new Answer(answer, url, redirected) as unknown as Response;
}

type Fetch = typeof fetch;

/** The request's headers as a plain record (Octokit passes one; a Headers or pairs also work). */
function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  // Tested without naming Headers: the global loads undici on first use (see Answer).
  const entries =
    Symbol.iterator in headers
      ? [...(headers as Iterable<[string, string]>)]
      : Object.entries(headers as Record<string, string>);
  return Object.fromEntries(entries.map(([name, value]) => [name.toLowerCase(), String(value)]));
}

let responseReady = false;

/** `{}` compressed with gzip, as GitHub compresses its JSON answers. */
const GZIPPED_EMPTY_OBJECT = 'H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA==';

/**
 * Loads node:zlib and inflates once, on the next turn of the event loop (the first call only):
 * called when a request is on the wire, so that this fills the wait for the answer instead of
 * following it.
 */
export function warmDecoder(): void {
  if (responseReady) return;
  responseReady = true;
  // One answer decompressed as the client's will be: zlib's import and first inflate (about
  // 1.5 ms) happen here.
  setImmediate(() => {
    void decode(Buffer.from(GZIPPED_EMPTY_OBJECT, 'base64'), 'gzip').catch(() => undefined);
  });
}

/** The request's body, when it is one this client sends (Octokit's and the registry's: text). */
function requestBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new TypeError('gitops-bump: a request body must be a string or bytes');
}

/**
 * A fetch for Octokit over node:http(s): `input` a URL or string, `init` method, headers, body,
 * signal and redirect ('follow', the default, 'manual' or 'error').
 */
export const httpFetch: Fetch = async (input, init) => {
  if (typeof input !== 'string' && !(input instanceof URL))
    throw new TypeError('gitops-bump: a request takes a URL, not a Request');
  const signal = init?.signal ?? undefined;
  const redirect = init?.redirect ?? 'follow';
  let url = new URL(String(input));
  let method = (init?.method ?? 'GET').toUpperCase();
  let headers = headerRecord(init?.headers);
  let body = requestBody(init?.body);
  for (let redirects = 0; ; redirects++) {
    signal?.throwIfAborted();
    let answer: RawAnswer;
    try {
      answer = await send(url, {
        method,
        headers,
        onSent: warmDecoder,
        ...(body !== undefined && { body }),
        ...(signal && { signal }),
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new TypeError('fetch failed', { cause: error });
    }
    const location = answer.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
    if (!REDIRECTS.has(answer.status) || location === undefined || redirect === 'manual')
      return toResponse(answer, url.href, redirects > 0);
    if (redirect === 'error' || redirects >= MAX_REDIRECTS)
      throw new TypeError('fetch failed', {
        cause: new Error(`redirect to ${location} (${answer.status}) not followed`),
      });
    const next = new URL(location, url);
    // As fetch: a 303, and a 301 or 302 after a POST, become a GET without a body; the token is
    // not sent to another origin.
    if (
      answer.status === 303 ||
      ((answer.status === 301 || answer.status === 302) && method === 'POST')
    ) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      headers = Object.fromEntries(
        Object.entries(headers).filter(([name]) => !name.startsWith('content-')),
      );
    }
    if (next.origin !== url.origin) {
      const { authorization: _dropped, ...rest } = headers;
      headers = rest;
    }
    url = next;
  }
};
