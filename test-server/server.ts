import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from './auth.js';
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

/** Starts a GitHub API lookalike on 127.0.0.1 backed by bare git repositories. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const ownDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'gitops-test-server-')));
  const store = new Store(dir);
  if (opts.blobTextLimit !== undefined) store.blobTextLimit = opts.blobTextLimit;
  if (opts.treeEntryLimit !== undefined) store.treeEntryLimit = opts.treeEntryLimit;
  if (opts.treeByteLimit !== undefined) store.treeByteLimit = opts.treeByteLimit;
  const injectors: Injector[] = [];
  const requests: RequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const used = new Map<string, number>();
  const resetAt = Math.floor(Date.now() / 1000) + 3600;
  let base = '';

  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: e instanceof Error ? e.message : String(e) }));
      }
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, base);
    const method = (req.method ?? 'GET').toUpperCase();
    let path = parsed.pathname;
    let apiBase = base;
    if (path === '/api/graphql') path = '/graphql';
    else if (path.startsWith('/api/v3/') || path === '/api/v3') {
      path = path.slice('/api/v3'.length) || '/';
      apiBase = `${base}/api/v3`;
    }
    const urls: Urls = { api: apiBase, web: base };
    const record: RequestRecord = { method, path, url: rawUrl, status: 0, at: started };
    requests.push(record);

    const raw = await readBody(req);
    let body: unknown;
    let status = 200;
    let payload: unknown;
    let rawOut: Buffer | undefined;
    let headers: Record<string, string> = {};
    let resource = path === '/graphql' ? 'graphql' : 'core';
    let token = '';

    const perform = async (): Promise<void> => {
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new ApiError(400, 'Problems parsing JSON');
        }
      }
      const caller = store.tokens.authenticate(req.headers.authorization);
      token = caller.token;
      if (path === '/graphql' && method === 'POST') {
        const outcome = await handleGraphql(store, caller, urls, body);
        record.operationName = outcome.operationName;
        record.graphqlFields = outcome.fields;
        payload = outcome.body;
        return;
      }
      resource = 'core';
      const out = await handleRest(store, {
        method,
        path,
        query: parsed.searchParams,
        body,
        accept: String(req.headers.accept ?? ''),
        caller,
        urls,
      });
      status = out.status;
      payload = out.body;
      rawOut = out.raw;
      headers = out.headers ?? {};
    };

    const run = async (): Promise<void> => {
      try {
        await perform();
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        status = e.status;
        payload = e.body();
        headers = {};
      }
    };

    let parsedForInjection: unknown;
    try {
      parsedForInjection = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      parsedForInjection = raw.toString('utf8');
    }
    if (path === '/graphql') {
      // Fill in operation details for the log even when an injector short-circuits the request.
      const described = describeGraphql(parsedForInjection);
      record.operationName = described.operationName;
      record.graphqlFields = described.fields;
    }
    let injected: InjectedResponse | undefined;
    for (const fn of injectors) {
      injected = fn({ method, path, body: parsedForInjection });
      if (injected) break;
    }
    if (injected?.before) await injected.before();
    if (injected && injected.status === undefined) {
      await delay(injected.hangMs ?? 0, timers);
      await run();
    } else if (injected && injected.status !== undefined) {
      if (injected.applyThenFail) await run();
      await delay(injected.hangMs ?? 0, timers);
      status = injected.status;
      payload = injected.body;
      rawOut = undefined;
      headers = injected.headers ?? {};
    } else {
      await run();
    }

    const key = `${token}:${resource}`;
    // The window rolls over early so that clients honouring x-ratelimit-remaining never stall.
    const count = ((used.get(key) ?? 0) % 4000) + 1;
    used.set(key, count);
    const wait = (opts.latencyMs ?? 0) - (Date.now() - started);
    await delay(wait, timers);
    record.status = status;
    const out: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': `${randomBytes(2).toString('hex').toUpperCase()}:${randomBytes(3).toString('hex').toUpperCase()}:${randomBytes(4).toString('hex').toUpperCase()}:${randomBytes(4).toString('hex').toUpperCase()}:${Math.floor(
        Date.now() / 1000,
      )
        .toString(16)
        .toUpperCase()}`,
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - count)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-used': String(count),
      'x-ratelimit-resource': resource,
      'x-content-type-options': 'nosniff',
      ...headers,
    };
    if (rawOut) {
      res.writeHead(status, out);
      res.end(rawOut);
    } else if (payload === undefined || status === 204 || status === 304) {
      delete out['content-type'];
      res.writeHead(status, out);
      res.end();
    } else {
      res.writeHead(status, out);
      res.end(JSON.stringify(payload));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  store.urls = { api: base, web: base };

  return {
    url: base,
    apiUrl: `${base}/api/v3`,
    graphqlUrl: `${base}/graphql`,
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
    requests,
    resetRequests() {
      requests.length = 0;
    },
    inject(fn) {
      injectors.push(fn);
    },
    clearInjectors() {
      injectors.length = 0;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
