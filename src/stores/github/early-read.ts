// The run's first question to GitHub, sent the moment the inputs are read (src/action/start.ts):
// the snapshot query of the files to bump or, when a glob names them, the listing of the branch's
// tree, over plain node:http(s), while the rest of the action (the GitHub client, the engine) is
// still loading; the network wait and the loading overlap.
// The client's fetch (octokit.ts) answers its first request from it when that request is the
// very same question (method, address, and for the snapshot document and variables equal;
// connect.ts checks the endpoints and the token), as the response GitHub gave: status, headers and
// body, so that the client does exactly what it would have done with it (a 401 is reported, a
// rate limit waited out, a 502 retried). Only a failure to get any answer (no connection, a
// timeout) makes the client ask again itself.

import { type RawAnswer, send, toResponse, warmDecoder } from '../http.js';
import { snapshotRequest } from './documents.js';
import type { Endpoints } from './endpoints.js';
import type { RepoName, SnapshotQuery } from './port.js';

/** Where the question goes and who asks it. */
export interface EarlyTarget extends Endpoints {
  token: string;
  /** Give up on the early answer after this many milliseconds (the client then asks itself). */
  timeoutMs: number;
}

/** The first question: the files' snapshot, or the listing of a branch's tree (for globs). */
export type EarlyQuestion =
  | { kind: 'snapshot'; query: SnapshotQuery }
  | { kind: 'tree'; repo: RepoName; ref: string };

/** The question as an HTTP request. */
interface Asked {
  method: 'GET' | 'POST';
  url: string;
  /** POST only: the canonical body (query and variables). */
  body?: string;
}

/**
 * The request the client makes for `question`: the snapshot as GitHubApi.snapshot posts it, the
 * listing as GitHubApi.listPaths first gets it (`GET .../git/trees/{ref}?recursive=true`, the
 * path parameter encoded as Octokit's URL template does; tested against it).
 */
function asked(target: Endpoints, question: EarlyQuestion): Asked {
  if (question.kind === 'snapshot')
    return {
      method: 'POST',
      url: target.graphqlUrl,
      body: JSON.stringify(snapshotRequest(question.query)),
    };
  const { owner, name } = question.repo;
  const path = [owner, name].map(encodeURIComponent).join('/');
  return {
    method: 'GET',
    url: `${target.apiUrl}/repos/${path}/git/trees/${encodeURIComponent(question.ref)}?recursive=true`,
  };
}

type Fetch = typeof fetch;

/** How long a door waits at most for the question to be on the wire before it loads on. */
const ON_THE_WIRE_CAP_MS = 1000;

/** A first question sent early, and GitHub's answer to it. */
export class EarlyRead {
  private answer?: Promise<RawAnswer | undefined>;
  private arrived = false;
  /** Settles once the question is on the wire (or failed to get there). */
  readonly sent: Promise<void>;

  private constructor(
    private readonly target: EarlyTarget,
    private readonly asked: Asked,
  ) {
    let sent = () => {};
    this.sent = new Promise((resolve) => {
      sent = resolve;
    });
    this.answer = ask(target, asked, sent)
      .catch(() => undefined)
      .finally(() => {
        this.arrived = true;
        sent();
      });
  }

  /** Sends `question` now. Never throws. */
  static send(target: EarlyTarget, question: EarlyQuestion): EarlyRead {
    return new EarlyRead(target, asked(target, question));
  }

  /**
   * Settles once the question is on the wire, or after `capMs` (whichever comes first). The rest
   * of the action loads synchronously (CommonJS chunks, script/build.mjs), which would hold the
   * connection and the request back until it is done: the entry waits for this first. Waiting
   * costs nothing when the answer takes longer than the loading (GitHub's server time alone
   * does), and the cap keeps a connection that hangs from holding the run back.
   */
  onTheWire(capMs = ON_THE_WIRE_CAP_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const capped = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, capMs);
      timer.unref();
    });
    return Promise.race([this.sent, capped]).finally(() => clearTimeout(timer));
  }

  /** Whether GitHub's answer (or the failure to get one) is in. */
  get answered(): boolean {
    return this.arrived;
  }

  /** Whether this question was asked of these endpoints with `token` (the client's connection). */
  sentBy(endpoints: Endpoints, token: string): boolean {
    const { apiUrl, graphqlUrl } = this.target;
    return (
      apiUrl === endpoints.apiUrl &&
      graphqlUrl === endpoints.graphqlUrl &&
      this.target.token === token
    );
  }

  /**
   * `inner`, except that the first request asking this very question gets GitHub's answer to it
   * (once: a later round must read afresh). Without an answer it goes to `inner` as usual.
   */
  wrap(inner: Fetch): Fetch {
    return async (input, init) => {
      const answer = this.claim(input, init);
      const got = answer && (await answer);
      if (!got) return inner(input, init);
      return toResponse(got, this.asked.url);
    };
  }

  /** The answer, when `input` and `init` are this question and it was not claimed before. */
  private claim(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]) {
    if (!this.answer || (init?.method ?? 'GET').toUpperCase() !== this.asked.method)
      return undefined;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== this.asked.url) return undefined;
    if (this.asked.method === 'POST' && canonical(init?.body) !== this.asked.body) return undefined;
    const answer = this.answer;
    this.answer = undefined;
    return answer;
  }
}

/** A GraphQL request body as `asked` writes it (query and variables), or undefined. */
function canonical(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as { query?: unknown; variables?: unknown };
    return JSON.stringify({ query: parsed.query, variables: parsed.variables ?? {} });
  } catch {
    return undefined;
  }
}

/** Sends the request (calling `sent` once it is written); resolves to the whole answer. */
function ask(target: EarlyTarget, asked: Asked, sent: () => void): Promise<RawAnswer> {
  return send(new URL(asked.url), {
    method: asked.method,
    timeoutMs: target.timeoutMs,
    headers: {
      accept: 'application/vnd.github.v3+json',
      authorization: `token ${target.token}`,
      'user-agent': 'gitops-bump',
      ...(asked.body !== undefined && { 'content-type': 'application/json; charset=utf-8' }),
    },
    ...(asked.body !== undefined && { body: asked.body }),
    onSent: () => {
      sent();
      warmDecoder();
    },
  });
}
