// The run's first question to GitHub, sent the moment the process starts: the snapshot query of
// the files to bump, over plain node:http(s), while the rest of the action (the GitHub client, the
// engine) is still loading; the network wait and the loading then overlap. The GitHub client
// (api.ts) takes the answer only for the very same question (document, variables, endpoint and
// token all equal), and only once; any other answer (an error status, GraphQL errors, a timeout, a
// broken connection) is dropped and the client asks again through its own retries and error
// messages. So an early read changes when the first request is sent, never what the run does.
import type { IncomingMessage } from 'node:http';
import { snapshotRequest } from './documents.js';
import type { SnapshotQuery } from './port.js';

/** Where the question goes and who asks it. */
export interface EarlyTarget {
  graphqlUrl: string;
  token: string;
  /** Abandon the early answer after this many milliseconds (the client then asks again). */
  timeoutMs: number;
}

/** A snapshot question sent early, and its answer (the GraphQL `data`, or undefined). */
export class EarlyRead {
  private answer?: Promise<unknown>;
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
      .finally(sent);
  }

  /** Sends the snapshot question for `query` now. Never throws; a failure is an empty answer. */
  static send(target: EarlyTarget, query: SnapshotQuery): EarlyRead {
    return new EarlyRead(target, JSON.stringify(snapshotRequest(query)));
  }

  /** Whether this question was asked of `graphqlUrl` with `token` (the client's connection). */
  sentBy(graphqlUrl: string, token: string): boolean {
    return this.target.graphqlUrl === graphqlUrl && this.target.token === token;
  }

  /**
   * The answer's data when `query` and `variables` are exactly the question sent, else undefined;
   * the first call that matches takes it (a later round must read afresh).
   */
  take(query: string, variables: Record<string, unknown>): Promise<unknown> | undefined {
    if (!this.answer || JSON.stringify({ query, variables }) !== this.body) return undefined;
    const answer = this.answer;
    this.answer = undefined;
    return answer;
  }
}

/** POSTs the body (calling `sent` once it is written); resolves to the `data` of a 200 answer without `errors`, else undefined. */
async function post(target: EarlyTarget, body: string, sent: () => void): Promise<unknown> {
  const url = new URL(target.graphqlUrl);
  const { request } =
    url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      timeout: target.timeoutMs,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `token ${target.token}`,
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'gitops-bump',
      },
    });
    req.on('finish', sent);
    req.on('response', resolve);
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end(body);
  });
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  if (response.statusCode !== 200) return undefined;
  const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    data?: unknown;
    errors?: unknown[];
  };
  return answer.errors?.length || !answer.data ? undefined : answer.data;
}
