// The one configured Octokit: GitHub.com or Enterprise URLs from the runner, proxy support from
// @actions/github (proxy.ts), a timeout per attempt, and the retry and throttling plugins tuned
// so that reads are retried on 5xx and timeouts, secondary rate limits are waited out within a
// bound, and writes are never re-sent blindly (the write layer checks whether a write landed
// first). The client is @octokit/core with those two plugins only: REST calls name their route
// (`octokit.request('GET /repos/{owner}/{repo}')`), so the thousand generated REST methods of
// @actions/github's client are never loaded.
import { Octokit as Core } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { httpFetch } from '../http.js';
import { quickYieldingBottleneck } from './bottleneck-yield.js';
import type { EarlyRead } from './early-read.js';
import type { Endpoints } from './endpoints.js';
import { proxyFetch } from './proxy.js';

export { type Endpoints, endpointsFromEnv, graphqlUrlFor } from './endpoints.js';

/** How the client behaves. */
export interface ClientOptions extends Endpoints {
  token: string;
  /** Abandon one attempt of a request after this many milliseconds. */
  timeoutMs: number;
  /** Wait out a secondary rate limit only when GitHub asks for at most this many seconds. */
  maxRetryAfterSeconds?: number;
  /** Where the client's warnings go. */
  log?: { debug(message: string): void; warning(message: string): void };
  /** The first read, sent at start-up: its answer serves the first identical request. */
  early?: EarlyRead;
}

type Fetch = typeof fetch;

/** Wraps fetch so that each attempt is abandoned after `timeoutMs`. */
export function fetchWithTimeout(inner: Fetch, timeoutMs: number): Fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return inner(input, { ...init, signal });
  };
}

/** Statuses the retry plugin leaves alone: client errors, and 429, which the throttling plugin waits out by its retry-after. */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/** Builds the client. Mutations must pass `request: { retries: 0 }` (see `WRITE`). */
export function createOctokit(options: ClientOptions) {
  const Bottleneck = quickYieldingBottleneck();
  const Client = Core.plugin(retry, throttling);
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  // Through a proxy: @actions/github's fetch (undici with its ProxyAgent; run.ts loaded it
  // first). Otherwise node:http(s) (http.ts: a fresh process starts it faster than fetch).
  const baseFetch = proxyFetch() ?? httpFetch;
  const waitOrGiveUp =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      if (retryAfter <= maxRetryAfter && count < 3) {
        options.log?.warning(
          `GitHub ${kind} rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s, then retrying.`,
        );
        return true;
      }
      return false;
    };
  return new Client({
    auth: options.token,
    baseUrl: options.apiUrl,
    userAgent: 'gitops-bump',
    request: {
      fetch: options.early
        ? options.early.wrap(fetchWithTimeout(baseFetch, options.timeoutMs))
        : fetchWithTimeout(baseFetch, options.timeoutMs),
    },
    retry: { doNotRetry: DO_NOT_RETRY, retries: 3 },
    throttle: {
      // The default write group spaces writes and GraphQL calls a second apart; a bump makes
      // its few calls one after another, so no spacing is needed.
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      onSecondaryRateLimit: waitOrGiveUp('secondary'),
      // A primary limit at zero lasts until the reset time: fail fast and say when.
      onRateLimit: () => false,
    },
    log: {
      debug: (m: string) => options.log?.debug(m),
      info: (m: string) => options.log?.debug(m),
      warn: (m: string) => options.log?.warning(m),
      error: (m: string) => options.log?.warning(m),
    },
  });
}

/** The client type. */
export type Octokit = ReturnType<typeof createOctokit>;

/** Request options for a write: never retried by the plugin. */
export const WRITE = { request: { retries: 0 } } as const;
