// The test server's front door: an HTTP listener on 127.0.0.1 that records every request, applies
// the tests' injected faults, hands the request to the REST or GraphQL handlers and answers with
// GitHub's headers (request id, rate limits); plus the controls a test drives the server with.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ApiError } from './auth.js';
import { useGit } from './git-spawner.js';
import { describeGraphql, handleGraphql } from './graphql.js';
import type { PullRequestRecord, StatusState, TokenGrant } from './model.js';
import { recordStatus } from './pulls.js';
import { handleRest } from './rest.js';
import type { Urls } from './rest-shapes.js';
import { type CreateRepoOptions, type SpecialEntry, Store } from './store.js';

/** One request as the server saw it. */
export interface RequestRecord {
  method: string;
  /** Path without query string, with any `/api/v3` prefix removed and `/api/graphql` shown as `/graphql`. */
  path: string;
  /** The request target exactly as sent (with prefix and query). */
  url: string;
  status: number;
  operationName?: string;
  graphqlFields?: string[];
  /** When the request arrived (Date.now()), for rates such as writes per minute. */
  at: number;
  /** The User-Agent header: tells the action's early request from its client's. */
  userAgent?: string;
}

/** An injected answer; see `TestServer.inject`. */
export interface InjectedResponse {
  /** The status to answer; absent: the request is then handled normally (after `before`). */
  status?: number;
  /** Runs before the request is handled: e.g. another writer moving the branch first. */
  before?: () => Promise<void>;
  body?: unknown;
  headers?: Record<string, string>;
  hangMs?: number;
  applyThenFail?: boolean;
}

/** A fault-injection hook: return undefined to let the request through. */
export type Injector = (req: {
  method: string;
  path: string;
  body: unknown;
}) => undefined | InjectedResponse;

/** A commit as `log` reports it. */
export interface LogEntry {
  sha: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  /** True for commits GitHub would show as "Verified" (web-flow signed). */
  verified: boolean;
}

/** The running server and its test controls. */
export interface TestServer {
  url: string;
  apiUrl: string;
  graphqlUrl: string;
  createRepo(fullName: string, opts: CreateRepoOptions): Promise<void>;
  addToken(token: string, t: TokenGrant): void;
  /** Adds a GitHub user (GraphQL `user(login:)` finds only users that exist). */
  addUser(login: string): void;
  gitDir(fullName: string): string;
  readFile(fullName: string, ref: string, path: string): Promise<string | undefined>;
  headOf(fullName: string, branch: string): Promise<string | undefined>;
  log(fullName: string, branch: string): Promise<LogEntry[]>;
  pushCommit(
    fullName: string,
    branch: string,
    files: Record<string, string | null>,
    message: string,
  ): Promise<string>;
  /** Pushes symbolic links and submodules onto a branch. */
  pushSpecial(
    fullName: string,
    branch: string,
    entries: Record<string, SpecialEntry>,
    message: string,
  ): Promise<string>;
  setStatus(fullName: string, sha: string, context: string, state: StatusState): Promise<void>;
  pulls(fullName: string): PullRequestRecord[];
  requests: RequestRecord[];
  resetRequests(): void;
  inject(fn: Injector): void;
  clearInjectors(): void;
  close(): Promise<void>;
}

/** Options of `startTestServer`. */
export interface TestServerOptions {
  latencyMs?: number;
  dir?: string;
  /** Bytes of `Blob.text` GraphQL returns before it truncates (default 512 KiB). */
  blobTextLimit?: number;
  /** Entries the REST tree endpoint answers before it truncates (default 100,000, as GitHub). */
  treeEntryLimit?: number;
  /** Bytes of entries the REST tree endpoint answers before it truncates (default 7 MB). */
  treeByteLimit?: number;
}

function delay(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What the running server keeps between requests. */
interface ServerState {
  store: Store;
  injectors: Injector[];
  requests: RequestRecord[];
  timers: Set<NodeJS.Timeout>;
  /** Requests counted per `token:resource` rate-limit window. */
  used: Map<string, number>;
  resetAt: number;
  latencyMs: number;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  base: string;
}

/** One request, as the handlers see it. */
interface Incoming {
  req: IncomingMessage;
  method: string;
  /** Path without `/api/v3` prefix, `/api/graphql` shown as `/graphql`. */
  path: string;
  query: URLSearchParams;
  urls: Urls;
  raw: Buffer;
  record: RequestRecord;
}

/** The answer being built for one request, and whose rate-limit window it counts against. */
interface Answer {
  status: number;
  payload: unknown;
  raw?: Buffer;
  headers: Record<string, string>;
  resource: string;
  token: string;
  /** The request's place in its rate-limit window, once counted. */
  used?: number;
}

/** Where a request goes: GitHub.com paths, or GHES-style `/api/v3` and `/api/graphql`. */
function routeOf(pathname: string, base: string): { path: string; urls: Urls } {
  if (pathname === '/api/graphql') return { path: '/graphql', urls: { api: base, web: base } };
  if (pathname.startsWith('/api/v3/') || pathname === '/api/v3') {
    const path = pathname.slice('/api/v3'.length) || '/';
    return { path, urls: { api: `${base}/api/v3`, web: base } };
  }
  return { path: pathname, urls: { api: base, web: base } };
}

/** Authenticates the caller and runs the GraphQL or REST handler, filling `answer`. */
async function perform(state: ServerState, inc: Incoming, answer: Answer): Promise<void> {
  const store = state.store;
  let body: unknown;
  if (inc.raw.length > 0) {
    try {
      body = JSON.parse(inc.raw.toString('utf8'));
    } catch {
      throw new ApiError(400, 'Problems parsing JSON');
    }
  }
  const caller = store.tokens.authenticate(inc.req.headers.authorization);
  answer.token = caller.token;
  if (inc.path === '/graphql' && inc.method === 'POST') {
    // Counted now, so that the query's rateLimit { used } is this request's own count.
    answer.used = countRequest(state, answer);
    const usage = { used: answer.used, resetAt: state.resetAt };
    const outcome = await handleGraphql(store, caller, inc.urls, body, usage);
    inc.record.operationName = outcome.operationName;
    inc.record.graphqlFields = outcome.fields;
    answer.payload = outcome.body;
    return;
  }
  answer.resource = 'core';
  const out = await handleRest(store, {
    method: inc.method,
    path: inc.path,
    query: inc.query,
    body,
    accept: String(inc.req.headers.accept ?? ''),
    caller,
    urls: inc.urls,
  });
  answer.status = out.status;
  answer.payload = out.body;
  answer.raw = out.raw;
  answer.headers = out.headers ?? {};
}

/** `perform`, with GitHub's API errors turned into their answers (anything else is a 500). */
async function performOrRefuse(state: ServerState, inc: Incoming, answer: Answer): Promise<void> {
  try {
    await perform(state, inc, answer);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    answer.status = e.status;
    answer.payload = e.body();
    answer.headers = {};
  }
}

/** The first injected answer that claims the request, with the request logged as GraphQL sees it. */
function injectionFor(state: ServerState, inc: Incoming): InjectedResponse | undefined {
  let body: unknown;
  try {
    body = inc.raw.length > 0 ? JSON.parse(inc.raw.toString('utf8')) : undefined;
  } catch {
    body = inc.raw.toString('utf8');
  }
  if (inc.path === '/graphql') {
    // Fill in operation details for the log even when an injector short-circuits the request.
    const described = describeGraphql(body);
    inc.record.operationName = described.operationName;
    inc.record.graphqlFields = described.fields;
  }
  for (const fn of state.injectors) {
    const injected = fn({ method: inc.method, path: inc.path, body });
    if (injected) return injected;
  }
  return undefined;
}

/** Handles the request, or lets an injected answer delay, replace or follow it. */
async function answerRequest(state: ServerState, inc: Incoming, answer: Answer): Promise<void> {
  const injected = injectionFor(state, inc);
  if (injected?.before) await injected.before();
  if (!injected) {
    await performOrRefuse(state, inc, answer);
  } else if (injected.status === undefined) {
    await delay(injected.hangMs ?? 0, state.timers);
    await performOrRefuse(state, inc, answer);
  } else {
    if (injected.applyThenFail) await performOrRefuse(state, inc, answer);
    await delay(injected.hangMs ?? 0, state.timers);
    answer.status = injected.status;
    answer.payload = injected.body;
    answer.raw = undefined;
    answer.headers = injected.headers ?? {};
  }
}

/** A request id shaped like GitHub's `x-github-request-id`. */
function requestId(): string {
  const hex = (n: number) => randomBytes(n).toString('hex').toUpperCase();
  const time = Math.floor(Date.now() / 1000)
    .toString(16)
    .toUpperCase();
  return `${hex(2)}:${hex(3)}:${hex(4)}:${hex(4)}:${time}`;
}

/** Counts the request against its token's rate-limit window: its `used`. */
function countRequest(state: ServerState, answer: Answer): number {
  const key = `${answer.token}:${answer.resource}`;
  // The window rolls over early so that clients honouring x-ratelimit-remaining never stall.
  const count = ((state.used.get(key) ?? 0) % 4000) + 1;
  state.used.set(key, count);
  return count;
}

/** Counts the request (unless counted already) and returns GitHub's response headers. */
function responseHeaders(state: ServerState, answer: Answer): Record<string, string> {
  const count = answer.used ?? countRequest(state, answer);
  return {
    'content-type': 'application/json; charset=utf-8',
    'x-github-request-id': requestId(),
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': String(Math.max(0, 5000 - count)),
    'x-ratelimit-reset': String(state.resetAt),
    'x-ratelimit-used': String(count),
    'x-ratelimit-resource': answer.resource,
    'x-content-type-options': 'nosniff',
    ...answer.headers,
  };
}

/** The answer's body as sent, and the headers that go with it. */
interface Sent {
  headers: Record<string, string>;
  body?: string | Buffer;
}

/**
 * The body of `answer`: a JSON payload is gzip-compressed when the request accepts gzip, as
 * GitHub's API compresses its answers (clients that ask, such as fetch and the action's own
 * node:http client, then decompress them).
 */
function bodyOf(answer: Answer, headers: Record<string, string>, acceptsGzip: boolean): Sent {
  if (answer.raw) return { headers, body: answer.raw };
  if (answer.payload === undefined || answer.status === 204 || answer.status === 304) {
    const { 'content-type': _none, ...rest } = headers;
    return { headers: rest };
  }
  const json = JSON.stringify(answer.payload);
  if (!acceptsGzip) return { headers, body: json };
  return {
    headers: { ...headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' },
    body: gzipSync(json),
  };
}

/** Serves one request: record it, answer it, wait out the configured latency, send. */
async function serve(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const url = req.url ?? '/';
  const parsed = new URL(url, state.base);
  const method = (req.method ?? 'GET').toUpperCase();
  const { path, urls } = routeOf(parsed.pathname, state.base);
  const record: RequestRecord = { method, path, url, status: 0, at: started };
  if (req.headers['user-agent']) record.userAgent = req.headers['user-agent'];
  state.requests.push(record);
  const raw = await readBody(req);
  const inc: Incoming = { req, method, path, query: parsed.searchParams, urls, raw, record };
  const answer: Answer = {
    status: 200,
    payload: undefined,
    headers: {},
    resource: path === '/graphql' ? 'graphql' : 'core',
    token: '',
  };
  await answerRequest(state, inc, answer);
  const acceptsGzip = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
  const sent = bodyOf(answer, responseHeaders(state, answer), acceptsGzip);
  await delay(state.latencyMs - (Date.now() - started), state.timers);
  record.status = answer.status;
  res.writeHead(answer.status, sent.headers);
  res.end(sent.body);
}

/** The test controls that read and seed repositories. */
function repoControls(store: Store): Pick<TestServer, RepoControl> {
  return {
    createRepo: (fullName, o) => store.createRepo(fullName, o),
    addToken: (token, t) => store.tokens.add(token, t),
    addUser: (login) => {
      store.tokens.user(login, 'User');
    },
    gitDir: (fullName) => store.gitDir(fullName),
    async readFile(fullName, ref, path) {
      const repo = store.must(fullName);
      const commit = await repo.git.resolveCommit(ref);
      if (!commit) return undefined;
      const entry = await repo.git.entryAt(commit, path);
      if (entry?.type !== 'blob') return undefined;
      return (await repo.git.readBlob(entry.sha))?.toString('utf8');
    },
    headOf: (fullName, branch) => store.must(fullName).git.branchHead(branch),
    async log(fullName, branch) {
      const repo = store.must(fullName);
      const head = await repo.git.branchHead(branch);
      if (!head) return [];
      return (await repo.git.log(head)).map((c) => ({
        sha: c.sha,
        parents: c.parents,
        message: c.message,
        author: c.author,
        committer: c.committer,
        verified: repo.verified.has(c.sha),
      }));
    },
    pushCommit: (fullName, branch, files, message) =>
      store.pushCommit(fullName, branch, files, message),
    pushSpecial: (fullName, branch, entries, message) =>
      store.pushSpecial(fullName, branch, entries, message),
    async setStatus(fullName, sha, context, state) {
      const repo = store.must(fullName);
      await recordStatus(store, repo, sha, { state, context }, 'ci-bot');
    },
    pulls: (fullName) => store.must(fullName).pulls.map((p) => ({ ...p, labels: [...p.labels] })),
  };
}

type RepoControl =
  | 'createRepo'
  | 'addToken'
  | 'addUser'
  | 'gitDir'
  | 'readFile'
  | 'headOf'
  | 'log'
  | 'pushCommit'
  | 'pushSpecial'
  | 'setStatus'
  | 'pulls';

function listen(server: Server): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts a GitHub API lookalike on 127.0.0.1 backed by bare git repositories. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'gitops-test-server-')));
  const releaseGit = useGit();
  const store = new Store(dir);
  if (opts.blobTextLimit !== undefined) store.blobTextLimit = opts.blobTextLimit;
  if (opts.treeEntryLimit !== undefined) store.treeEntryLimit = opts.treeEntryLimit;
  if (opts.treeByteLimit !== undefined) store.treeByteLimit = opts.treeByteLimit;
  const state: ServerState = {
    store,
    injectors: [],
    requests: [],
    timers: new Set(),
    used: new Map(),
    resetAt: Math.floor(Date.now() / 1000) + 3600,
    latencyMs: opts.latencyMs ?? 0,
    base: '',
  };
  const server = createServer((req, res) => {
    serve(state, req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: e instanceof Error ? e.message : String(e) }));
      }
    });
  });
  const base = `http://127.0.0.1:${await listen(server)}`;
  state.base = base;
  store.urls = { api: base, web: base };

  return {
    url: base,
    apiUrl: `${base}/api/v3`,
    graphqlUrl: `${base}/graphql`,
    ...repoControls(store),
    requests: state.requests,
    resetRequests() {
      state.requests.length = 0;
    },
    inject(fn) {
      state.injectors.push(fn);
    },
    clearInjectors() {
      state.injectors.length = 0;
    },
    async close() {
      for (const t of state.timers) clearTimeout(t);
      state.timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      releaseGit();
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
