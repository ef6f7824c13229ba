// The run's first question to GitHub, sent the moment the inputs are read (src/action/start.ts):
// the snapshot query of the files to bump, over plain node:http(s), while the rest of the action
// (the GitHub client, the engine) is still loading; the network wait and the loading overlap.
// The client's fetch (octokit.ts) answers its first request from it when that request is the
// very same question (endpoint, document and variables equal; connect.ts checks the token), as
// the response GitHub gave: status, headers and body, so that the client does exactly what it
// would have done with it (a 401 is reported, a rate limit waited out, a 502 retried). Only a
// failure to get any answer (no connection, a timeout) makes the client ask again itself.
import { snapshotRequest } from './documents.js';
import { type RawAnswer, readyResponse, send, toResponse } from './http.js';
import type { SnapshotQuery } from './port.js';

/** Where the question goes and who asks it. */
export interface EarlyTarget {
  graphqlUrl: string;
  token: string;
  /** Give up on the early answer after this many milliseconds (the client then asks itself). */
  timeoutMs: number;
}

type Fetch = typeof fetch;

/** A snapshot question sent early, and GitHub's answer to it. */
export class EarlyRead {
  private answer?: Promise<RawAnswer | undefined>;
  private arrived = false;
  /** Settles once the question is on the wire (or failed to get there). */
  readonly sent: Promise<void>;

  private constructor(
    private readonly target: EarlyTarget,
    private readonly body: string,
  ) {
    let sent = () => {};
    this.sent = new Promise((resolve) => {
      sent = resolve;
    });
    this.answer = post(target, body, sent)
      .catch(() => undefined)
      .finally(() => {
        this.arrived = true;
        sent();
      });
  }

  /** Sends the snapshot question for `query` now. Never throws. */
  static send(target: EarlyTarget, query: SnapshotQuery): EarlyRead {
    return new EarlyRead(target, JSON.stringify(snapshotRequest(query)));
  }

  /**
   * Settles once the question is on the wire, or after `capMs` (whichever comes first). The rest
   * of the action loads synchronously (CommonJS chunks, script/build.mjs), which would hold the
   * connection and the request back until it is done: the entry waits for this first. Waiting
   * costs nothing when the answer takes longer than the loading (GitHub's server time alone
   * does), and the cap keeps a connection that hangs from holding the run back.
   */
  onTheWire(capMs: number): Promise<void> {
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

  /** Whether this question was asked of `graphqlUrl` with `token` (the client's connection). */
  sentBy(graphqlUrl: string, token: string): boolean {
    return this.target.graphqlUrl === graphqlUrl && this.target.token === token;
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
      return toResponse(got, this.target.graphqlUrl);
    };
  }

  /** The answer, when `input` and `init` are this question and it was not claimed before. */
  private claim(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]) {
    if (!this.answer || init?.method !== 'POST' || typeof init.body !== 'string') return undefined;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== this.target.graphqlUrl) return undefined;
    let asked: { query?: unknown; variables?: unknown };
    try {
      asked = JSON.parse(init.body) as typeof asked;
    } catch {
      return undefined;
    }
    const same = JSON.stringify({ query: asked.query, variables: asked.variables ?? {} });
    if (same !== this.body) return undefined;
    const answer = this.answer;
    this.answer = undefined;
    return answer;
  }
}

/** POSTs the body (calling `sent` once it is written); resolves to the whole answer. */
function post(target: EarlyTarget, body: string, sent: () => void): Promise<RawAnswer> {
  return send(new URL(target.graphqlUrl), {
    method: 'POST',
    timeoutMs: target.timeoutMs,
    headers: {
      accept: 'application/vnd.github.v3+json',
      authorization: `token ${target.token}`,
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'gitops-bump',
    },
    body,
    onSent: () => {
      sent();
      readyResponse();
    },
  });
}
